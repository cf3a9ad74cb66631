"""Writes of information requests: filing one (or recording one filed elsewhere), following a
request or an institution, and moderation (publishing, hiding with a public reason, and
redacting personal data the requester typed, the original kept private)."""

import datetime as dt
from typing import Literal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cocrea.core.models import Organization, User
from cocrea.plans.models import Theme
from cocrea.requests import clock, notices, profiles
from cocrea.requests.models import (
    Channel,
    EventKind,
    InformationRequest,
    InstitutionFollow,
    LegalProfile,
    RequestEvent,
    RequestFollow,
    RequestRedaction,
    Side,
    Status,
    Visibility,
)

REDACTED = "[testado]"
PSEUDONYM_MAX = 80
TITLE_MAX = 200
BODY_MAX = 8000
EVENT_BODY_MAX = 20000
REASON_MAX = 300


def _profile(organization: Organization) -> LegalProfile:
    """The law the body follows (an error, not a 500, while no law is configured)."""
    try:
        return profiles.profile_for(organization)
    except LegalProfile.DoesNotExist:
        raise ValidationError(
            _("No hay una ley de transparencia configurada: avisa a quien administra.")
        ) from None


def _filed_note(channel: Channel, folio: str, filed_at: dt.datetime) -> str:
    """What the `filed` event of a request recorded here, not filed here, says."""
    when = timezone.localtime(filed_at).date().isoformat()
    if channel == Channel.PNT:
        return _(
            "Registrada en esta plataforma para darle seguimiento: se presentó en la Plataforma "
            "Nacional de Transparencia el %(when)s con el folio %(folio)s."
        ) % {"when": when, "folio": folio}
    text = _(
        "Registrada en esta plataforma para darle seguimiento: se presentó por otro medio el "
        "%(when)s."
    ) % {"when": when}
    if folio:
        text += " " + _("Folio: %s.") % folio
    return text


def _checked(
    *,
    organization: Organization,
    pseudonym: str,
    title: str,
    body: str,
    channel: Channel,
    folio: str,
    filed_at: dt.datetime | None,
    now: dt.datetime,
) -> tuple[str, str, str, str, dt.datetime]:
    errors: dict[str, str] = {}
    pseudonym, title, body, folio = pseudonym.strip(), title.strip(), body.strip(), folio.strip()
    if not pseudonym:
        errors["pseudonym"] = _("Escribe un seudónimo: es lo que se muestra en lugar de tu nombre.")
    elif len(pseudonym) > PSEUDONYM_MAX:
        errors["pseudonym"] = _("El seudónimo admite hasta 80 caracteres.")
    if not title:
        errors["title"] = _("Escribe un título.")
    elif len(title) > TITLE_MAX:
        errors["title"] = _("El título admite hasta 200 caracteres.")
    if not body:
        errors["body"] = _("Escribe qué información pides.")
    elif len(body) > BODY_MAX:
        errors["body"] = _("La solicitud admite hasta 8,000 caracteres.")
    if channel not in Channel.values:
        errors["channel"] = _("Elige cómo se presentó.")
    if channel == Channel.PNT and not folio:
        errors["folio"] = _("Escribe el folio que te dio la Plataforma Nacional de Transparencia.")
    elif len(folio) > 40:
        errors["folio"] = _("El folio admite hasta 40 caracteres.")
    elif (
        folio and InformationRequest.objects.filter(organization=organization, folio=folio).exists()
    ):
        errors["folio"] = _("Ese folio ya está registrado para esta institución.")
    if channel == Channel.PLATFORM or filed_at is None:
        filed_at = now
    elif filed_at > now:
        errors["filed_at"] = _("La fecha de presentación no puede ser futura.")
    if errors:
        raise ValidationError(errors)
    return pseudonym, title, body, folio, filed_at


@transaction.atomic
def request_file(
    *,
    organization: Organization,
    requester: User,
    pseudonym: str,
    title: str,
    body: str,
    topic: Theme | None = None,
    channel: Channel = Channel.PLATFORM,
    folio: str = "",
    filed_at: dt.datetime | None = None,
) -> InformationRequest:
    """Files (or records, when filed elsewhere: `channel` and `folio`) a request: its `filed`
    event, its law, its clock. Pending moderation before the text is public."""
    now = timezone.now()
    pseudonym, title, body, folio, filed_at = _checked(
        organization=organization,
        pseudonym=pseudonym,
        title=title,
        body=body,
        channel=channel,
        folio=folio,
        filed_at=filed_at,
        now=now,
    )
    request = InformationRequest(
        organization=organization,
        requester=requester,
        pseudonym=pseudonym,
        title=title,
        body=body,
        topic=topic,
        channel=channel,
        folio=folio,
        status=Status.WAITING,
        visibility=Visibility.PENDING,
        profile=_profile(organization),
        filed_at=filed_at,
        updated_at=now,
    )
    try:
        with transaction.atomic():
            request.save()
    except IntegrityError:  # the same folio recorded at the same moment by someone else
        raise ValidationError(
            {"folio": _("Ese folio ya está registrado para esta institución.")}
        ) from None
    filed = RequestEvent.objects.create(
        request=request,
        kind=EventKind.FILED,
        side=Side.REQUESTER,
        at=filed_at,
        actor=requester,
        body="" if channel == Channel.PLATFORM else _filed_note(channel, folio, filed_at),
        from_status="",
        to_status=Status.WAITING,
    )
    clock.clock_recompute(request=request)
    # The body's liaisons hear of it (with its reply address); followers only once it is public.
    notices.step_queue(event=filed)
    return request


