"""Placeholder: the helper assigned to this module replaces it."""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse


def timeline(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def profile_edit(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def suspension_list(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def suspension_new(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def unit_edit(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def days_off(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404
