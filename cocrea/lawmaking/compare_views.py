"""Comparing published versions: two of them (side by side or as one text, word by word), and
the cuadro comparativo (current law | proposal | final text) as a page, a PDF and a DOCX.

Every page is public and shows published versions only. A number that names no published
version (a draft, a version that does not exist, or not a number at all) is refused with the
same message, so nobody learns from a guess that a draft exists.
"""

from collections.abc import Sequence
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cocrea.core.fragments import cached_fragment
from cocrea.lawmaking import comparative as cuadro
from cocrea.lawmaking import diffing
from cocrea.lawmaking.comparative import Columns
from cocrea.lawmaking.diffing import DELETE, EQUAL, INSERT, Segment, UnitDiff
from cocrea.lawmaking.models import TextVersion
from cocrea.lawmaking.views import process_or_404

NOT_PUBLISHED = gettext_lazy("No hay una versión publicada con ese número. Elige una de la lista.")
SAME_TWICE = gettext_lazy("Elige dos versiones distintas.")
VIEWS = ("columnas", "texto")
FILE_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}  # side by side, or one text with both marks
STATUS_LABELS = {
    diffing.CHANGED: gettext_lazy("Modificado"),
    diffing.ADDED: gettext_lazy("Añadido"),
    diffing.REMOVED: gettext_lazy("Suprimido"),
    diffing.UNCHANGED: gettext_lazy("Sin cambios"),
}


class VersionsForm(forms.Form):
    """Published versions by number; `fields` names the choices and their labels."""

    def __init__(
        self, data: dict[str, str], *, versions: Sequence[TextVersion], fields: dict[str, Any]
    ) -> None:
        super().__init__(data)
        choices = [(str(v.number), f"{v.number}. {v.label}") for v in versions]
        for name, label in fields.items():
            self.fields[name] = forms.TypedChoiceField(
                label=label,
                choices=choices,
                coerce=int,
                error_messages={"invalid_choice": NOT_PUBLISHED, "required": NOT_PUBLISHED},
            )
        self.versions = {v.number: v for v in versions}

    def version(self, name: str) -> TextVersion:
        return self.versions[self.cleaned_data[name]]


class PairForm(VersionsForm):
    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "de" in data and data["de"] == data.get("a"):
            raise ValidationError(SAME_TWICE)
        return data


def _choice(request: HttpRequest, name: str, allowed: Sequence[str]) -> str:
    value = request.GET.get(name, "")
    return value if value in allowed else allowed[0]


# --- Two versions --------------------------------------------------------------------------


def compare(request: HttpRequest, process_slug: str) -> HttpResponse:
    process = process_or_404(process_slug)
    versions = cuadro.versions_for_comparison(process=process)
    context: dict[str, Any] = {"process": process, "versions": versions}
    if len(versions) < 2:
        return render(request, "lawmaking/compare.html", context)
    defaults = {"de": str(versions[-2].number), "a": str(versions[-1].number)}
    data = defaults | {k: request.GET[k] for k in defaults if k in request.GET}
    form = PairForm(
        data,
        versions=versions,
        fields={"de": gettext_lazy("Versión anterior"), "a": gettext_lazy("Versión posterior")},
    )
    context |= {"form": form, "view": _choice(request, "vista", VIEWS)}
    context["show_all"] = request.GET.get("mostrar") == "todo"
    if not form.is_valid():
        return render(request, "lawmaking/compare.html", context, status=400)
    old, new = form.version("de"), form.version("a")
    context |= {"old": old, "new": new}
    parts = (
        "compare",
        cuadro.version_key(old),
        cuadro.version_key(new),
        context["view"],
        context["show_all"],
    )
    context["result"] = cached_fragment(parts, lambda: _compare_result(context))
    return render(request, "lawmaking/compare.html", context)


def _compare_result(context: dict[str, Any]) -> str:
    rows = cuadro.version_comparison(old=context["old"], new=context["new"])
    counts = diffing.summary(rows)
    shown = rows if context["show_all"] else [r for r in rows if r.status != diffing.UNCHANGED]
    inner = context | {"counts": counts, "rows": [_row(r, context["view"]) for r in shown]}
    return render_to_string("lawmaking/compare_result.html", inner)


def _row(row: UnitDiff, view: str) -> dict[str, Any]:
    """What the template shows of a unit, its marked texts built here (escaped) so that a
    bill of 300 articles is not a loop per word in the template."""
    shown: dict[str, Any] = {
        "key": row.key,
        "kind": row.unit.kind,
        "status": row.status,
        "status_label": STATUS_LABELS[row.status],
        "heading": row.unit.heading,
        "inline": None,
        "old": None,
        "new": None,
    }
    if row.status == diffing.CHANGED and row.old and row.new and row.old.heading != row.new.heading:
        shown["heading"] = segments_html(row.heading, (EQUAL, DELETE, INSERT))
    if view == "texto" or row.status == diffing.UNCHANGED:
        shown["inline"] = _paragraphs(row, (EQUAL, DELETE, INSERT))
    else:
        shown["old"] = _paragraphs(row, (EQUAL, DELETE)) if row.old else None
        shown["new"] = _paragraphs(row, (EQUAL, INSERT)) if row.new else None
    return shown


