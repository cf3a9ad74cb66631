"""The steps of a request, by either side: each checked against `states.TRANSITIONS`, written
whole or not at all (the event, its files, the new status, the clock and the notices)."""

import datetime as dt
import os
from collections.abc import Sequence
from decimal import Decimal

import filetype
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cocrea.core.models import Organization, User
from cocrea.core.uploads import DOCUMENTS_AND_IMAGES, validate_upload
from cocrea.requests import clock, notices, states
from cocrea.requests.models import (
    EventKind,
    InformationRequest,
    RequestAttachment,
    RequestEvent,
    Side,
    Status,
)

# What an answer's documents may be, by content: core's documents and images, and the office
# formats institutions deliver data in (modern ones only: the old binary formats carry macros).
ATTACHMENT_KINDS = {
    **DOCUMENTS_AND_IMAGES,
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "DOCX",
    "application/vnd.oasis.opendocument.text": "ODT",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "XLSX",
    "application/vnd.oasis.opendocument.spreadsheet": "ODS",
}
CSV = "text/csv"
MAX_FILES = 10
# Steps that say something: the step is empty without its text.
NEEDS_BODY = (
    EventKind.CLARIFICATION_REQUESTED,
    EventKind.CLARIFICATION_ANSWERED,
    EventKind.APPEALED,
    EventKind.APPEAL_RESOLVED,
    EventKind.MESSAGE,
    *states.NEEDS_RESOLUTION,
)
# Steps that deliver something: a text or at least one file.
NEEDS_BODY_OR_FILES = (EventKind.ANSWERED, EventKind.COMPLIED)

SIDE_WORDS = {
    Side.REQUESTER: gettext_lazy("a quien la presentó"),
    Side.INSTITUTION: gettext_lazy("al sujeto obligado"),
    Side.GUARANTOR: gettext_lazy("a la autoridad garante"),
    Side.PLATFORM: gettext_lazy("a la plataforma"),
}


def max_mb() -> int:
    limit: int = settings.EVIDENCE_MAX_UPLOAD_MB
    return limit


def attachment_check(upload: UploadedFile[bytes]) -> str:
    """Checks a step's file by its content (as every upload) and says its type: a ValidationError
    naming the file and what to send instead otherwise."""
    name = upload.name or ""
    try:
        if name.lower().endswith(".csv"):
            return _csv_check(upload)
        validate_upload(upload, max_mb=max_mb(), allowed=ATTACHMENT_KINDS)
    except ValidationError as error:
        kinds = ", ".join([*ATTACHMENT_KINDS.values(), "CSV"])
        if error.code == "wrong_type":
            message = _(
                "«%(name)s» no es de un tipo aceptado por su contenido. Envía %(kinds)s."
            ) % {"name": name, "kinds": kinds}
        else:
            message = "«%s»: %s" % (name, " ".join(error.messages))  # noqa: UP031
        raise ValidationError(message, code=error.code) from None
    kind = filetype.guess(upload.read(8192))
    upload.seek(0)
    return kind.mime if kind is not None else "application/octet-stream"


def _csv_check(upload: UploadedFile[bytes]) -> str:
    if upload.size is not None and upload.size > max_mb() * 1024 * 1024:
        validate_upload(upload, max_mb=max_mb(), allowed={CSV: "CSV"})  # the size message
    head = upload.read(8192)
    upload.seek(0)
    if b"\x00" in head or filetype.guess(head) is not None:
        raise ValidationError(_("No es un CSV de texto."), code="wrong_type")
    return CSV


def _files_errors(files: Sequence[UploadedFile[bytes]]) -> tuple[list[str], list[str]]:
    """The sniffed type of each file, and what is wrong with any."""
    if len(files) > MAX_FILES:
        return [], [_("Se admiten hasta %d archivos por paso.") % MAX_FILES]
    types: list[str] = []
    errors: list[str] = []
    for upload in files:
        try:
            types.append(attachment_check(upload))
        except ValidationError as error:
            errors.extend(error.messages)
    return types, errors


def request_for_step(*, request_id: int) -> InformationRequest | None:
    """The request a step page acts on, with what the page and the notices show of it."""
    return (
        InformationRequest.objects.select_related("organization", "profile")
        .filter(pk=request_id)
        .first()
    )


