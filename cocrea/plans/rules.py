"""Who may see and edit plans, commitments and milestones (django-rules, autodiscovered).

Plans and commitments are edited by those who edit their exercise. Milestones, progress and
evidence are also updated by the liaisons of the commitment's lead institution. An institution's
liaisons are named by the platform administration and by the coordination of an exercise whose
commitments the institution leads or supports (organizations have no administrator role).
"""

import rules

from cocrea.core.models import Organization
from cocrea.core.rules import is_platform_admin, liaison_of
from cocrea.core.selectors import administered_organization_ids
from cocrea.exercises.models import Exercise
from cocrea.exercises.rules import can_edit_exercise, is_coordinator
from cocrea.plans.models import ActionPlan, Commitment
from cocrea.plans.selectors import coordinates_exercise_using


def _exercise_of(obj: object) -> Exercise | None:
    if isinstance(obj, Exercise):
        return obj
    if isinstance(obj, ActionPlan):
        return obj.exercise
    if isinstance(obj, Commitment):
        return obj.plan.exercise
    return None


@rules.predicate
def edits_its_exercise(user: object, obj: object) -> bool:
    return bool(can_edit_exercise.test(user, _exercise_of(obj)))


@rules.predicate
def coordinates_its_exercise(user: object, obj: object) -> bool:
    return bool(is_coordinator.test(user, _exercise_of(obj)))


is_lead_liaison = liaison_of(Commitment, lambda commitment: commitment.lead_institution_id)


@rules.predicate
def is_public(user: object, obj: object) -> bool:
    if isinstance(obj, ActionPlan):
        return obj.is_public
    if isinstance(obj, Commitment):
        return obj.is_published and obj.plan.is_public
    return False


@rules.predicate
def coordinates_an_exercise_using(user: object, organization: object) -> bool:
    """The coordination of an exercise whose commitments the institution leads or supports."""
    if not isinstance(organization, Organization):
        return False
    return coordinates_exercise_using(user=user, organization=organization)


rules.add_perm("plans.edit_plan", edits_its_exercise)
rules.add_perm("plans.view_plan", is_public | edits_its_exercise)
rules.add_perm("plans.view_commitment", is_public | edits_its_exercise | is_lead_liaison)
rules.add_perm("plans.update_milestones", edits_its_exercise | is_lead_liaison)
# A commitment's status is derived from its milestones; only the coordination (or the platform
# administration) fixes another one, with a recorded reason.
rules.add_perm("plans.override_status", is_platform_admin | coordinates_its_exercise)


@rules.predicate
def administers(user: object, organization: object) -> bool:
    """The institution's own administration (an organization role)."""
    if not isinstance(organization, Organization):
        return False
    return organization.pk in administered_organization_ids(user=user)


# The institution's administration names its liaisons; it is named by the platform's
# administration or the coordination of an exercise using the institution.
rules.add_perm(
    "plans.manage_liaisons", is_platform_admin | coordinates_an_exercise_using | administers
)
rules.add_perm("plans.name_institution_admins", is_platform_admin | coordinates_an_exercise_using)
