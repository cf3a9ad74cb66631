"""Placeholder: replaced by the module's real views."""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse


def version_new(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def version_review(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def version_publish(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def version_discard(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def unit_edit(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def unit_delete(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404
