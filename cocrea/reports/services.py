"""Writes of citizens' reports: filing (web or Open311), state changes and rerouting."""

import datetime as dt
import logging
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from cocrea.core.models import Organization, Territory, TerritoryLevel, User
from cocrea.reports.calendar import add_working_days
from cocrea.reports.models import (
    OPEN_STATUSES,
    Category,
    CategoryAttribute,
    ComplaintSubject,
    Datatype,
    Photo,
    Report,
    ReportEvent,
    ReportRedaction,
    ReportStatus,
)
from cocrea.reports.photos import CleanPhoto, RawPhoto, photos_attach

logger = logging.getLogger(__name__)
REOPEN_DAYS = 30
PUBLIC_PLACES = Decimal("0.001")


@dataclass
class Filing:
    """What a reporter sends, already split into fields; validated by `report_create`."""

    category: Category
    description: str = ""
    lat: str = ""
    long: str = ""
    address: str = ""
    address_id: str = ""
    zipcode: str = ""
    attributes: dict[str, list[str]] = field(default_factory=dict)
    first_name: str = ""
    last_name: str = ""
    email: str = ""
    phone: str = ""
    device_id: str = ""
    account_id: str = ""
    media_url: str = ""
    municipality: Territory | None = None
    public_work: ComplaintSubject | None = None
    photos: list[CleanPhoto | RawPhoto] = field(default_factory=list)


def _coordinate(raw: str, name: str, bound: int) -> Decimal | None:
    if not raw.strip():
        return None
    try:
        value = Decimal(raw.strip())
    except InvalidOperation:
        raise ValidationError(_("%s debe ser un número decimal, como 20.6767.") % name) from None
    if not value.is_finite() or abs(value) > bound:
        raise ValidationError(_("%s está fuera de rango (±%s).") % (name, bound))
    return value.quantize(Decimal("0.000001"))


def _media_link(raw: str) -> str:
    if raw.strip():
        try:
            URLValidator(schemes=["http", "https"])(raw.strip())
        except ValidationError:
            raise ValidationError(_("media_url debe ser una dirección http(s) válida.")) from None
    return raw.strip()[:500]


def _location(filing: Filing) -> tuple[Decimal | None, Decimal | None]:
    lat = _coordinate(filing.lat, "lat", 90)
    long = _coordinate(filing.long, "long", 180)
    if (lat is None) != (long is None):
        raise ValidationError(_("Envíe lat y long juntas."))
    if lat is None and not (filing.address.strip() or filing.address_id.strip()):
        raise ValidationError(
            _("Falta la ubicación: envíe lat y long, o un domicilio (address_string).")
        )
    return lat, long


def _answer(attribute: CategoryAttribute, values: list[str]) -> Any:
    values = [value.strip() for value in values if value.strip()]
    if not values:
        if attribute.required:
            raise ValidationError(_("Falta la respuesta a «%s».") % attribute.description)
        return None
    if attribute.datatype == Datatype.MULTI:
        unknown = [value for value in values if value not in attribute.keys]
        if unknown:
            raise ValidationError(
                _("«%s» no es una opción de «%s».") % (unknown[0], attribute.code)
            )
        return values
    value = values[0]
    if attribute.datatype == Datatype.SINGLE and value not in attribute.keys:
        raise ValidationError(_("«%s» no es una opción de «%s».") % (value, attribute.code))
    if attribute.datatype == Datatype.NUMBER:
        try:
            Decimal(value)
        except InvalidOperation:
            raise ValidationError(_("«%s» debe ser un número.") % attribute.code) from None
    if attribute.datatype == Datatype.DATETIME and parse_datetime(value) is None:
        raise ValidationError(_("«%s» debe ser una fecha y hora ISO 8601.") % attribute.code)
    limit = 4000 if attribute.datatype == Datatype.TEXT else 300
    if len(value) > limit:
        raise ValidationError(_("«%s» admite hasta %s caracteres.") % (attribute.code, limit))
    return value


def _answers(category: Category, given: dict[str, list[str]]) -> dict[str, Any]:
    answers = {}
    for attribute in category.attributes.all():
        answer = _answer(attribute, given.get(attribute.code, []))
        if answer is not None:
            answers[attribute.code] = answer
    return answers


def _municipality_of(institution: Organization) -> Territory | None:
    """A municipal government's reports are in its municipality unless the reporter says where."""
    territory = institution.territory
    return territory if territory.level == TerritoryLevel.MUNICIPALITY else None


