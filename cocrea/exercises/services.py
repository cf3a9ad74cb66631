"""Writes of exercises, their stages, secretariats, members, sessions and agreements.

Each service validates what it writes and keeps who made the change (django-simple-history).
"""

import datetime as dt
from collections.abc import Mapping
from typing import Any, TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cocrea.core.models import Organization, Territory, User
from cocrea.core.services import (
    FileValue,
    account_by_email,
    not_in_future,
    record_assign,
    record_save,
    unique_slug,
)
from cocrea.exercises.models import (
    STATE_TIME_ZONES,
    Agreement,
    Exercise,
    ExerciseMembership,
    ExerciseRole,
    Secretariat,
    SecretariatMember,
    SecretariatSession,
    SessionAttendance,
    StageReached,
    TimeZone,
)


def _ordered(start_field: str, start: Any, end_field: str, end: Any) -> None:
    if start and end and end < start:
        raise ValidationError(
            {end_field: _("Debe ser igual o posterior a «%s».") % start_field.replace("_", " ")}
        )


@transaction.atomic
def exercise_create(
    *,
    actor: User | None,
    territory: Territory,
    name: str,
    description: str = "",
    joined_on: dt.date | None = None,
    website: str = "",
) -> Exercise:
    exercise = Exercise(territory=territory, name=name, time_zone=_state_zone(territory))
    record_assign(
        exercise, {"description": description, "joined_on": joined_on, "website": website}
    )
    if not exercise.slug:
        exercise.slug = unique_slug(Exercise, territory.name)
    not_in_future("joined_on", exercise.joined_on)
    record_save(instance=exercise, actor=actor)
    return exercise


def _state_zone(territory: Territory) -> str:
    state_code = territory.inegi_code[:2]
    return STATE_TIME_ZONES.get(state_code, TimeZone.CENTRAL).value


class ExerciseFields(TypedDict, total=False):
    name: str
    description: str
    joined_on: dt.date | None
    website: str
    stale_after_days: int
    time_zone: str


@transaction.atomic
def exercise_update(
    *, actor: User | None, exercise: Exercise, **fields: Unpack[ExerciseFields]
) -> Exercise:
    record_assign(exercise, fields)
    not_in_future("joined_on", exercise.joined_on)
    record_save(instance=exercise, actor=actor)
    return exercise


@transaction.atomic
def exercise_reach_stage(
    *,
    actor: User | None,
    exercise: Exercise,
    stage: str,
    reached_on: dt.date | None,
    note: str = "",
) -> StageReached:
    """Records that `exercise` reached `stage` and makes it the current stage."""
    not_in_future("reached_on", reached_on)
    reached = StageReached.objects.filter(exercise=exercise, stage=stage).first() or StageReached(
        exercise=exercise, stage=stage
    )
    reached.reached_on, reached.note = reached_on, note
    record_save(instance=reached, actor=actor)
    if exercise.stage != stage:
        exercise.stage = stage
        record_save(instance=exercise, actor=actor, reason=_("Cambio de etapa"))
    return reached


@transaction.atomic
def membership_grant(
    *, actor: User | None, exercise: Exercise, email: str, role: str, sector: str = ""
) -> ExerciseMembership:
    """Gives an existing account with a verified address a role in `exercise`."""
    user = account_by_email(email=email)
    return _membership_set(actor=actor, exercise=exercise, user=user, role=role, sector=sector)


def _membership_set(
    *, actor: User | None, exercise: Exercise, user: User, role: str, sector: str
) -> ExerciseMembership:
    membership = ExerciseMembership.objects.filter(exercise=exercise, user=user, role=role).first()
    membership = membership or ExerciseMembership(exercise=exercise, user=user, role=role)
    membership.sector, membership.is_active = sector, True
    record_save(instance=membership, actor=actor)
    return membership


@transaction.atomic
def membership_revoke(*, actor: User | None, membership: ExerciseMembership) -> None:
    membership.is_active = False
    record_save(instance=membership, actor=actor)


class SecretariatFields(TypedDict, total=False):
    name: str
    acronym: str
    period: str
    installed_on: dt.date | None
    dissolved_on: dt.date | None
    composition: str
    rules_url: str


@transaction.atomic
def secretariat_save(
    *, actor: User | None, secretariat: Secretariat, **fields: Unpack[SecretariatFields]
) -> Secretariat:
    record_assign(secretariat, fields)
    not_in_future("installed_on", secretariat.installed_on)
    _ordered("installed_on", secretariat.installed_on, "dissolved_on", secretariat.dissolved_on)
    record_save(instance=secretariat, actor=actor)
    return secretariat


class MemberFields(TypedDict, total=False):
    secretariat: Secretariat
    person_name: str
    organization: Organization | None
    sector: str
    role: str
    position: str
    designated_on: dt.date | None
    ceased_on: dt.date | None


@transaction.atomic
def member_save(
    *,
    actor: User | None,
    member: SecretariatMember,
    account_email: str | None = None,
    **fields: Unpack[MemberFields],
) -> SecretariatMember:
    """Saves a member; `account_email` ties it to that account ("" unties it, None keeps it).

    A member in office tied to an account gets the exercise's secretariat role: the person who
    sits in the secretariat is the one who edits it. Untying or ending a seat takes no role away
    (that is done on the roles page).
    """
    record_assign(member, fields)
    _ordered("designated_on", member.designated_on, "ceased_on", member.ceased_on)
    not_in_future("ceased_on", member.ceased_on)
    if account_email is not None:
        member.account = (
            account_by_email(email=account_email, field="account_email") if account_email else None
        )
    record_save(instance=member, actor=actor)
    if member.account is not None and account_email and member.ceased_on is None:
        _membership_set(
            actor=actor,
            exercise=member.secretariat.exercise,
            user=member.account,
            role=ExerciseRole.SECRETARIAT,
            sector=member.sector,
        )
    return member


class SessionFields(TypedDict, total=False):
    secretariat: Secretariat
    kind: str
    number: int
    held_on: dt.date
    place: str
    summary: str
    minutes: FileValue


@transaction.atomic
def session_save(
    *,
    actor: User | None,
    session: SecretariatSession,
    attendance: Mapping[str, int | None],
    **fields: Unpack[SessionFields],
) -> SecretariatSession:
    """Saves a session with its attendance by sector (a sector left empty is removed)."""
    record_assign(session, fields)
    not_in_future("held_on", session.held_on)
    record_save(instance=session, actor=actor)
    for sector, present in attendance.items():
        _attendance_set(actor=actor, session=session, sector=sector, present=present)
    return session


def _attendance_set(
    *, actor: User | None, session: SecretariatSession, sector: str, present: int | None
) -> None:
    row = SessionAttendance.objects.filter(session=session, sector=sector).first()
    if present is None:
        if row is not None:
            row._history_user = actor  # type: ignore[attr-defined]
            row.delete()
        return
    row = row or SessionAttendance(session=session, sector=sector)
    if row.pk and row.present == present:
        return
    row.present = present
    record_save(instance=row, actor=actor)


class AgreementFields(TypedDict, total=False):
    number: str
    text: str
    responsible: str
    due_on: dt.date | None
    status: str


@transaction.atomic
def agreement_save(
    *, actor: User | None, agreement: Agreement, **fields: Unpack[AgreementFields]
) -> Agreement:
    record_assign(agreement, fields)
    record_save(instance=agreement, actor=actor)
    return agreement
