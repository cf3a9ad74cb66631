"""Who registers works and committees, and who files inspection sheets: the liaisons of the
institution responsible for a work, and the recorders its committees name."""

import rules

from cocrea.comptrollership.models import PublicWork
from cocrea.core.rules import liaison_of
from cocrea.core.selectors import liaison_organization_ids


@rules.predicate
def is_liaison(user: object) -> bool:
    return bool(liaison_organization_ids(user=user))


is_work_liaison = liaison_of(PublicWork, lambda work: work.institution_id)


@rules.predicate
def is_work_recorder(user: object, work: PublicWork | None) -> bool:
    if not isinstance(work, PublicWork) or not getattr(user, "is_authenticated", False):
        return False
    return work.committees.filter(recorders__pk=getattr(user, "pk", 0)).exists()


# Institutions register the works they are responsible for, and their committees; a committee's
# recorders (accounts the institution names) file inspection sheets.
rules.add_perm("comptrollership.add_work", rules.is_superuser | is_liaison)
rules.add_perm("comptrollership.change_work", rules.is_superuser | is_work_liaison)
rules.add_perm(
    "comptrollership.add_inspection", rules.is_superuser | is_work_liaison | is_work_recorder
)