def _paragraphs(row: UnitDiff, ops: Sequence[str]) -> SafeString:
    """The unit's name (if any) and text, each a paragraph; line breaks show (CSS pre-wrap)."""
    texts = (segments_html(row.title, ops), segments_html(row.body, ops))
    return mark_safe("".join(f"<p>{text}</p>" for text in texts if text))  # escaped above


def segments_html(segments: Sequence[Segment], ops: Sequence[str]) -> SafeString:
    """The segments as escaped text, deletions in <del> and insertions in <ins>, each also
    named in words for screen readers (and for anyone who cannot tell the colours apart)."""
    hidden = '<span class="visually-hidden">{}</span>'
    marks = {
        DELETE: (
            "<del>" + hidden.format(escape(_("[suprimido:]")) + " "),
            hidden.format(" " + escape(_("[fin de lo suprimido]"))) + "</del>",
        ),
        INSERT: (
            "<ins>" + hidden.format(escape(_("[añadido:]")) + " "),
            hidden.format(" " + escape(_("[fin de lo añadido]"))) + "</ins>",
        ),
    }
    html: list[str] = []
    for segment in segments:
        if segment.op not in ops:
            continue
        if segment.op == EQUAL:
            html.append(escape(segment.text))
        else:
            start, end = marks[segment.op]
            html.append(start + escape(segment.text) + end)
    return mark_safe("".join(html))  # every piece escaped above


# --- The cuadro comparativo ----------------------------------------------------------------


def _columns(
    request: HttpRequest, versions: list[TextVersion]
) -> tuple[Columns | None, VersionsForm | None]:
    """The three versions to show: the defaults, or the ?propuesta= and ?final= chosen."""
    default = cuadro.default_columns(versions)
    if default is None:
        return None, None
    drafts = [v for v in versions if v != default.current]
    names = {"propuesta": default.proposal, "final": default.final}
    data = {name: str(v.number) for name, v in names.items()}
    data |= {k: request.GET[k] for k in names if k in request.GET}
    form = VersionsForm(
        data,
        versions=drafts,
        fields={"propuesta": gettext_lazy("Propuesta"), "final": gettext_lazy("Texto final")},
    )
    if not form.is_valid():
        return None, form
    return Columns(default.current, form.version("propuesta"), form.version("final")), form


def comparative(request: HttpRequest, process_slug: str) -> HttpResponse:
    process = process_or_404(process_slug)
    versions = cuadro.versions_for_comparison(process=process)
    columns, form = _columns(request, versions)
    context: dict[str, Any] = {"process": process, "form": form, "columns": columns}
    if form is None:
        return render(request, "lawmaking/comparative.html", context)
    if columns is None:
        return render(request, "lawmaking/comparative.html", context, status=400)
    parts = ("cuadro", process.title, *(cuadro.version_key(v) if v else "-" for v in columns))
    context |= {"query": _query(columns), "labels": cuadro.column_labels(columns)}
    context["result"] = cached_fragment(parts, lambda: _comparative_result(context))
    return render(request, "lawmaking/comparative.html", context)


def _comparative_result(context: dict[str, Any]) -> str:
    rows = cuadro.comparative_rows(columns=context["columns"])
    shown = [
        {
            "key": row.key,
            "heading": row.heading,
            "status": row.status,
            "status_label": STATUS_LABELS[row.status],
            "cells": list(zip(context["labels"], cuadro.cell_texts(row), strict=True)),
        }
        for row in rows
    ]
    return render_to_string("lawmaking/comparative_table.html", context | {"rows": shown})


def _query(columns: Columns) -> str:
    return f"?propuesta={columns.proposal.number}&final={columns.final.number}"


def _file(request: HttpRequest, process_slug: str, kind: str) -> HttpResponse:
    process = process_or_404(process_slug)
    columns, form = _columns(request, cuadro.versions_for_comparison(process=process))
    if form is None:
        raise Http404(_("Este proceso aún no tiene versiones publicadas."))
    if columns is None:
        context = {"process": process, "form": form, "columns": None}
        return render(request, "lawmaking/comparative.html", context, status=400)
    content = cuadro.comparative_file(process=process, columns=columns, kind=kind)
    response = HttpResponse(content, content_type=FILE_TYPES[kind])
    filename = f"cuadro-comparativo-{process.slug}.{kind}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'  # a slug: no quotes
    return response


def comparative_pdf(request: HttpRequest, process_slug: str) -> HttpResponse:
    return _file(request, process_slug, "pdf")


def comparative_docx(request: HttpRequest, process_slug: str) -> HttpResponse:
    return _file(request, process_slug, "docx")
