"""Helpers for tests across apps."""

from django.http import HttpResponseBase, StreamingHttpResponse
from django.test import Client

from cocrea.core.models import User

# A minimal valid PDF: its content, not its name, makes it a PDF.
PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
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
