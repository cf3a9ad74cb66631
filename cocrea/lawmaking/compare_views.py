"""Placeholder: replaced by the module's real views."""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse


def compare(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def comparative(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def comparative_pdf(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def comparative_docx(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404
