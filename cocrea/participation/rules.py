"""Who runs consultations, moderates and answers proposals (django-rules, autodiscovered)."""

import rules

from cocrea.core.models import User
from cocrea.core.rules import is_platform_admin
from cocrea.exercises.models import Exercise, ExerciseRole
from cocrea.exercises.rules import can_edit_exercise, is_coordinator
from cocrea.exercises.selectors import exercise_roles_of


@rules.predicate
def is_moderator(user: object, exercise: Exercise | None) -> bool:
    if exercise is None or not isinstance(user, User) or not user.is_authenticated:
        return False
    return ExerciseRole.MODERATOR in exercise_roles_of(user=user, exercise=exercise)


rules.add_perm("participation.manage_consultation", can_edit_exercise)
rules.add_perm("participation.moderate", is_moderator | is_coordinator | is_platform_admin)