# Following


@transaction.atomic
def request_follow_set(*, user: User, request: InformationRequest, follow: bool) -> bool:
    """Follows (or stops following) a request; whether `user` follows it afterwards."""
    if follow:
        RequestFollow.objects.get_or_create(user=user, request=request)
    else:
        RequestFollow.objects.filter(user=user, request=request).delete()
    return follow


@transaction.atomic
def institution_follow_set(*, user: User, organization: Organization, follow: bool) -> bool:
    """Follows (or stops following) an institution's requests; whether `user` follows it."""
    if follow:
        InstitutionFollow.objects.get_or_create(user=user, organization=organization)
    else:
        InstitutionFollow.objects.filter(user=user, organization=organization).delete()
    return follow


# Moderation


def _reason(reason: str) -> str:
    reason = " ".join(reason.split())
    if not reason:
        raise ValidationError({"reason": _("Escribe el motivo: queda registrado.")})
    if len(reason) > REASON_MAX:
        raise ValidationError({"reason": _("El motivo admite hasta 300 caracteres.")})
    return reason


@transaction.atomic
def request_moderate(
    *,
    actor: User,
    request: InformationRequest,
    action: Literal["publish", "hide"],
    reason: str = "",
) -> InformationRequest:
    """Publishes a request's text, or hides it with a public reason (required)."""
    request = InformationRequest.objects.select_for_update().get(pk=request.pk)
    if action == "publish":
        request.visibility = Visibility.PUBLIC
        request.hidden_reason = ""
    elif action == "hide":
        request.visibility = Visibility.HIDDEN
        request.hidden_reason = _reason(reason)
    else:
        raise ValidationError({"action": _("Elige publicar u ocultar.")})
    request.updated_at = timezone.now()
    request.save(update_fields=["visibility", "hidden_reason", "updated_at"])
    return request


@transaction.atomic
def event_moderate(*, actor: User, event: RequestEvent, hide: bool, reason: str = "") -> None:
    """Hides one step's message (its place says why, publicly) or shows it again."""
    event = RequestEvent.objects.select_for_update().get(pk=event.pk)
    event.is_hidden = hide
    event.hidden_reason = _reason(reason) if hide else ""
    event.save(update_fields=["is_hidden", "hidden_reason"])


RedactField = Literal["title", "body"]


@transaction.atomic
def request_redact(
    *,
    actor: User,
    request: InformationRequest,
    passage: str,
    reason: str,
    field: RedactField = "body",
    event: RequestEvent | None = None,
) -> RequestRedaction:
    """Replaces every occurrence of `passage` (personal data) in the request's title or body,
    or in a step's message (`event`), with "[testado]". The text before is kept, private, in
    the redaction, with its reason."""
    reason = _reason(reason)
    request = InformationRequest.objects.select_for_update().get(pk=request.pk)
    if not passage.strip():
        raise ValidationError({"passage": _("Copia el pasaje que se va a testar.")})
    if event is not None:
        event = RequestEvent.objects.select_for_update().get(pk=event.pk, request=request)
        target, limit = event.body, EVENT_BODY_MAX
    elif field == "title":
        target, limit = request.title, TITLE_MAX
    elif field == "body":
        target, limit = request.body, BODY_MAX
    else:
        raise ValidationError({"field": _("Elige el título o el texto.")})
    if passage not in target:
        raise ValidationError(
            {"passage": _("Ese pasaje no está en el texto: cópialo tal como aparece.")}
        )
    redacted = target.replace(passage, REDACTED)
    if len(redacted) > limit:
        raise ValidationError({"passage": _("Con el testado, el texto excede su límite.")})
    now = timezone.now()
    redaction = RequestRedaction.objects.create(
        request=request, event=event, at=now, actor=actor, reason=reason, original=target
    )
    if event is not None:
        event.body = redacted
        event.save(update_fields=["body"])
    else:
        setattr(request, field, redacted)
        request.updated_at = now
        request.save(update_fields=[field, "updated_at"])
    return redaction
