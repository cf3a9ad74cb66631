"""The end-of-process summary of a legislative process, as CSV and XLSX: one row per visible
contribution with the committee's answer, and (in the XLSX) a first sheet with the process's
figures and the contributions per article. Never who made or supported a contribution.

Everything streams: contributions are read in chunks and written as they are read (the CSV to
the response, the XLSX to a temporary file in openpyxl's write-only mode), so 20,000
contributions export with the memory of a few hundred.
"""

import tempfile
from collections.abc import Iterable, Iterator
from typing import IO, Any, cast

from django.db.models import Count, Max, Min, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from cocrea.core.csvio import csv_stream, safe_cell
from cocrea.lawmaking import selectors
from cocrea.lawmaking.contribution_selectors import STATEMENT
from cocrea.lawmaking.models import (
    AnswerStatus,
    Contribution,
    ContributionKind,
    LegislativeProcess,
)
from cocrea.lawmaking.open_tables import public_contributions, visible

CHUNK = 1000

COLUMNS = [
    "articulo",
    "encabezado",
    "parrafo",
    "tipo",
    "texto_seleccionado",
    "texto_propuesto",
    "justificacion",
    "apoyos",
    "destacada",
    "respuesta",
    "respuesta_de_la_comision",
    "incorporada_en_version",
    "fecha",
]
ARTICLE_COLUMNS = [
    "articulo",
    "encabezado",
    "aportaciones",
    "apoyos",
    "incorporadas",
    "incorporadas_en_parte",
    "no_incorporadas",
    "comentarios_respondidos",
    "sin_respuesta",
]


def summary_contributions(process: LegislativeProcess) -> QuerySet[Contribution]:
    return (
        public_contributions()
        .filter(process=process)
        .select_related("unit")
        .only(
            *STATEMENT,
            "support_count",
            "status",
            "answer",
            "created_at",
            "unit__heading",
            "unit__position",
        )
        .order_by("unit__position", "unit_key", "paragraph", "-support_count", "id")
    )


def rows(process: LegislativeProcess) -> Iterator[list[Any]]:
    """One row per visible contribution, in the order of the text."""
    yes, no = _("sí"), _("no")
    # Labels translated once: get_FOO_display() hashes the lazy choices on every call.
    kinds = {key: str(label) for key, label in ContributionKind.choices}
    statuses = {key: str(label) for key, label in AnswerStatus.choices}
    for c in summary_contributions(process).iterator(chunk_size=CHUNK):
        version = c.incorporated_version  # type: ignore[attr-defined]
        yield [
            c.unit_key,
            c.unit.heading,
            "" if c.paragraph is None else c.paragraph,
            kinds.get(c.kind, c.kind),
            c.quote,
            c.proposed_text,
            c.body,
            c.support_count,
            yes if c.is_highlighted else no,  # type: ignore[attr-defined]
            statuses.get(c.status, c.status),
            c.answer,
            "" if version is None else version,
            timezone.localdate(c.created_at).isoformat(),
        ]


def article_rows(process: LegislativeProcess) -> list[list[Any]]:
    """Visible contributions per article (one row per article that has any), in text order."""
    by_status = {
        status.value: Count("pk", filter=Q(status=status))
        for status in (
            AnswerStatus.INCORPORATED,
            AnswerStatus.PARTLY,
            AnswerStatus.NOT_INCORPORATED,
            AnswerStatus.ANSWERED,
            AnswerStatus.PENDING,
        )
    }
    counted = (
        Contribution.objects.filter(process=process, **visible())
        .values("unit_key")
        .annotate(
            total=Count("pk"),
            support_total=Sum("support_count", default=0),
            position=Min("unit__position"),
            heading=Max("unit__heading"),
            **by_status,
        )
        .order_by("position", "unit_key")
    )
    found = cast(Iterable[dict[str, Any]], counted)  # its keys include `by_status`'s
    return [
        [r["unit_key"], r["heading"], r["total"], r["support_total"], *(r[s] for s in by_status)]
        for r in found
    ]


def figure_rows(process: LegislativeProcess) -> list[list[Any]]:
    figures = selectors.answer_figures(process=process)
    return [
        [_("Proceso legislativo"), process.title],
        [_("Congreso"), process.congress.name],
        [_("Comisión dictaminadora"), process.committee],
        [_("Apoyos para destacar una aportación"), process.highlight_supports],
        [_("Aportaciones visibles"), figures["total"]],
        [_("Con respuesta de la comisión"), figures["answered"]],
        [_("Incorporadas"), figures["incorporated"]],
        [_("Incorporadas en parte"), figures["partly"]],
        [_("No incorporadas"), figures["not_incorporated"]],
    ]


def summary_csv(process: LegislativeProcess) -> Iterator[str]:
    return csv_stream(COLUMNS, rows(process))


def _append(sheet: Any, body: Iterable[list[Any]]) -> None:
    for row in body:
        sheet.append([safe_cell(cell) for cell in row])


def summary_xlsx(process: LegislativeProcess) -> IO[bytes]:
    """A temporary XLSX file: the figures and articles first, then the contributions, written
    row by row (openpyxl's write-only mode keeps no row in memory)."""
    workbook = Workbook(write_only=True)
    figures = workbook.create_sheet(_("resumen"))
    _append(figures, figure_rows(process))
    figures.append([])
    _append(figures, [ARTICLE_COLUMNS, *article_rows(process)])
    contributions = workbook.create_sheet(_("aportaciones"))
    _append(contributions, [COLUMNS])
    _append(contributions, rows(process))
    handle = tempfile.TemporaryFile()  # noqa: SIM115 (closed by the response that sends it)
    workbook.save(handle)
    handle.seek(0)
    return handle
