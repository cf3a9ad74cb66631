"""Placeholder: the helper assigned to this module replaces it."""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse


def moderation_queue(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def request_moderate(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def request_redact(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def inbound_list(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def inbound_handle(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404
