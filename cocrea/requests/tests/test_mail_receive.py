"""The institutions' e-mail answers as received.

On the wire (a real aiosmtpd server on a free port, sent with smtplib): what only the SMTP
conversation can show: a reply received end to end, another domain refused at RCPT, an
oversize message refused, a storage failure answered 451. These are transactional: the handler
writes from its own thread, so it needs committed data; serialized_rollback brings back the
territories the factories use. They cost a database reload each, so they are few.

Routing (ordinary `django_db` tests): everything else goes through `inbound.inbound_receive`,
the function the SMTP handler calls for each recipient, with the same raw bytes the server
would hand it (`_wire_bytes`), and its effect read from the database."""

import smtplib
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError

from cocrea.core.models import OrganizationRole
from cocrea.core.tests.factories import OrganizationMembershipFactory, UserFactory
from cocrea.core.tests.helpers import PDF_BYTES
from cocrea.requests import inbound
from cocrea.requests.mail_server import mail_controller
from cocrea.requests.models import (
    EventKind,
    InboundMessage,
    InboundStatus,
    InformationRequest,
    RequestAttachment,
    RequestEvent,
    Side,
)
from cocrea.requests.notices import reply_address
from cocrea.requests.tests.factories import InformationRequestFactory, TransparencyUnitFactory

DOMAIN = "solicitudes.prueba.mx"
MAX_BYTES = 200_000

on_the_wire = pytest.mark.django_db(transaction=True, serialized_rollback=True)
routing = pytest.mark.django_db


@pytest.fixture
def mail_settings(settings) -> None:
    settings.REQUESTS_MAIL_DOMAIN = DOMAIN
    settings.REQUESTS_MAIL_MAX_BYTES = MAX_BYTES


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def smtp(mail_settings) -> Iterator[tuple[str, int]]:
    port = _free_port()
    controller = mail_controller(host="127.0.0.1", port=port)
    controller.start()
    try:
        yield "127.0.0.1", port
    finally:
        controller.stop()


@dataclass
class Scene:
    request: InformationRequest
    liaison_email: str
    unit_email: str


@pytest.fixture
def scene(mail_settings) -> Scene:
    request = InformationRequestFactory()
    unit = TransparencyUnitFactory(organization=request.organization)
    liaison = OrganizationMembershipFactory(
        organization=request.organization, role=OrganizationRole.LIAISON
    ).user
    return Scene(request=request, liaison_email=liaison.email, unit_email=unit.email)


def _message(
    *, sender: str, to: str, body: str = "Adjuntamos la respuesta.", subject: str = "Re: Solicitud"
) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message.set_content(body)
    return message


def _send(smtp: tuple[str, int], message: EmailMessage | bytes, *, sender: str, to: str) -> None:
    host, port = smtp
    with smtplib.SMTP(host, port, timeout=10) as client:
        if isinstance(message, bytes):
            client.sendmail(sender, [to], message)
        else:
            client.send_message(message, from_addr=sender, to_addrs=[to])


def _wire_bytes(message: EmailMessage | bytes) -> bytes:
    """The bytes the server hands the handler for what `_send` sends: the message flattened
    with CRLF line ends (as smtplib does), ending in a line end."""
    raw = message if isinstance(message, bytes) else message.as_bytes(policy=policy.SMTP)
    return raw if raw.endswith(b"\r\n") else raw + b"\r\n"


def _receive(message: EmailMessage | bytes, *, sender: str, to: str) -> InboundMessage:
    """What the SMTP handler does with an accepted message for one recipient."""
    return inbound.inbound_receive(raw=_wire_bytes(message), mail_from=sender, rcpt_to=to)


def _only_message() -> InboundMessage:
    (message,) = InboundMessage.objects.all()
    assert message.raw and message.raw.size == message.size
    return message


# --- On the wire ----------------------------------------------------------------------------


