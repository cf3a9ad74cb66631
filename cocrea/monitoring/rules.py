"""Who files, validates and answers progress reports (django-rules, autodiscovered)."""

import rules

from cocrea.core.models import User
from cocrea.core.rules import is_platform_admin
from cocrea.exercises.models import ExerciseRole, SeatSector
from cocrea.exercises.rules import can_edit_exercise, is_coordinator
from cocrea.monitoring.models import ProgressReport
from cocrea.plans.models import Commitment
from cocrea.plans.rules import is_lead_liaison


def _commitment(obj: object) -> Commitment | None:
    if isinstance(obj, ProgressReport):
        return obj.commitment
    return obj if isinstance(obj, Commitment) else None


@rules.predicate
def leads_it(user: object, obj: object) -> bool:
    return bool(is_lead_liaison.test(user, _commitment(obj)))


def _active_in_its_exercise(user: object, obj: object, **seat: object) -> bool:
    """An active member of the commitment's exercise, in the given `seat` (role, sector)."""
    commitment = _commitment(obj)
    if commitment is None or not isinstance(user, User) or not user.is_authenticated:
        return False
    return user.exercise_memberships.filter(
        exercise_id=commitment.plan.exercise_id, is_active=True, **seat
    ).exists()


@rules.predicate
def is_civil_society_member(user: object, obj: object) -> bool:
    """An active secretariat member of the commitment's exercise, seated for civil society."""
    return _active_in_its_exercise(
        user, obj, role=ExerciseRole.SECRETARIAT, sector=SeatSector.CIVIL_SOCIETY
    )


@rules.predicate
def is_assessor(user: object, obj: object) -> bool:
    return _active_in_its_exercise(user, obj, role=ExerciseRole.ASSESSOR)


rules.add_perm("monitoring.assess", is_assessor | is_platform_admin)
rules.add_perm("monitoring.file_report", leads_it | is_platform_admin)
rules.add_perm("monitoring.review_report", is_civil_society_member)
rules.add_perm("monitoring.answer_review", leads_it | is_platform_admin)
rules.add_perm("monitoring.attest_standard", is_coordinator | is_platform_admin)
# The exercise's watch page (time-based rules) and its "run the checks now": whoever runs the
# exercise (coordination, secretariat) and platform admins.
rules.add_perm("monitoring.watch_exercise", can_edit_exercise)
