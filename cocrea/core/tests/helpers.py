"""Helpers for tests across apps."""

import io
import struct
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

from django.db import transaction
from django.http import HttpResponseBase, StreamingHttpResponse
from django.test import Client, override_settings
from pytest_django import DjangoDbBlocker

from cocrea.core.models import User

# A minimal valid PDF: its content, not its name, makes it a PDF.
PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def png_bytes(width: int = 8, height: int = 8) -> bytes:
    """A whole PNG, drawn by Pillow."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "teal").save(buffer, "PNG")
    return buffer.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A few hundred bytes whose header claims `width` x `height` pixels: a decompression bomb."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        checksum = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", checksum)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\0" * 1024)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def streamed(response: HttpResponseBase) -> bytes:
    """The whole body of a streamed response (an export, a file download)."""
    assert isinstance(response, StreamingHttpResponse)
    return response.getvalue()


EDITORS = ("secretariat", "coordinator", "admin")
NON_EDITORS = ("participant", "other_liaison", "liaison", "other_coordinator")


def rolled_back_at_the_end(
    django_db_blocker: DjangoDbBlocker, media_root: Path, load: Callable[[], object]
) -> Iterator[None]:
    """Loads data once for several tests (a module-scoped fixture yields from this): in a
    transaction opened before the first test and rolled back after the last one. Each test
    still runs in a savepoint of its own inside it (pytest-django's non-transactional tests),
    so what one test writes no other test sees, and nothing is left for the next module."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic._from_testcase = True  # type: ignore[attr-defined]  # as a TestCase's own
        atomic.__enter__()
        try:
            # The settings _test_settings gives each test, for the loading too (a file it
            # saves stays out of the checkout's media folder).
            with override_settings(
                MEDIA_ROOT=media_root,
                PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
                MAILER_EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
            ):
                load()
        except BaseException:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            raise
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
