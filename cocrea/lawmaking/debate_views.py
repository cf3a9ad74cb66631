"""Placeholder: replaced by the module's real views."""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse


def question_list(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def question_edit(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def question_detail(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def question_answer(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404