def step_refusal(
    *, request: InformationRequest, kind: EventKind, side: Side, today: dt.date | None = None
) -> str | None:
    """Why `side` may not take step `kind` on the request now (None: it may)."""
    transition = states.TRANSITIONS.get(kind)
    if transition is None:
        return _("Ese paso no existe.")
    if kind != EventKind.MESSAGE and side != transition.side:
        return _("Este paso le corresponde %s.") % SIDE_WORDS[transition.side]
    status = Status(request.status)
    if not states.allowed(kind, status):
        return _("Este paso no procede mientras la solicitud está «%(status)s».") % {
            "status": status.label
        }
    if kind == EventKind.APPEALED and status in states.OPEN:
        today = today or timezone.localdate()
        if request.due_on is None or request.due_on >= today:
            if request.due_on is None:
                return _(
                    "Sin respuesta solo se puede recurrir cuando vence el plazo, y esta "
                    "solicitud aún no tiene plazo calculado."
                )
            return _(
                "Sin respuesta solo se puede recurrir cuando vence el plazo: vence el %s."
            ) % formats.date_format(request.due_on, "j \\d\\e F \\d\\e Y")
    return None


def _content_errors(
    *,
    request: InformationRequest,
    kind: EventKind,
    body: str,
    resolution: str,
    referred_to: Organization | None,
    cost: Decimal | None,
    rating: Status | None,
    has_files: bool,
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if kind in NEEDS_BODY and not body.strip():
        add("body", _("Escribe el mensaje o las razones de este paso."))
    if kind in NEEDS_BODY_OR_FILES and not body.strip() and not has_files:
        add("body", _("Escribe la respuesta o adjunta al menos un archivo."))
    if kind in states.NEEDS_RESOLUTION and not resolution.strip():
        add(
            "resolution",
            _("Escribe el número y la fecha de la resolución del Comité de Transparencia."),
        )
    if kind == EventKind.NOT_COMPETENT:
        if referred_to is None:
            add("referred_to", _("Elige el sujeto obligado competente al que se orienta."))
        elif referred_to.pk == request.organization_id:
            add("referred_to", _("Orienta a otro sujeto obligado, no a este."))
    if cost is not None and cost < 0:
        add("cost", _("El costo no puede ser negativo."))
    if kind == EventKind.RATED and rating not in states.RATINGS:
        add("rating", _("Elige qué fue la respuesta: entregada, en parte, inexistente o negada."))
    return errors


@transaction.atomic
def step_add(
    *,
    request: InformationRequest,
    kind: EventKind,
    side: Side,
    actor: User | None,
    body: str = "",
    resolution: str = "",
    referred_to: Organization | None = None,
    delivery_format: str = "",
    cost: Decimal | None = None,
    rating: Status | None = None,
    files: Sequence[UploadedFile[bytes]] = (),
    via_email: bool = False,
    at: dt.datetime | None = None,
) -> RequestEvent:
    """Adds a step allowed by `states.TRANSITIONS` (a ValidationError saying what to fix
    otherwise), moves the status, recomputes the clock and queues the notices."""
    moment = at or timezone.now()
    # The row is locked: two steps at once (a web answer and an e-mail) never both pass the
    # status check.
    locked = InformationRequest.objects.select_for_update().only("status").get(pk=request.pk)
    request.status = locked.status
    from_status = Status(request.status)
    errors: dict[str, list[str]] = {}
    refusal = step_refusal(request=request, kind=kind, side=side, today=timezone.localdate(moment))
    if refusal:
        errors[NON_FIELD_ERRORS] = [refusal]
    if refusal is None or kind in states.TRANSITIONS:
        errors.update(
            _content_errors(
                request=request,
                kind=kind,
                body=body,
                resolution=resolution,
                referred_to=referred_to,
                cost=cost,
                rating=rating,
                has_files=bool(files),
            )
        )
    types, file_errors = _files_errors(files)
    if file_errors:
        errors["files"] = file_errors
    if errors:
        raise ValidationError(errors)
    transition = states.TRANSITIONS[kind]
    to_status = Status(rating) if kind == EventKind.RATED and rating else transition.target
    event = RequestEvent.objects.create(
        request=request,
        kind=kind,
        side=side,
        at=moment,
        actor=actor,
        body=body.strip(),
        from_status=from_status,
        to_status=to_status or from_status,
        resolution=resolution.strip() if kind in states.NEEDS_RESOLUTION else "",
        referred_to=referred_to if kind == EventKind.NOT_COMPETENT else None,
        delivery_format=delivery_format.strip() if kind == EventKind.ANSWERED else "",
        cost=cost if kind == EventKind.ANSWERED else None,
        via_email=via_email,
    )
    for upload, content_type in zip(files, types, strict=True):
        name = os.path.basename(upload.name or "archivo")[-200:] or "archivo"
        RequestAttachment.objects.create(
            event=event, file=upload, name=name, content_type=content_type, size=upload.size or 0
        )
    request.status = event.to_status
    request.updated_at = moment
    fields = ["status", "updated_at"]
    if kind in states.RESPONSES:
        request.answered_at = moment
        fields.append("answered_at")
    request.save(update_fields=fields)
    clock.clock_recompute(request=request)
    notices.step_queue(event=event)
    return event
