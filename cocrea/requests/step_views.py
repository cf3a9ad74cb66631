"""Placeholder: the helper assigned to this module replaces it."""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse


def step_new(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404
