"""Who handles a citizen's report: the liaisons of the institution it is routed to."""

import rules

from cocrea.core.selectors import liaison_organization_ids
from cocrea.reports.models import Report


@rules.predicate
def is_institution_liaison(user: object, report: Report | None) -> bool:
    if not isinstance(report, Report):
        return False
    return report.institution_id in liaison_organization_ids(user=user)


rules.add_perm("reports.handle_report", rules.is_superuser | is_institution_liaison)
