"""E-mail answers of the institutions. Each request has an address of its own,
`solicitud-<id>-<mail_token>@<REQUESTS_MAIL_DOMAIN>` (`notices.reply_address`); a message received
there (`mail_server`) is stored first, raw, so that nothing is lost, then routed: attached to its
request as the institution's message, or quarantined with the reason for a moderator to release
or discard (`inbound_release`, `inbound_discard`).

Who may speak for the institution: the address of its transparency unit or of one of its liaison
accounts, in the message's From or its envelope sender. Both can be forged; what cannot be guessed
is the address's token, and a moderator sees every message that did not fit."""

import datetime as dt
import html
import logging
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from email import policy
from email.errors import MessageDefect
from email.message import EmailMessage, MIMEPart
from email.parser import BytesHeaderParser, BytesParser
from email.utils import getaddresses
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from cocrea.core.models import OrganizationRole, User
from cocrea.requests import steps
from cocrea.requests.models import (
    EventKind,
    InboundMessage,
    InboundStatus,
    InformationRequest,
    RequestEvent,
    Side,
    TransparencyUnit,
)

logger = logging.getLogger(__name__)

LOCAL_PART = re.compile(r"^solicitud-(?P<pk>[0-9]{1,18})-(?P<token>[0-9a-z]{1,64})$")
BODY_MAX = 20000  # RequestEvent.body's limit
REASON_MAX = 300  # InboundMessage.reason's
# The lines where a reply's quoted history starts: "El lun, 3 mar 2025 a las 10:00, X escribió:"
# (possibly wrapped over two or three lines), Outlook's separators, a signature's "-- ".
ATTRIBUTION_END = re.compile(r"(?:escribi[óo]|wrote)\s*:\s*$", re.IGNORECASE)
ATTRIBUTION_START = re.compile(r"^\s*(?:el|on)\s", re.IGNORECASE)
SEPARATOR = re.compile(
    r"^\s*-{2,}\s*(?:original message|mensaje original|forwarded message|mensaje reenviado)"
    r"\s*-{2,}\s*$",
    re.IGNORECASE,
)
OUTLOOK_RULE = re.compile(r"^\s*_{10,}\s*$")
OUTLOOK_FROM = re.compile(r"^\s*(?:de|from)\s*:", re.IGNORECASE)
HTML_DROP = re.compile(r"<(script|style|head)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
HTML_BREAK = re.compile(r"<br\s*/?>|</(?:p|div|li|tr|h[1-6]|blockquote)\s*>", re.IGNORECASE)
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def mail_domain() -> str:
    return str(getattr(settings, "REQUESTS_MAIL_DOMAIN", "solicitudes.localhost")).lower()


def max_bytes() -> int:
    return int(getattr(settings, "REQUESTS_MAIL_MAX_BYTES", 15 * 1024 * 1024))


def address_split(address: str) -> tuple[str, str] | None:
    """An envelope address's (local part, domain), lowercased; None if it is not one."""
    address = address.strip().strip("<>").strip()
    local, at, domain = address.rpartition("@")
    if not at or not local or not domain:
        return None
    return local.lower(), domain.lower().rstrip(".")


def is_ours(address: str) -> bool:
    """Whether an envelope recipient is of the requests' domain (any other is not relayed)."""
    parts = address_split(address)
    return parts is not None and parts[1] == mail_domain()


class Quarantine(Exception):
    """Routing stopped: the message stays quarantined, saying why."""

    def __init__(self, reason: str, request: InformationRequest | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.request = request


@dataclass
class Attachment:
    name: str
    content_type: str
    data: bytes


@dataclass
class Parsed:
    senders: set[str] = field(default_factory=set)
    body: str = ""
    attachments: list[Attachment] = field(default_factory=list)
    automatic: bool = False
    defects: list[str] = field(default_factory=list)


# --- Reading a message ----------------------------------------------------------------------


def _clean_line(value: str, limit: int) -> str:
    return CONTROL.sub(" ", value).replace("\n", " ").replace("\r", " ").strip()[:limit]


def subject_of(raw: bytes) -> str:
    """The decoded Subject, or "" when the headers cannot be read."""
    try:
        headers = BytesHeaderParser(policy=policy.default).parsebytes(raw)
        return _clean_line(str(headers.get("subject", "") or ""), 300)
    except Exception:  # any header is possible; the subject is only a label
        return ""


def html_text(markup: str) -> str:
    """The text of an HTML body: paragraphs and breaks kept as lines, tags and entities gone."""
    markup = HTML_DROP.sub("", markup)
    markup = HTML_BREAK.sub("\n", markup)
    text = html.unescape(strip_tags(markup)).replace("\xa0", " ")
    return re.sub(r"\n{3,}", "\n\n", "\n".join(line.rstrip() for line in text.splitlines()))


def reply_trim(text: str) -> str:
    """The new part of a reply: without the quoted history (from the "El ... escribió:" or
    "On ... wrote:" line, an Outlook separator or a signature's "-- " on) nor quoted lines."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    kept: list[str] = []
    for index, line in enumerate(lines):
        if ATTRIBUTION_END.search(line):
            # The attribution may wrap: its start is this line or one of the two before it,
            # and it names a date (a digit), unlike a sentence that ends in "escribió:".
            for back in range(3):
                start = len(kept) - back
                block = [*kept[max(start, 0) :], line]
                if start >= 0 and ATTRIBUTION_START.match(block[0]):
                    if any(char.isdigit() for char in "".join(block)):
                        del kept[start:]
                        return "\n".join(kept).strip()
                    break
        if SEPARATOR.match(line) or line == "-- ":
            break
        if OUTLOOK_RULE.match(line) and any(
            OUTLOOK_FROM.match(following) for following in lines[index + 1 : index + 3]
        ):
            break
        if line.lstrip().startswith(">"):
            continue
        kept.append(line.rstrip())
    return "\n".join(kept).strip()


def _addresses(values: Iterable[str]) -> set[str]:
    return {address.lower() for _name, address in getaddresses(list(values)) if "@" in address}


def _text_of(part: MIMEPart, *, strict: bool) -> str:
    try:
        content = part.get_content()
    except (LookupError, UnicodeError, ValueError, AssertionError):
        if strict:
            raise Quarantine(_("Mensaje mal formado: un texto no se puede decodificar.")) from None
        payload = part.get_payload(decode=True)
        content = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else ""
    return content if isinstance(content, str) else ""


def _filename(part: MIMEPart, number: int) -> str:
    try:
        name = part.get_filename() or ""
    except Exception:  # a broken parameter still leaves an attachment to name
        name = ""
    name = _clean_line(PurePosixPath(name.replace("\\", "/")).name, 200)
    return name or f"anexo-{number}"


def message_parse(raw: bytes, *, strict: bool = True) -> Parsed:
    """The senders, the new text and the attachments of a raw message. Strict (on receipt), a
    defect of its structure, an undecodable text or no content at all raises `Quarantine`;
    lenient (a moderator releasing it), what can be read is read."""
    message = BytesParser(policy=policy.default).parsebytes(raw)
    assert isinstance(message, EmailMessage)
    parsed = Parsed()
    parsed.senders = _addresses(str(value) for value in message.get_all("from", []))
    auto = str(message.get("auto-submitted", "no") or "no").strip().lower()
    parsed.automatic = auto != "no" or bool(message.get("x-autoreply"))
    body_part = message.get_body(preferencelist=("plain", "html"))
    if body_part is not None:
        text = _text_of(body_part, strict=strict)
        if body_part.get_content_subtype() == "html":
            text = html_text(text)
        parsed.body = reply_trim(text)
    for number, part in enumerate(message.iter_attachments(), start=1):
        if part.get_content_maintype() == "multipart" or part.is_multipart():
            continue
        payload = part.get_payload(decode=True)
        name = _filename(part, number)
        if not isinstance(payload, bytes):
            parsed.attachments.append(Attachment(name, part.get_content_type(), b""))
            continue
        parsed.attachments.append(Attachment(name, part.get_content_type(), payload))
    defects: list[MessageDefect] = []
    for part in message.walk():
        defects.extend(part.defects)
    parsed.defects = sorted({type(defect).__name__ for defect in defects})
    if strict and parsed.defects:
        raise Quarantine(
            _("Mensaje mal formado (%(defects)s).") % {"defects": ", ".join(parsed.defects)}
        )
    if strict and not parsed.body and not parsed.attachments:
        raise Quarantine(_("Mensaje sin texto ni anexos."))
    return parsed


# --- Routing --------------------------------------------------------------------------------


def _reason(*parts: str) -> str:
    text = " ".join(part for part in parts if part)
    return text if len(text) <= REASON_MAX else text[: REASON_MAX - 1] + "…"


def attachments_check(
    attachments: list[Attachment],
) -> tuple[list[SimpleUploadedFile], list[str]]:
    """The attachments that pass a step's upload checks (`steps.attachment_check`: by content,
    and size), as uploads, and the refused ones, each named with why."""
    accepted: list[SimpleUploadedFile] = []
    refused: list[str] = []
    for attachment in attachments:
        if len(accepted) >= steps.MAX_FILES:
            refused.append(_("%(name)s (demasiados anexos)") % {"name": attachment.name})
            continue
        upload = SimpleUploadedFile(attachment.name, attachment.data, attachment.content_type)
        try:
            if not attachment.data:
                raise ValidationError(_("vacío o ilegible"), code="empty")
            steps.attachment_check(upload)
        except ValidationError as error:
            why = {
                "too_large": _("pesa más de %(mb)d MB") % {"mb": steps.max_mb()},
                "wrong_type": _("tipo no aceptado por su contenido"),
            }.get(str(error.code), " ".join(error.messages))
            refused.append(f"{attachment.name} ({why})")
            continue
        accepted.append(upload)
    return accepted, refused


def refused_note(refused: list[str]) -> str:
    if not refused:
        return ""
    return _("Anexos no aceptados: %(files)s.") % {"files": "; ".join(refused)}


def speaker(request: InformationRequest, senders: set[str]) -> tuple[bool, User | None]:
    """Whether one of `senders` speaks for the request's institution, and the liaison account
    that does (None for the transparency unit's address)."""
    if not senders:
        return False, None
    matches = Q()
    for sender in senders:
        matches |= Q(email__iexact=sender)
    liaison = (
        User.objects.filter(
            matches,
            is_active=True,
            org_memberships__organization_id=request.organization_id,
            org_memberships__role=OrganizationRole.LIAISON,
            org_memberships__is_active=True,
        )
        .order_by("pk")
        .first()
    )
    if liaison is not None:
        return True, liaison
    unit_email = (
        TransparencyUnit.objects.filter(organization_id=request.organization_id)
        .values_list("email", flat=True)
        .first()
    )
    return bool(unit_email) and str(unit_email).lower() in senders, None


def request_for(rcpt_to: str) -> InformationRequest:
    """The request a recipient address names, its token checked; `Quarantine` otherwise."""
    parts = address_split(rcpt_to)
    if parts is None or parts[1] != mail_domain():
        raise Quarantine(_("La dirección no es de las solicitudes."))
    match = LOCAL_PART.match(parts[0])
    if match is None:
        raise Quarantine(_("La dirección no corresponde a ninguna solicitud."))
    request = (
        InformationRequest.objects.select_related("organization")
        .filter(pk=int(match["pk"]))
        .first()
    )
    if request is None:
        raise Quarantine(_("La dirección no corresponde a ninguna solicitud."))
    if not secrets.compare_digest(match["token"].encode(), request.mail_token.lower().encode()):
        raise Quarantine(
            _("La clave de la dirección no es la de la solicitud %(pk)d (¿dirección falsa?).")
            % {"pk": request.pk}
        )
    return request


def _step_add(
    request: InformationRequest,
    actor: User | None,
    parsed: Parsed,
    files: list[SimpleUploadedFile],
) -> RequestEvent:
    body = parsed.body if len(parsed.body) <= BODY_MAX else parsed.body[: BODY_MAX - 1] + "…"
    if not body.strip():  # a message needs words; a reply may bring only its documents
        body = _("(Respuesta por correo: ver los anexos.)")
    return steps.step_add(
        request=request,
        kind=EventKind.MESSAGE,
        side=Side.INSTITUTION,
        actor=actor,
        body=body,
        files=files,
        via_email=True,
    )


def _route(message: InboundMessage, raw: bytes) -> None:
    if len(raw) > max_bytes():
        raise Quarantine(_("El mensaje pasa del tamaño máximo."))
    request = request_for(message.rcpt_to)
    try:
        parsed = message_parse(raw)
    except Quarantine as stop:
        stop.request = request
        raise
    except Exception:  # the parser's own surprises are a malformed message too
        logger.exception("Inbound message %s could not be parsed", message.pk)
        raise Quarantine(_("Mensaje mal formado: no se pudo leer."), request) from None
    if parsed.automatic:
        raise Quarantine(
            _("Respuesta automática (fuera de oficina o aviso): no se publica."), request
        )
    senders = parsed.senders | _addresses([message.mail_from])
    recognized, actor = speaker(request, senders)
    if not recognized:
        raise Quarantine(_("Remitente no reconocido por la institución."), request)
    files, refused = attachments_check(parsed.attachments)
    if not parsed.body and not files:
        raise Quarantine(
            _reason(_("Sin texto ni anexos aceptables."), refused_note(refused)), request
        )
    try:
        event = _step_add(request, actor, parsed, files)
    except ValidationError as error:
        raise Quarantine(
            _reason(_("El paso no se pudo registrar:"), " ".join(error.messages)), request
        ) from None
    message.status = InboundStatus.ATTACHED
    message.request = request
    message.event = event
    message.reason = _reason(refused_note(refused))
    message.save(update_fields=["status", "request", "event", "reason"])


def _quarantine(message: InboundMessage, reason: str, request: InformationRequest | None) -> None:
    message.status = InboundStatus.QUARANTINED
    message.reason = _reason(reason)
    message.request = request
    message.event = None
    message.save(update_fields=["status", "reason", "request", "event"])


def inbound_store(
    *, raw: bytes, mail_from: str, rcpt_to: str, received_at: dt.datetime | None = None
) -> InboundMessage:
    """Keeps a received message, raw, quarantined until routed. Raises if it cannot be kept
    (the SMTP server then answers 451 and the sender retries)."""
    message = InboundMessage(
        received_at=received_at or timezone.now(),
        mail_from=_clean_line(mail_from, 320),
        rcpt_to=_clean_line(rcpt_to, 320),
        subject=subject_of(raw),
        size=len(raw),
        status=InboundStatus.QUARANTINED,
        reason=_("Recibido; sin procesar todavía."),
    )
    name = f"{message.received_at:%Y%m%d-%H%M%S}-{secrets.token_hex(8)}.eml"
    message.raw.save(name, ContentFile(raw), save=False)
    try:
        message.save()
    except Exception:
        message.raw.delete(save=False)
        raise
    return message


def inbound_route(*, message: InboundMessage, raw: bytes) -> InboundMessage:
    """Attaches a stored message to its request, or quarantines it saying why: never raises
    for what the message contains."""
    try:
        with transaction.atomic():
            _route(message, raw)
    except Quarantine as stop:
        _quarantine(message, stop.reason, stop.request)
    except Exception:  # whatever fails, the message stays, for a moderator
        logger.exception("Inbound message %s could not be routed", message.pk)
        _quarantine(message, _("Error al procesarlo; revisa el mensaje original."), None)
    return message


def inbound_receive(
    *, raw: bytes, mail_from: str, rcpt_to: str, received_at: dt.datetime | None = None
) -> InboundMessage:
    """Stores a received message (committed first: nothing is lost), then routes it."""
    message = inbound_store(raw=raw, mail_from=mail_from, rcpt_to=rcpt_to, received_at=received_at)
    return inbound_route(message=message, raw=raw)


# --- Moderation -----------------------------------------------------------------------------


def _locked_quarantined(message: InboundMessage) -> InboundMessage:
    locked = InboundMessage.objects.select_for_update().get(pk=message.pk)
    if locked.status != InboundStatus.QUARANTINED:
        raise ValidationError(_("Este correo ya se revisó."), code="reviewed")
    return locked


@transaction.atomic
def inbound_release(
    *, message: InboundMessage, request: InformationRequest, actor: User
) -> InboundMessage:
    """Adds a quarantined message to `request` as the institution's message (a moderator
    judged it genuine); its attachments still go through the uploads' checks."""
    locked = _locked_quarantined(message)
    try:
        with locked.raw.open("rb") as handle:
            raw = handle.read()
    except (FileNotFoundError, ValueError):
        raise ValidationError(_("El mensaje original ya no está; descártalo.")) from None
    try:
        parsed = message_parse(raw, strict=False)
    except Exception:  # a message the parser gives up on has nothing to add
        raise ValidationError(_("No se pudo leer este correo; descártalo.")) from None
    files, refused = attachments_check(parsed.attachments)
    if not parsed.body and not files:
        raise ValidationError(
            _reason(_("El correo no tiene texto ni anexos que agregar; descártalo."),
                    refused_note(refused))
        )  # fmt: skip
    _recognized, speaking = speaker(request, parsed.senders | _addresses([locked.mail_from]))
    event = _step_add(request, speaking, parsed, files)
    locked.status = InboundStatus.RELEASED
    locked.request = request
    locked.event = event
    locked.reason = _reason(
        _("Revisado por moderación y agregado a la solicitud."), refused_note(refused)
    )
    locked.save(update_fields=["status", "request", "event", "reason"])
    logger.info("Inbound message %s released to request %s by %s", locked.pk, request.pk, actor.pk)
    return locked


@transaction.atomic
def inbound_discard(*, message: InboundMessage, actor: User, reason: str) -> InboundMessage:
    """Closes a quarantined message without adding it anywhere; the original stays on file."""
    reason = _clean_line(reason, REASON_MAX)
    if not reason:
        raise ValidationError({"reason": _("Di por qué se descarta.")})
    locked = _locked_quarantined(message)
    locked.status = InboundStatus.DISCARDED
    locked.reason = reason
    locked.save(update_fields=["status", "reason"])
    logger.info("Inbound message %s discarded by %s", locked.pk, actor.pk)
    return locked