@on_the_wire
def test_a_liaisons_reply_with_a_pdf_becomes_the_institutions_message(smtp, scene):
    to = reply_address(scene.request)
    message = _message(
        sender=f"Enlace <{scene.liaison_email}>",
        to=to,
        subject="Re: =?utf-8?q?Contrataci=C3=B3n?=",
        body=(
            "Buenas tardes:\n\nEnviamos el listado solicitado.\n\n"
            "El lun, 3 mar 2025 a las 10:00, Cocrea <\n"
            f"{to}> escribió:\n> Pido la lista de contratos.\n"
        ),
    )
    message.add_attachment(PDF_BYTES, maintype="application", subtype="pdf", filename="oficio.pdf")
    message.set_boundary("==limite-de-prueba==")  # fixed, to compare the bytes kept
    _send(smtp, message, sender=scene.liaison_email, to=to)

    stored = _only_message()
    assert stored.status == InboundStatus.ATTACHED, stored.reason
    assert stored.request_id == scene.request.pk and stored.reason == ""
    assert stored.mail_from == scene.liaison_email and stored.rcpt_to == to
    with stored.raw.open("rb") as kept:  # what the routing tests below feed the handler's entry
        assert kept.read() == _wire_bytes(message)
    event = stored.event
    assert event is not None
    assert (event.kind, event.side, event.via_email) == (EventKind.MESSAGE, Side.INSTITUTION, True)
    assert event.actor is not None and event.actor.email == scene.liaison_email
    assert event.body == "Buenas tardes:\n\nEnviamos el listado solicitado."
    (attachment,) = RequestAttachment.objects.filter(event=event)
    assert attachment.name == "oficio.pdf" and attachment.content_type == "application/pdf"


@on_the_wire
def test_another_domain_is_refused_at_rcpt(smtp, scene):
    host, port = smtp
    with smtplib.SMTP(host, port, timeout=10) as client:
        client.ehlo()
        client.mail(scene.unit_email)
        code, _text = client.rcpt("alguien@example.com")
        assert code == 550
    with pytest.raises(smtplib.SMTPRecipientsRefused):
        _send(
            smtp,
            _message(sender="x@example.org", to="y@gmail.com"),
            sender="x@e.org",
            to="y@gmail.com",
        )
    assert not InboundMessage.objects.exists()


@on_the_wire
def test_an_oversize_message_is_refused_by_the_server(smtp, scene):
    to = reply_address(scene.request)
    message = _message(sender=scene.unit_email, to=to)
    message.add_attachment(
        b"%PDF-1.4\n" + b"0" * MAX_BYTES, maintype="application", subtype="pdf", filename="g.pdf"
    )
    with pytest.raises(smtplib.SMTPException) as refused:
        _send(smtp, message, sender=scene.unit_email, to=to)
    assert "552" in str(refused.value) or getattr(refused.value, "smtp_code", 0) == 552
    assert not InboundMessage.objects.exists()


@on_the_wire
def test_a_message_that_cannot_be_stored_gets_451_so_the_sender_retries(smtp, scene, monkeypatch):
    storage = InboundMessage._meta.get_field("raw").storage

    def broken(*args, **kwargs):
        raise OSError("disco lleno")

    monkeypatch.setattr(storage, "save", broken)
    to = reply_address(scene.request)
    with pytest.raises(smtplib.SMTPDataError) as refused:
        _send(smtp, _message(sender=scene.unit_email, to=to), sender=scene.unit_email, to=to)
    assert refused.value.smtp_code == 451
    assert not InboundMessage.objects.exists()


# --- Routing (the handler's entry point, without the wire) ----------------------------------


@routing
def test_the_units_address_speaks_for_the_institution_without_an_account(scene):
    to = reply_address(scene.request)
    _receive(_message(sender=scene.unit_email, to=to), sender=scene.unit_email, to=to)
    stored = _only_message()
    assert stored.status == InboundStatus.ATTACHED, stored.reason
    event = stored.event
    assert event is not None
    assert event.actor is None and event.side == Side.INSTITUTION


@routing
def test_an_address_that_names_no_request_is_quarantined(scene):
    for to in (f"solicitud-999999-abc@{DOMAIN}", f"contacto@{DOMAIN}"):
        _receive(_message(sender=scene.unit_email, to=to), sender=scene.unit_email, to=to)
    messages = InboundMessage.objects.order_by("pk")
    assert [m.status for m in messages] == [InboundStatus.QUARANTINED] * 2
    assert all("ninguna solicitud" in m.reason and m.request_id is None for m in messages)
    assert not RequestEvent.objects.exists()


@routing
def test_a_forged_token_is_quarantined(scene):
    to = f"solicitud-{scene.request.pk}-{'0' * 24}@{DOMAIN}"
    _receive(_message(sender=scene.unit_email, to=to), sender=scene.unit_email, to=to)
    stored = _only_message()
    assert stored.status == InboundStatus.QUARANTINED and "clave" in stored.reason
    assert not RequestEvent.objects.exists()


