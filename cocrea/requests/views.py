"""Placeholder: the helper assigned to this module replaces it."""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse


def request_list(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def request_new(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def request_record(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def request_detail(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def request_follow(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def request_events_json(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def institution_detail(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def institution_follow(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404
