"""Who may edit an exercise and its secretariat (django-rules, autodiscovered).

Every permission here takes the exercise as its object: members, sessions and agreements are
edited by those who may edit the exercise they belong to.
"""

import rules

from cocrea.core.models import User
from cocrea.core.rules import is_platform_admin
from cocrea.exercises.models import Exercise, ExerciseRole
from cocrea.exercises.selectors import exercise_roles_of


def _has_role(user: object, exercise: Exercise | None, roles: set[str]) -> bool:
    if exercise is None or not isinstance(user, User) or not user.is_authenticated:
        return False
    return bool(exercise_roles_of(user=user, exercise=exercise) & roles)


@rules.predicate
def is_coordinator(user: object, exercise: Exercise | None) -> bool:
    return _has_role(user, exercise, {ExerciseRole.COORDINATOR})


@rules.predicate
def is_secretariat_member(user: object, exercise: Exercise | None) -> bool:
    return _has_role(user, exercise, {ExerciseRole.SECRETARIAT})


can_edit_exercise = is_platform_admin | is_coordinator | is_secretariat_member

rules.add_perm("exercises.edit_exercise", can_edit_exercise)
rules.add_perm("exercises.manage_roles", is_platform_admin | is_coordinator)
rules.add_perm("exercises.create_exercise", is_platform_admin)
