"""Placeholder: replaced by the module's real views."""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse


def contribution_list(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def contribution_new(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def contribution_detail(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def contribution_support(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def contribution_unsupport(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def comment_add(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def contribution_answer(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def contribution_flag(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def contribution_moderate(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def comment_flag(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def comment_moderate(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def moderation_queue(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404

def unit_detail(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404
