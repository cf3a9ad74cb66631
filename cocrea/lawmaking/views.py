"""Placeholder: replaced by the module's real views."""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse


def process_list(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def process_edit(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def exercise_processes(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def process_detail(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def phase_edit(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def process_follow(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def process_close(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def process_history(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def text(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def version_list(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def version_detail(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def version_unit(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404
