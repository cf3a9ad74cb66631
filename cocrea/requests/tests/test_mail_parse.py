"""Reading a reply without a server or a database: addresses, the quoted history, HTML bodies,
malformed structure."""

import pytest

from cocrea.requests.inbound import (
    Quarantine,
    address_split,
    html_text,
    is_ours,
    message_parse,
    reply_trim,
)


def test_addresses(settings):
    settings.REQUESTS_MAIL_DOMAIN = "solicitudes.prueba.mx"
    assert address_split("<Solicitud-4-ABC@Solicitudes.Prueba.MX>") == (
        "solicitud-4-abc",
        "solicitudes.prueba.mx",
    )
    assert address_split("sin-arroba") is None
    assert is_ours("solicitud-1-a@solicitudes.prueba.mx")
    assert not is_ours("solicitud-1-a@prueba.mx") and not is_ours("@solicitudes.prueba.mx")


@pytest.mark.parametrize(
    "text",
    [
        "Respuesta.\n\nEl lun, 3 mar 2025 a las 10:00, Cocrea <x@y.mx> escribió:\n> Pido.",
        "Respuesta.\n\nEl lun, 3 mar 2025 a las 10:00, Cocrea <\nx@y.mx> escribió:\n> Pido.",
        "Respuesta.\n\nOn Mon, Mar 3, 2025 at 10:00 AM Cocrea <x@y.mx> wrote:\n> Pido.",
        "Respuesta.\n\n-----Mensaje original-----\nDe: Cocrea\nPido.",
        "Respuesta.\n\n________________________________\nDe: Cocrea <x@y.mx>\nPido.",
        "Respuesta.\n\n-- \nLic. Fulana, Unidad de Transparencia",
        "> Pido.\nRespuesta.\n",
    ],
)
def test_the_quoted_history_is_trimmed(text):
    assert reply_trim(text) == "Respuesta."


def test_a_sentence_ending_in_escribio_is_kept():
    text = "El titular del área escribió:\nque no hay documentos."
    assert reply_trim(text) == text


def test_html_bodies_become_text():
    markup = "<html><head><style>p{}</style></head><body><p>Hola &amp; adiós</p>uno<br>dos</body>"
    assert html_text(markup).strip() == "Hola & adiós\nuno\ndos"


def test_an_html_only_reply_is_read():
    raw = (
        b"From: a@b.mx\r\nSubject: r\r\nMIME-Version: 1.0\r\n"
        b"Content-Type: text/html; charset=utf-8\r\n\r\n<p>Va la respuesta</p>"
    )
    assert message_parse(raw).body == "Va la respuesta"


@pytest.mark.parametrize(
    "raw",
    [
        b"From: a@b.mx\r\nContent-Type: multipart/mixed\r\n\r\nno boundary",
        b"From: a@b.mx\r\nContent-Type: text/plain; charset=no-such-charset\r\n\r\nhola",
        b"From: a@b.mx\r\nSubject: nada\r\n\r\n",
    ],
)
def test_malformed_or_empty_messages_stop_strictly(raw):
    with pytest.raises(Quarantine):
        message_parse(raw)
    message_parse(raw, strict=False)  # a moderator still gets what can be read


def test_senders_and_automatic_replies():
    raw = (
        b"From: Unidad <UT@Ejemplo.gob.mx>\r\nAuto-Submitted: auto-replied\r\n\r\nFuera de oficina"
    )
    parsed = message_parse(raw)
    assert parsed.senders == {"ut@ejemplo.gob.mx"} and parsed.automatic
