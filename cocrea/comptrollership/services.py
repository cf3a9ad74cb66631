"""Writes of social comptrollership: works, their committees and the committees' inspections."""

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from cocrea.comptrollership.models import Committee, Inspection, PublicWork
from cocrea.core.models import Organization, Territory, User
from cocrea.core.services import not_in_future, record_assign, record_save
from cocrea.reports.photos import CleanPhoto, photos_attach


class WorkFields(TypedDict, total=False):
    name: str
    description: str
    institution: Organization
    municipality: Territory | None
    location: str
    latitude: Decimal | None
    longitude: Decimal | None
    budget: Decimal | None
    contractor: str
    starts_on: dt.date | None
    ends_on: dt.date | None
    progress: int


@transaction.atomic
def work_save(*, actor: User, work: PublicWork, **fields: Unpack[WorkFields]) -> PublicWork:
    record_assign(work, fields)
    if work.starts_on and work.ends_on and work.ends_on < work.starts_on:
        raise ValidationError({"ends_on": _("El término es anterior al inicio de la obra.")})
    if work.budget is not None and work.budget < 0:
        raise ValidationError({"budget": _("El presupuesto no puede ser negativo.")})
    if (work.latitude is None) != (work.longitude is None):
        missing = "longitude" if work.longitude is None else "latitude"
        raise ValidationError({missing: _("Escribe la latitud y la longitud, o ninguna.")})
    record_save(instance=work, actor=actor, only=fields.keys())
    return work


MAX_RECORDERS = 30


def _recorders(emails: Sequence[str]) -> list[User]:
    if len(emails) > MAX_RECORDERS:
        raise ValidationError(
            {"recorder_emails": _("Hasta %d capturistas por comité.") % MAX_RECORDERS}
        )
    matches = Q(pk__in=[])
    for email in emails:
        matches |= Q(email__iexact=email)
    found = {u.email.lower(): u for u in User.objects.filter(matches).only("id", "email")}
    missing = [email for email in emails if email not in found]
    if missing:
        raise ValidationError(
            {
                "recorder_emails": _(
                    "No hay cuenta con %(emails)s: pide que se registren y vuelve a intentarlo."
                )
                % {"emails": ", ".join(missing)}
            }
        )
    return list(found.values())


class CommitteeFields(TypedDict, total=False):
    name: str
    members: int
    trained_on: dt.date | None
    commitment_letter_signed: bool
    is_observatory: bool
    citizen_comptrollers: int


@transaction.atomic
def committee_save(
    *,
    actor: User,
    committee: Committee,
    recorder_emails: Sequence[str] | None = None,
    **fields: Unpack[CommitteeFields],
) -> Committee:
    """Saves a committee; `recorder_emails` (None: unchanged) names who files its sheets."""
    record_assign(committee, fields)
    not_in_future(
        "trained_on", committee.trained_on, _("La capacitación no puede estar en el futuro.")
    )
    if committee.citizen_comptrollers > committee.members:
        raise ValidationError(
            {"citizen_comptrollers": _("No puede haber más contralores que integrantes.")}
        )
    recorders = None if recorder_emails is None else _recorders(recorder_emails)
    record_save(instance=committee, actor=actor, only=fields.keys())
    if recorders is not None:
        committee.recorders.set(recorders)
    return committee


@transaction.atomic
def inspection_create(
    *,
    actor: User,
    work: PublicWork,
    committee: Committee | None,
    held_on: dt.date,
    findings: str,
    progress_observed: int | None = None,
    photos: Sequence[CleanPhoto] = (),
) -> Inspection:
    """Files a committee's inspection sheet of a work, with its photos (already stripped)."""
    inspection = Inspection(
        public_work=work,
        committee=committee,
        held_on=held_on,
        findings=findings,
        progress_observed=progress_observed,
    )
    committee = inspection.committee
    if committee is None or committee.public_work_id != work.pk:
        raise ValidationError({"committee": _("Elige un comité de esta obra.")})
    not_in_future("held_on", inspection.held_on, _("La inspección no puede estar en el futuro."))
    record_save(instance=inspection, actor=actor)
    photos_attach(photos=photos, actor=actor, inspection=inspection)
    return inspection
