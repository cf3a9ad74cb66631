"""Who handles a citizen's report (the liaisons of the institution it is routed to), and who
manages the report categories, their questions and deadlines, and the days off.

Categories and days off are kept per state, by those who run it, never in one national list:
- the coordination of an exercise, for the institutions in its exercise's territory and the
  list of its state (a national exercise: the national list, and the whole country's days off);
- the administration and the liaisons of an institution, for their institution's categories;
- the platform administration, everything.
"""

import rules

from cocrea.core.models import Territory, User
from cocrea.core.rules import is_platform_admin
from cocrea.core.selectors import liaison_organization_ids
from cocrea.reports.models import Category, Report
from cocrea.reports.selectors import covers_category, covers_territory, management_scope


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


@rules.predicate
def manages_some_category(user: object) -> bool:
    return bool(management_scope(user=user))


@rules.predicate
def manages_category(user: object, category: Category | None) -> bool:
    if not isinstance(category, Category):
        return False
    return covers_category(management_scope(user=user), category)


@rules.predicate
def manages_days_off(user: object, territory: Territory | None) -> bool:
    """The days off of `territory` (None: the whole country's)."""
    return covers_territory(management_scope(user=user), territory)


# The page of categories shows its tools, and a new category may be started, to anyone who
# manages some; the category itself must then be theirs (checked on save).
rules.add_perm("reports.add_category", is_platform_admin | manages_some_category)
rules.add_perm("reports.change_category", is_platform_admin | manages_category)
rules.add_perm("reports.manage_days_off", is_platform_admin | manages_days_off)