def _rounded(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(PUBLIC_PLACES)


@transaction.atomic
def report_create(
    *,
    filing: Filing,
    reporter: User | None = None,
    submitted_by: Organization | None = None,
    ip_address: str | None = None,
    is_example: bool = False,
) -> Report:
    """Files a report, routes it to its category's institution and computes its due time."""
    category = filing.category
    work = filing.public_work
    # A complaint about a public work goes to the institution responsible for the work.
    institution = work.institution if work else category.institution
    if not category.is_active:
        raise ValidationError(_("La categoría «%s» ya no recibe reportes.") % category.code)
    lat, long = _location(filing)
    if len(filing.description) > 4000:
        raise ValidationError(_("La descripción admite hasta 4,000 caracteres."))
    now = timezone.now()
    report = Report(
        category=category,
        institution=institution,
        public_work_id=work.pk if work else None,
        description=filing.description.strip(),
        municipality=filing.municipality
        or (work.municipality if work else None)
        or _municipality_of(institution),
        attributes=_answers(category, filing.attributes),
        lat=_rounded(lat),
        long=_rounded(long),
        exact_lat=lat,
        exact_long=long,
        address=filing.address.strip()[:250],
        address_id=filing.address_id.strip()[:60],
        zipcode=filing.zipcode.strip()[:10],
        reporter=reporter,
        first_name=filing.first_name.strip()[:80],
        last_name=filing.last_name.strip()[:80],
        email=filing.email.strip()[:254],
        phone=filing.phone.strip()[:30],
        device_id=filing.device_id.strip()[:100],
        account_id=filing.account_id.strip()[:100],
        media_link=_media_link(filing.media_url),
        ip_address=ip_address,
        submitted_by=submitted_by,
        requested_at=now,
        updated_at=now,
        expected_at=add_working_days(now, category.response_days),
        is_example=is_example,
    )
    report.full_clean()
    report.save()
    ReportEvent.objects.create(
        report=report,
        at=now,
        actor=reporter,
        actor_organization=submitted_by,
        to_status=ReportStatus.RECEIVED,
        institution=report.institution,
    )
    photos_attach(photos=filing.photos, actor=reporter, report=report)
    return report


def _may_move(report: Report, to_status: str, now: dt.datetime) -> None:
    if to_status == report.status:
        raise ValidationError(_("El reporte ya está en ese estado."))
    reopening = report.status not in OPEN_STATUSES and to_status in OPEN_STATUSES
    if reopening and report.closed_at and now - report.closed_at > dt.timedelta(REOPEN_DAYS):
        raise ValidationError(
            _("Pasaron más de %s días desde que se cerró: presente un reporte nuevo.") % REOPEN_DAYS
        )


@transaction.atomic
def report_transition(
    *,
    report: Report,
    to_status: str,
    note: str,
    actor: User | None = None,
    institution: Organization | None = None,
) -> ReportEvent:
    """Moves a report to another state, or reroutes it to `institution`, keeping the step."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    now = timezone.now()
    if to_status not in ReportStatus.values:
        raise ValidationError(_("Estado desconocido: %s.") % to_status)
    rerouting = institution is not None and institution != report.institution
    if not rerouting:
        _may_move(report, to_status, now)
    if (to_status not in OPEN_STATUSES or rerouting) and not note.strip():
        raise ValidationError(_("Explique el cierre o el turno en la nota: es pública."))
    event = ReportEvent.objects.create(
        report=report,
        at=now,
        actor=actor,
        from_status=report.status,
        to_status=to_status,
        institution=institution or report.institution,
        note=note.strip()[:1000],
    )
    report.status = to_status
    report.status_notes = event.note
    report.institution = event.institution
    report.updated_at = now
    report.closed_at = None if to_status in OPEN_STATUSES else now
    report.save(update_fields=["status", "status_notes", "institution", "updated_at", "closed_at"])
    if report.email:
        transaction.on_commit(lambda: _tell_reporter(report, event))
    return event


def _tell_reporter(report: Report, event: ReportEvent) -> None:
    """E-mails the reporter the new step; a failed send is logged, the step stays recorded."""
    subject = _("Tu reporte %(n)s: %(state)s") % {
        "n": report.pk,
        "state": event.get_to_status_display(),
    }
    body = "\n\n".join(
        part
        for part in (
            subject,
            event.note,
            _("Síguelo en %s") % f"{settings.SITE_URL}{report.get_absolute_url()}",
        )
        if part
    )
    try:
        send_mail(subject, body, None, [report.email])
    except OSError:
        logger.exception("could not e-mail the reporter of report %s", report.pk)


@transaction.atomic
def report_redact(*, report: Report, description: str, reason: str, actor: User) -> None:
    """Replaces the public text (e.g. a name or phone the reporter wrote in it), keeping the
    original privately and saying in public that moderation edited it, and why."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    if not reason.strip():
        raise ValidationError(_("Escriba el motivo de la edición: queda registrado."))
    if len(description) > 4000:
        raise ValidationError(_("La descripción admite hasta 4,000 caracteres."))
    now = timezone.now()
    ReportRedaction.objects.create(
        report=report, at=now, actor=actor, reason=reason.strip()[:300], original=report.description
    )
    _moderation_step(report, actor, _("Moderación editó la descripción: %s") % reason.strip())
    report.description = description.strip()
    report.updated_at = now
    report.save(update_fields=["description", "updated_at"])


def _moderation_step(report: Report, actor: User, note: str) -> None:
    """Moderation leaves the state alone but says in the public history what it changed."""
    ReportEvent.objects.create(
        report=report,
        at=timezone.now(),
        actor=actor,
        from_status=report.status,
        to_status=report.status,
        institution_id=report.institution_id,
        note=note[:1000],
    )


@transaction.atomic
def photo_hide(*, photo: Photo, reason: str, actor: User) -> Photo:
    """Moderation takes a photo out of public view (a face, a plate, a home) with a public reason;
    the step is recorded in the report's history and in the photo's own."""
    photo = Photo.objects.select_for_update().get(pk=photo.pk)
    if photo.hidden_at is not None:
        raise ValidationError(_("Esa foto ya está oculta."))
    if not reason.strip():
        raise ValidationError(_("Escriba el motivo: queda registrado y es público."))
    photo.hidden_at = timezone.now()
    photo.hidden_reason = reason.strip()[:300]
    photo.save(update_fields=["hidden_at", "hidden_reason"])
    if photo.report_id is not None:
        report = Report.objects.select_for_update().get(pk=photo.report_id)
        _moderation_step(report, actor, _("Moderación ocultó una foto: %s") % photo.hidden_reason)
    return photo
