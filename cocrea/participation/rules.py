"""Who runs consultations, moderates, answers and supports proposals (django-rules,
autodiscovered)."""

import rules

from cocrea.core.models import User
from cocrea.core.rules import is_platform_admin
from cocrea.exercises.models import Exercise, ExerciseRole
from cocrea.exercises.rules import can_edit_exercise, is_coordinator
from cocrea.exercises.selectors import exercise_roles_of
from cocrea.participation import selectors
from cocrea.participation.models import Consultation


@rules.predicate
def is_moderator(user: object, exercise: Exercise | None) -> bool:
    if exercise is None or not isinstance(user, User) or not user.is_authenticated:
        return False
    return ExerciseRole.MODERATOR in exercise_roles_of(user=user, exercise=exercise)


@rules.predicate
def may_support(user: object, consultation: Consultation | None) -> bool:
    """A signed-in account, while the consultation is open, verified if it asks for that: who
    is offered the support buttons. services.support_add checks the same (with the same
    selector), and then the person's limit and whether they already support the proposal."""
    if consultation is None or not isinstance(user, User) or not user.is_authenticated:
        return False
    return consultation.is_open() and selectors.meets_verification(
        user=user, consultation=consultation
    )


rules.add_perm("participation.manage_consultation", can_edit_exercise)
rules.add_perm("participation.moderate", is_moderator | is_coordinator | is_platform_admin)
rules.add_perm("participation.support", may_support)
