"""Writes of the legal timeline: suspensions, an institution's days off and unit, the terms of
a law, the shipped defaults, and recomputing the clocks they move."""

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from cocrea.core.models import Organization, Sector, Territory, TerritoryLevel, User
from cocrea.core.rules import is_platform_admin
from cocrea.core.selectors import liaison_organization_ids
from cocrea.requests import clock
from cocrea.requests.models import (
    InformationRequest,
    InstitutionDayOff,
    LegalProfile,
    LegalTerm,
    RequestEvent,
    Status,
    Step,
    Suspension,
    TransparencyUnit,
)

DEFAULTS = Path(__file__).resolve().parent / "data" / "legal_profiles.json"
# Whose clocks may still move: everything but the closed ones.
CLOSED = (Status.WITHDRAWN, Status.UNDER_APPEAL, Status.APPEAL_RESOLVED, Status.COMPLIED)
BATCH = 200


def _bodies_of(suspension: Suspension) -> Q:
    """The requests whose bodies a suspension stops."""
    if suspension.organization_id is not None:
        return Q(organization_id=suspension.organization_id)
    if suspension.territory_id is None:
        return Q()
    territory = suspension.territory
    if territory is not None and territory.level == TerritoryLevel.NATIONAL:
        return Q(organization__territory_id=territory.pk)
    return Q(organization__territory_id=suspension.territory_id) | Q(
        organization__territory__parent_id=suspension.territory_id,
        organization__territory__level=TerritoryLevel.MUNICIPALITY,
    )


def clocks_recompute_all(
    *,
    since: dt.date | None = None,
    suspension: Suspension | None = None,
    organization: Organization | None = None,
    profile: LegalProfile | None = None,
    today: dt.date | None = None,
) -> int:
    """Recomputes the clocks of the requests not closed (those whose dates reach `since`, of
    the bodies a suspension or `organization` names, of `profile`'s law); how many changed.

    Reads in batches (each batch's events in one query, each body's days off and each law's
    terms once) and writes each batch with one bulk update."""
    today = today or timezone.localdate()
    rows = InformationRequest.objects.exclude(status__in=CLOSED)
    if since is not None:
        reach = Q(due_on__isnull=True) | Q(clarification_due_on__gte=since)
        for name in ("due_on", "long_overdue_on", "appeal_due_on"):
            reach |= Q(**{f"{name}__gte": since})
        rows = rows.filter(reach)
    if suspension is not None:
        rows = rows.filter(_bodies_of(suspension))
    if organization is not None:
        rows = rows.filter(organization_id=organization.pk)
    if profile is not None and profile.territory_id is not None:
        rows = rows.filter(profile_id=profile.pk)
    return _recompute(rows.select_related("organization__territory__parent"), today)


def _recompute(rows: QuerySet[InformationRequest], today: dt.date) -> int:
    calendars: dict[int, clock.Calendar] = {}
    terms: dict[int, clock.Terms] = {}
    changed: list[InformationRequest] = []
    total = 0
    batch: list[InformationRequest] = []
    for request in rows.order_by("pk").iterator(chunk_size=BATCH):
        batch.append(request)
        if len(batch) == BATCH:
            total += _batch(batch, calendars, terms, changed, today)
            batch = []
    if batch:
        total += _batch(batch, calendars, terms, changed, today)
    return total


def _batch(
    batch: list[InformationRequest],
    calendars: dict[int, clock.Calendar],
    terms: dict[int, clock.Terms],
    changed: list[InformationRequest],
    today: dt.date,
) -> int:
    events: dict[int, list[RequestEvent]] = {request.pk: [] for request in batch}
    for event in (
        RequestEvent.objects.filter(request_id__in=list(events))
        .order_by("request_id", "at", "id")
        .only("request_id", "kind", "at")
    ):
        events[event.request_id].append(event)
    changed.clear()
    missing = {
        r.organization_id: r.organization for r in batch if r.organization_id not in calendars
    }
    if missing:
        first_year = min(timezone.localdate(r.filed_at).year for r in batch)
        calendars.update(clock.calendars_for(missing.values(), first_year, today.year + 1))
    for request in batch:
        calendar = calendars[request.organization_id]
        if request.profile_id not in terms:
            terms[request.profile_id] = clock.terms_of(request.profile_id)
        computed = clock._compute(
            request, events[request.pk], terms[request.profile_id], calendar, today
        )
        if clock._apply(request, computed):
            changed.append(request)
    if changed:
        InformationRequest.objects.bulk_update(changed, list(clock.CLOCK_FIELDS))
    return len(changed)


def guarantor_choices(actor: User) -> QuerySet[Organization]:
    """The guarantors a suspension may be declared by: the account's own (all, for admins)."""
    rows = Organization.objects.filter(sector=Sector.GUARANTOR).order_by("name")
    if is_platform_admin(actor):
        return rows
    return rows.filter(pk__in=liaison_organization_ids(user=actor))


