"""Helpers for tests across apps."""

import io
import struct
import zlib

from django.http import HttpResponseBase, StreamingHttpResponse
from django.test import Client

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