@routing
def test_a_fake_pdf_is_not_attached_but_the_message_is_kept(scene):
    to = reply_address(scene.request)
    message = _message(sender=scene.liaison_email, to=to, body="Va la respuesta.")
    message.add_attachment(
        b"MZ\x90\x00 not a pdf", maintype="application", subtype="pdf", filename="respuesta.pdf"
    )
    message.add_attachment(PDF_BYTES, maintype="application", subtype="pdf", filename="bien.pdf")
    _receive(message, sender=scene.liaison_email, to=to)
    stored = _only_message()
    assert stored.status == InboundStatus.ATTACHED
    assert "respuesta.pdf" in stored.reason and "bien.pdf" not in stored.reason
    names = list(RequestAttachment.objects.values_list("name", flat=True))
    assert names == ["bien.pdf"]
    with stored.raw.open("rb") as kept:
        assert b'filename="respuesta.pdf"' in kept.read()


@routing
def test_malformed_mime_is_quarantined(scene):
    to = reply_address(scene.request)
    broken = (
        f"From: {scene.liaison_email}\r\nTo: {to}\r\nSubject: roto\r\n"
        'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="XYZ"\r\n\r\n'
        "--XYZ\r\nContent-Type: text/plain\r\n\r\nHola\r\n"
        "--XYZ\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n"
        'Content-Disposition: attachment; filename="a.pdf"\r\n\r\n@@@not base64===\r\n'
    ).encode()
    _receive(broken, sender=scene.liaison_email, to=to)
    stored = _only_message()
    assert stored.status == InboundStatus.QUARANTINED and "mal formado" in stored.reason
    assert stored.request_id == scene.request.pk and stored.subject == "roto"
    assert not RequestEvent.objects.exists()


@routing
def test_a_message_without_content_is_quarantined(scene):
    to = reply_address(scene.request)
    raw = f"From: {scene.liaison_email}\r\nTo: {to}\r\nSubject: vacío\r\n\r\n".encode()
    _receive(raw, sender=scene.liaison_email, to=to)
    stored = _only_message()
    assert stored.status == InboundStatus.QUARANTINED and "sin texto" in stored.reason.lower()


@routing
def test_an_unknown_sender_is_quarantined(scene):
    to = reply_address(scene.request)
    stranger = UserFactory().email
    _receive(_message(sender=stranger, to=to), sender=stranger, to=to)
    stored = _only_message()
    assert stored.status == InboundStatus.QUARANTINED
    assert stored.reason == "Remitente no reconocido por la institución."
    assert not RequestEvent.objects.exists()


@routing
def test_an_automatic_reply_is_quarantined(scene):
    to = reply_address(scene.request)
    message = _message(sender=scene.unit_email, to=to, body="Estoy fuera de la oficina.")
    message["Auto-Submitted"] = "auto-replied"
    _receive(message, sender=scene.unit_email, to=to)
    assert _only_message().status == InboundStatus.QUARANTINED


@routing
def test_release_and_discard(scene):
    to = reply_address(scene.request)
    stranger = "oficialia@otro-dominio.gob.mx"
    message = _message(sender=stranger, to=to, body="Respuesta desde la oficialía de partes.")
    message.add_attachment(PDF_BYTES, maintype="application", subtype="pdf", filename="r.pdf")
    _receive(message, sender=stranger, to=to)
    _receive(_message(sender=stranger, to=to, body="Publicidad"), sender=stranger, to=to)
    first, second = InboundMessage.objects.order_by("pk")
    assert first.status == second.status == InboundStatus.QUARANTINED
    moderator = UserFactory(is_superuser=True)

    released = inbound.inbound_release(message=first, request=scene.request, actor=moderator)
    assert released.status == InboundStatus.RELEASED and released.request_id == scene.request.pk
    event = released.event
    assert event is not None
    assert event.side == Side.INSTITUTION and event.via_email and event.actor is None
    assert event.body == "Respuesta desde la oficialía de partes."
    assert RequestAttachment.objects.filter(event=event).count() == 1

    with pytest.raises(ValidationError):
        inbound.inbound_discard(message=second, actor=moderator, reason="  ")
    discarded = inbound.inbound_discard(message=second, actor=moderator, reason="Publicidad")
    assert (discarded.status, discarded.reason) == (InboundStatus.DISCARDED, "Publicidad")
    assert discarded.raw  # kept on file
    for done in (released, discarded):
        with pytest.raises(ValidationError):
            inbound.inbound_discard(message=done, actor=moderator, reason="otra vez")
    assert settings.REQUESTS_MAIL_DOMAIN == DOMAIN


@routing
def test_a_failure_while_routing_leaves_the_message_quarantined(scene, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("inesperado")

    monkeypatch.setattr(inbound, "speaker", broken)
    to = reply_address(scene.request)
    _receive(_message(sender=scene.unit_email, to=to), sender=scene.unit_email, to=to)
    stored = _only_message()
    assert stored.status == InboundStatus.QUARANTINED and "Error" in stored.reason
    assert not RequestEvent.objects.exists()
