"""Refuses a NUL byte in a page's query string before its view reads it.

PostgreSQL refuses NUL in text, so a NUL that reached a filter crashed the page (a 500); no
person types one, and no filter means anything with it. The protocols answer for themselves,
in their own error shapes: the REST API, CKAN (both under /api/) and Open311. So does a view
that reads its query through a form (`checks_its_own_query`): the form shows the error.
"""

from collections.abc import Callable
from typing import Any, TypeVar

from django.http import HttpRequest, HttpResponse, HttpResponseBase, QueryDict
from django.shortcuts import render
from django.utils.deprecation import MiddlewareMixin
from django.utils.translation import gettext as _

PROTOCOLS = ("/api/", "/open311/")
View = TypeVar("View", bound=Callable[..., Any])


def nul_fields(*queries: QueryDict) -> list[str]:
    """The names of the fields whose name or value carries a NUL byte."""
    return [
        name
        for query in queries
        for name, values in query.lists()
        if "\x00" in name + "".join(values)
    ]


def checks_its_own_query(view: View) -> View:
    view.checks_its_own_query = True  # type: ignore[attr-defined]
    return view


class NulByteQueryMiddleware(MiddlewareMixin):
    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], *args: object
    ) -> HttpResponseBase | None:
        if getattr(view, "checks_its_own_query", False) or request.path.startswith(PROTOCOLS):
            return None
        names = nul_fields(request.GET)
        return _refusal(request, names) if names else None


def _refusal(request: HttpRequest, names: list[str]) -> HttpResponse:
    context = {
        "title": _("La dirección no es válida"),
        "message": _(
            "La dirección lleva un carácter nulo (%%00) en «%(names)s». Quítalo y vuelve a "
            "intentarlo."
        )
        % {"names": ", ".join(name.replace("\x00", "") for name in names)},
        "status": 400,
    }
    return render(request, "error.html", context, status=400)