@transaction.atomic
def suspension_declare(
    *,
    actor: User,
    declared_by: Organization,
    starts_on: dt.date,
    ends_on: dt.date,
    reason: str,
    territory: Territory | None = None,
    organization: Organization | None = None,
    document_url: str = "",
) -> tuple[Suspension, int]:
    """Records a suspension of terms and recomputes the clocks it stops; the suspension and
    how many clocks changed."""
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("La suspensión termina antes de empezar.")})
    if not guarantor_choices(actor).filter(pk=declared_by.pk).exists():
        raise ValidationError(
            {"declared_by": _("Solo una autoridad garante de la que eres enlace la declara.")}
        )
    if territory is not None and territory.level == TerritoryLevel.MUNICIPALITY:
        raise ValidationError({"territory": _("El ámbito es una entidad o la federación.")})
    suspension = Suspension(
        declared_by=declared_by,
        territory=territory,
        organization=organization,
        starts_on=starts_on,
        ends_on=ends_on,
        reason=reason,
        document_url=document_url,
    )
    suspension._change_reason = reason  # type: ignore[attr-defined]
    suspension.full_clean()
    suspension.save()
    return suspension, clocks_recompute_all(since=starts_on, suspension=suspension)


@transaction.atomic
def day_off_add(
    *, actor: User, organization: Organization, date: dt.date, name: str
) -> tuple[InstitutionDayOff, int]:
    """Adds a day the institution does not work; recomputes its clocks."""
    if InstitutionDayOff.objects.filter(organization=organization, date=date).exists():
        raise ValidationError({"date": _("Ese día ya está registrado como inhábil.")})
    day = InstitutionDayOff.objects.create(organization=organization, date=date, name=name)
    return day, clocks_recompute_all(since=date, organization=organization)


@transaction.atomic
def day_off_remove(*, actor: User, organization: Organization, day_off_id: int) -> int:
    """Removes one of the institution's days off; recomputes its clocks."""
    day = InstitutionDayOff.objects.filter(organization=organization, pk=day_off_id).first()
    if day is None:
        raise ValidationError(_("Ese día inhábil no existe o es de otra institución."))
    day.delete()
    return clocks_recompute_all(since=day.date, organization=organization)


@transaction.atomic
def unit_save(
    *,
    actor: User,
    organization: Organization,
    email: str = "",
    address: str = "",
    phone: str = "",
    hours: str = "",
    profile: LegalProfile | None = None,
) -> TransparencyUnit:
    """The body's transparency unit: its public contact and the law it follows (for the
    requests filed from now on)."""
    unit = TransparencyUnit.objects.filter(organization=organization).first()
    unit = unit or TransparencyUnit(organization=organization)
    unit.email, unit.address, unit.phone, unit.hours = email, address, phone, hours
    unit.profile = profile
    unit.full_clean()
    unit.save()
    return unit


@dataclass(frozen=True)
class TermChange:
    step: str
    working_days: int | None  # None: the state's law says nothing (the general law's rules)
    article: str = ""
    quote: str = ""
    is_verified: bool = False


@transaction.atomic
def term_save(*, actor: User, profile: LegalProfile, changes: list[TermChange], reason: str) -> int:
    """Saves a law's terms (history kept with `reason`) and recomputes the clocks they move;
    how many clocks changed. A state's law may leave a step empty (the general law rules)."""
    general = profile.territory_id is None
    existing = {term.step: term for term in LegalTerm.objects.filter(profile=profile)}
    for change in changes:
        if change.step not in Step.values:
            raise ValidationError(_("Paso desconocido: %(step)s.") % {"step": change.step})
        term = existing.get(change.step)
        if change.working_days is None:
            if general:
                raise ValidationError(_("La ley general necesita todos sus plazos."))
            if term is not None:
                term._change_reason = reason  # type: ignore[attr-defined]
                term.delete()
            continue
        if change.working_days < 0:
            raise ValidationError(_("Los días hábiles no pueden ser negativos."))
        term = term or LegalTerm(profile=profile, step=change.step)
        values: dict[str, Any] = {
            "working_days": change.working_days,
            "article": change.article,
            "quote": change.quote,
            "is_verified": change.is_verified,
        }
        if term.pk is not None and all(getattr(term, k) == v for k, v in values.items()):
            continue
        for key, value in values.items():
            setattr(term, key, value)
        term._change_reason = reason  # type: ignore[attr-defined]
        term.full_clean()
        term.save()
    return clocks_recompute_all(profile=profile)


def _load(item: dict[str, Any]) -> bool:
    territory = None
    if item["territory_iso"]:
        territory = Territory.objects.filter(iso_code=item["territory_iso"]).first()
        if territory is None:
            return False
    since = item["in_force_since"]
    profile, _ = LegalProfile.objects.get_or_create(
        territory=territory,
        defaults={
            "law_name": item["law_name"],
            "law_url": item["law_url"],
            "in_force_since": dt.date.fromisoformat(since) if since else None,
            "notes": item["notes"],
        },
    )
    for term in item["terms"]:
        LegalTerm.objects.get_or_create(
            profile=profile,
            step=term["step"],
            defaults={k: term[k] for k in ("working_days", "article", "quote", "is_verified")},
        )
    return True


@transaction.atomic
def profiles_load_defaults() -> int:
    """Adds the shipped laws and terms that are missing (never overwrites an edited one);
    how many profiles are in place. A state not loaded yet is skipped."""
    items = json.loads(DEFAULTS.read_text(encoding="utf-8"))["profiles"]
    return sum(_load(item) for item in items)
