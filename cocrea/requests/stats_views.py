"""Placeholder: the helper assigned to this module replaces it."""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse


def statistics(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def statistics_csv(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def need_list(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def institution_needs(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404
