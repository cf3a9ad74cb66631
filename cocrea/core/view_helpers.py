"""Pieces the read pages of several apps share (the edit pages' are in editing.py)."""

from collections.abc import Iterable
from typing import Any, TypeVar

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from cocrea.core.forms import AxisNameForm

T = TypeVar("T")


def found_or_404(found: T | None, missing: str) -> T:
    """What a selector found, or a 404 saying `missing` when it found nothing."""
    if found is None:
        raise Http404(missing)
    return found


def axis_list_page(
    request: HttpRequest,
    *,
    names: str,
    args: list[Any],
    axes: Iterable[Any],
    title: str,
    exercise: object,
    back_url: str,
    back_label: str,
) -> HttpResponse:
    """The page that orders, renames and retires the axes of a consultation or a plan, and adds
    one. `names` starts the names of its addresses (`<names>_move`, …), all under `args`."""
    rows = [
        {
            "axis": axis,
            "move": reverse(f"{names}_move", args=[*args, axis.pk]),
            "rename": reverse(f"{names}_rename", args=[*args, axis.pk]),
            "retire": reverse(f"{names}_retire", args=[*args, axis.pk]),
        }
        for axis in axes
    ]
    context = {
        "title": title,
        "exercise": exercise,
        "back_url": back_url,
        "back_label": back_label,
        "rows": rows,
        "create_url": reverse(f"{names}_create", args=args),
        "form": AxisNameForm(),
    }
    return render(request, "core/axis_list.html", context)
