"""Who runs a legislative process and who takes part in it (django-rules, autodiscovered).

The committee's people are the liaisons of the congress that opened the process (its
`congress`), the editors of its exercise when it belongs to one, and the platform's admins.
Citizens contribute, support, comment and answer the debate while the phase that opens each
thing is open, with a verified account when the process asks for one.
"""

import rules

from cocrea.core.models import User
from cocrea.core.rules import is_platform_admin
from cocrea.core.selectors import liaison_organization_ids
from cocrea.exercises.rules import can_edit_exercise, is_coordinator
from cocrea.lawmaking import selectors
from cocrea.lawmaking.models import LegislativeProcess, PhaseKind
from cocrea.participation.rules import is_moderator


def _signed_in(user: object) -> bool:
    return isinstance(user, User) and user.is_authenticated


@rules.predicate
def is_congress_liaison(user: object, process: LegislativeProcess | None) -> bool:
    if process is None or not _signed_in(user):
        return False
    return process.congress_id in liaison_organization_ids(user=user)


@rules.predicate
def edits_its_exercise(user: object, process: LegislativeProcess | None) -> bool:
    if process is None or process.exercise is None:
        return False
    return bool(can_edit_exercise(user, process.exercise))


@rules.predicate
def moderates_its_exercise(user: object, process: LegislativeProcess | None) -> bool:
    if process is None or process.exercise is None:
        return False
    exercise = process.exercise
    return bool(is_moderator(user, exercise) or is_coordinator(user, exercise))


@rules.predicate
def may_open_processes(user: object) -> bool:
    """A liaison (the form offers their institutions as the congress) or an exercise's editor
    (the form offers the legislatures)."""
    if not _signed_in(user):
        return False
    return bool(liaison_organization_ids(user=user) or selectors.editable_exercise_ids(user=user))


def _in_phase(kind: str) -> rules.Predicate:
    def predicate(user: object, process: LegislativeProcess | None) -> bool:
        if process is None or not _signed_in(user):
            return False
        return selectors.phase_is_open(process=process, kind=kind) and selectors.meets_verification(
            user=user, process=process
        )

    return rules.Predicate(predicate, name=f"in_{kind}_phase")


can_manage = is_platform_admin | is_congress_liaison | edits_its_exercise

rules.add_perm("lawmaking.add_process", is_platform_admin | may_open_processes)
rules.add_perm("lawmaking.manage_process", can_manage)
rules.add_perm("lawmaking.moderate", can_manage | moderates_its_exercise)
rules.add_perm("lawmaking.contribute", _in_phase(PhaseKind.CONTRIBUTIONS))
rules.add_perm("lawmaking.answer_debate", _in_phase(PhaseKind.DEBATE))
