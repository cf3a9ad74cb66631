"""Who handles a citizen's report: the liaisons of the institution it is routed to."""

import rules

from cocrea.core.models import User
from cocrea.core.selectors import liaison_organization_ids
from cocrea.reports.models import Report


@rules.predicate
def is_institution_liaison(user: object, report: Report | None) -> bool:
    if not isinstance(report, Report):
        return False
    return report.institution_id in liaison_organization_ids(user=user)


rules.add_perm("reports.handle_report", rules.is_superuser | is_institution_liaison)


@rules.predicate
def may_change_reports(user: object) -> bool:
    # Staff given Django's model permission through the admin's groups.
    return isinstance(user, User) and user.is_staff and user.has_perm("reports.change_report")


# Moderation of reports is a platform task: admins, or staff given the model permission.
rules.add_perm("reports.redact_report", rules.is_superuser | may_change_reports)
