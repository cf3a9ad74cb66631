"""Placeholder: replaced by the module's real views."""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse


def summary_xlsx(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def summary_csv(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404
