"""The SMTP receiver of the institutions' e-mail answers (an aiosmtpd server).

Each request has a reply address, ``solicitud-<id>-<token>@<REQUESTS_MAIL_DOMAIN>``, that its
notices to the institution carry. This server accepts mail for that domain only (any other
recipient is refused at RCPT with 550: it is not an open relay), refuses a message over
``REQUESTS_MAIL_MAX_BYTES`` (552), stores every accepted message before answering 250 (451 if it
could not be stored: the sending server retries), then attaches it to its request as the
institution's message or quarantines it for the moderators (``/solicitudes/correo/``).

Running it in production
------------------------
1. Choose the domain, e.g. ``solicitudes.example.mx``, and set ``REQUESTS_MAIL_DOMAIN`` to it
   (the web processes and this one must agree: the notices print the addresses).
2. Run the receiver as a service next to the web processes, with the same settings and storage
   (the raw messages go to the default storage, under ``correo/``)::

       REQUESTS_SMTP_HOST=127.0.0.1 REQUESTS_SMTP_PORT=8025 python manage.py requests_receive_mail

   ``--host`` and ``--port`` override the variables; ``REQUESTS_MAIL_MAX_BYTES`` (default 15 MB)
   limits a message. It stops on SIGTERM or Ctrl-C. Restart it on failure (systemd
   ``Restart=always``); while it is down, senders queue their mail and retry.
3. Bring the domain's mail to it, one of:

   - Behind a mail server you already run (recommended: it does TLS, spam filtering and
     retries): route the domain to the receiver, e.g. Postfix
     ``transport_maps = hash:/etc/postfix/transport`` with
     ``solicitudes.example.mx  smtp:[127.0.0.1]:8025`` and the domain in
     ``relay_domains``; the receiver listens on localhost only.
   - Directly: an MX record of the domain pointing at this host, port 25 forwarded to the
     receiver (``REQUESTS_SMTP_HOST=0.0.0.0``, a firewall redirect 25 → 8025, so the process
     needs no privilege). It speaks plain SMTP without TLS or authentication; prefer the first.
   - A forward from a mailbox of the institution's provider does not work: the address must be
     the request's own, so a catch-all of the domain must reach the receiver.
4. The moderators review what was quarantined (unknown address, forged token, unknown sender,
   automatic reply, malformed message) and release it to a request or discard it; nothing is
   deleted.
"""

import logging
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session
from asgiref.sync import sync_to_async
from django.db import close_old_connections

from cocrea.requests import inbound

logger = logging.getLogger(__name__)

MAX_RECIPIENTS = 20


def _receive_all(raw: bytes, mail_from: str, recipients: list[str]) -> None:
    """Stores and routes one message per recipient (in the thread that may use the ORM)."""
    close_old_connections()
    try:
        for recipient in recipients:
            inbound.inbound_receive(raw=raw, mail_from=mail_from, rcpt_to=recipient)
    finally:
        close_old_connections()


class InboundHandler:
    """aiosmtpd's handler: recipients of the requests' domain only, messages stored then
    routed by `inbound.inbound_receive`."""

    def __init__(self, *, max_bytes: int | None = None) -> None:
        self.max_bytes = max_bytes or inbound.max_bytes()

    async def handle_RCPT(
        self,
        server: SMTP,
        session: Session,
        envelope: Envelope,
        address: str,
        rcpt_options: list[str],
    ) -> str:
        if not inbound.is_ours(address):
            return "550 5.7.1 Relaying denied: this server only receives mail for its domain"
        if len(envelope.rcpt_tos) >= MAX_RECIPIENTS:
            return "452 4.5.3 Too many recipients"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        raw = envelope.original_content or envelope.content or b""
        if isinstance(raw, str):
            raw = raw.encode("utf-8", "surrogateescape")
        if len(raw) > self.max_bytes:
            return "552 5.3.4 Message too big"
        try:
            await sync_to_async(_receive_all, thread_sensitive=True)(
                raw, envelope.mail_from or "", list(envelope.rcpt_tos)
            )
        except Exception:
            logger.exception("An inbound message could not be stored")
            return "451 4.3.0 Could not store the message; try again later"
        return "250 OK: received"


def mail_controller(
    *, host: str, port: int, max_bytes: int | None = None, **options: Any
) -> Controller:
    """An aiosmtpd Controller (not started) serving `InboundHandler` on host:port, refusing
    messages over `max_bytes` (REQUESTS_MAIL_MAX_BYTES) while they are sent."""
    limit = max_bytes or inbound.max_bytes()
    return Controller(
        InboundHandler(max_bytes=limit),
        hostname=host,
        port=port,
        data_size_limit=limit,
        enable_SMTPUTF8=True,
        ident="Cocrea solicitudes",
        **options,
    )
