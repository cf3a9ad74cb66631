"""Writes of citizens' reports: filing (web or Open311), state changes and rerouting, the
e-mails to reporters (queued, sent by the worker), and the management of categories, their
questions and deadlines, and the days off."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

import mailer
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.text import slugify
from django.utils.translation import gettext as _

from cocrea.core.models import Organization, Territory, TerritoryLevel, User
from cocrea.exercises.models import state_time_zone
from cocrea.reports.calendar import add_working_days, state_of
from cocrea.reports.models import (
    OPEN_STATUSES,
    Category,
    CategoryAttribute,
    ComplaintSubject,
    Datatype,
    Holiday,
    Photo,
    Report,
    ReportEvent,
    ReportRedaction,
    ReportStatus,
)
from cocrea.reports.photos import CleanPhoto, RawPhoto, photos_attach
from cocrea.reports.selectors import (
    complaint_categories,
    covers_category,
    covers_territory,
    management_scope,
)

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
    # A complaint about a public work goes to the institution responsible for the work, in one
    # of that institution's categories of the work's state, and keeps that category's deadline.
    institution = work.institution if work else category.institution
    if not category.is_active:
        raise ValidationError(_("La categoría «%s» ya no recibe reportes.") % category.code)
    if work and not complaint_categories(work=work).filter(pk=category.pk).exists():
        raise ValidationError(
            _("La categoría «%(category)s» no recibe quejas sobre la obra «%(work)s».")
            % {"category": category.name, "work": work.name}
        )
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
        expected_at=add_working_days(now, category.response_days, territory=category.territory),
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
    if report.email:
        _queue_mail(report, "reports/mail_receipt.txt")
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
        _queue_mail(report, "reports/mail_step.txt", event=event)
    return event


# E-mails to reporters go through the queue (django-mailer's table, written in the change's own
# transaction); the worker's `send_mail` job sends them, never a request.


def _queue_mail(report: Report, template: str, **context: Any) -> None:
    """Writes the e-mail now, in the language and time zone of the request that caused it."""
    report = (
        Report.objects.select_related("category", "institution")
        .only(
            "email",
            "status",
            "status_notes",
            "requested_at",
            "expected_at",
            "category__name",
            "institution__name",
        )
        .annotate(
            state_code=Coalesce("municipality__inegi_code", "category__territory__inegi_code")
        )
        .get(pk=report.pk)
    )
    context.update(report=report, url=f"{settings.SITE_URL}{report.get_absolute_url()}")
    with timezone.override(state_time_zone(report.state_code)):
        text = render_to_string(template, context)
    subject, _newline, body = text.strip().partition("\n")
    mailer.send_mail(subject.strip()[:200], body.strip() + "\n", None, [report.email])


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


# Categories, their questions and deadlines, and the days off, managed per state


def _unique_code(base: str) -> str:
    base = slugify(base)[:34].strip("-") or "categoria"
    code, n = base, 1
    while Category.objects.filter(code=code).exists() or code in RESERVED_CODES:
        n += 1
        code = f"{base}-{n}"
    return code


RESERVED_CODES = frozenset({"nueva"})


def _check_category(category: Category, actor: User) -> None:
    territory = category.territory
    if territory.level not in (TerritoryLevel.NATIONAL, TerritoryLevel.STATE):
        raise ValidationError({"territory": _("Elija una entidad federativa o el país.")})
    place = category.institution.territory
    national = place.level == TerritoryLevel.NATIONAL
    if not national and territory.level == TerritoryLevel.STATE and state_of(place) != territory:
        raise ValidationError(
            {
                "territory": _("%(institution)s no está en %(territory)s.")
                % {"institution": category.institution.name, "territory": territory.name}
            }
        )
    if not covers_category(management_scope(user=actor), category):
        raise ValidationError(
            _(
                "Solo maneja categorías de las instituciones de su ejercicio, en la lista de su "
                "entidad, o de la institución de la que es enlace."
            )
        )


@transaction.atomic
def category_save(*, actor: User, category: Category, **fields: Any) -> Category:
    """Creates or edits a category; the result must stay within what `actor` manages, and a
    new one gets a code from its state and name when none is given."""
    for name, value in fields.items():
        setattr(category, name, value)
    if category.code in RESERVED_CODES:
        raise ValidationError({"code": _("Ese código está reservado; elija otro.")})
    _check_category(category, actor)
    if not category.code:
        category.code = _unique_code(f"{category.territory.slug} {category.name}")
    category.full_clean()
    category.save()
    return category


def options_parse(text: str) -> list[dict[str, str]]:
    """The options of a list question, one per line: «clave | Nombre» or just «Nombre»."""
    options: list[dict[str, str]] = []
    for line in text.splitlines():
        if not line.strip():
            continue
        key, bar, name = line.partition("|")
        name = name.strip() if bar else key.strip()
        key = slugify(key.strip())[:40] if bar else slugify(name)[:40]
        if not key or not name:
            raise ValidationError(_("Cada opción necesita un nombre: «%s».") % line.strip())
        if any(option["key"] == key for option in options):
            raise ValidationError(_("La clave «%s» se repite.") % key)
        options.append({"key": key, "name": name[:200]})
    return options


@transaction.atomic
def attribute_save(
    *, actor: User, attribute: CategoryAttribute, options: str = "", **fields: Any
) -> CategoryAttribute:
    """Creates or edits a question of a category; list questions need their options."""
    for name, value in fields.items():
        setattr(attribute, name, value)
    lists = (Datatype.SINGLE, Datatype.MULTI)
    attribute.values = options_parse(options) if attribute.datatype in lists else []
    if attribute.datatype in lists and not attribute.values:
        raise ValidationError({"options": _("Escriba al menos una opción, una por renglón.")})
    if not attribute.code:
        base = slugify(attribute.description)[:36].strip("-") or "pregunta"
        taken = set(attribute.category.attributes.values_list("code", flat=True))
        attribute.code, n = base, 1
        while attribute.code in taken:
            n += 1
            attribute.code = f"{base}-{n}"
    others = CategoryAttribute.objects.filter(category_id=attribute.category_id)
    if others.exclude(pk=attribute.pk).filter(code=attribute.code).exists():
        raise ValidationError({"code": _("Ya hay una pregunta con ese código en la categoría.")})
    attribute.full_clean()
    try:
        with transaction.atomic():
            attribute.save()
    except IntegrityError:  # the same code, saved at the same moment by someone else
        raise ValidationError({"code": _("Ya hay una pregunta con ese código.")}) from None
    return attribute


@transaction.atomic
def attribute_delete(*, actor: User, attribute: CategoryAttribute) -> None:
    """Removes a question; the answers already given stay in the reports, shown with their
    code to whoever handles them."""
    attribute.delete()


@transaction.atomic
def holiday_add(*, actor: User, territory: Territory | None, date: dt.date, name: str) -> Holiday:
    """Adds a day off to a state (or, `territory` None, to the whole country). Deadlines
    already computed keep their date; reports filed from now on count it."""
    if not covers_territory(management_scope(user=actor), territory):
        raise ValidationError(_("Solo la coordinación de su ejercicio maneja esos días inhábiles."))
    holiday = Holiday(territory=territory, date=date, name=name.strip())
    holiday.full_clean()
    holiday.save()
    return holiday


@transaction.atomic
def holiday_delete(*, actor: User, holiday: Holiday) -> None:
    if not covers_territory(management_scope(user=actor), holiday.territory):
        raise ValidationError(_("Solo la coordinación de su ejercicio maneja esos días inhábiles."))
    holiday.delete()
