"""Comparing published versions: two of them unit by unit, and the cuadro comparativo.

The cuadro comparativo is how a Mexican congress shows a reform: per article, the law in force
(version 0, when the process reforms a law), the proposal (by default the initiative, version 1)
and the final text (the dictamen if one was published, else the latest version). It is a page,
a PDF (reportlab, like monitoring/pdf.py) and a DOCX (python-docx) of the same rows.

Published versions never change, so what is computed from them is cached under their ids and
publication times.
"""

import hashlib
import io
import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from django.core.cache import cache
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from cocrea.lawmaking import diffing
from cocrea.lawmaking.diffing import UnitDiff, UnitText
from cocrea.lawmaking.models import CURRENT_LAW, LegislativeProcess, TextUnit, TextVersion
from cocrea.lawmaking.selectors import published_versions

CACHE_TIMEOUT = 24 * 3600
UNIT_FIELDS = ("version_id", "key", "kind", "heading", "title", "body")


# --- Reads ---------------------------------------------------------------------------------


def versions_for_comparison(*, process: LegislativeProcess) -> list[TextVersion]:
    """The published versions, with what the forms and the cache keys need (one query)."""
    return list(
        published_versions(process=process).only(
            "process_id", "number", "label", "is_dictamen", "published_at"
        )
    )


def units_of(*, versions: Sequence[TextVersion]) -> dict[int, list[UnitText]]:
    """The units of a few versions in document order, in one query and without model
    instances (a bill of 300 articles is 300 rows per version)."""
    found: dict[int, list[UnitText]] = {version.pk: [] for version in versions}
    rows = (
        TextUnit.objects.filter(version__in=[version.pk for version in versions])
        .order_by("version_id", "position")
        .values_list(*UNIT_FIELDS)
    )
    for version_id, *fields in rows:
        found[version_id].append(UnitText(*fields))
    return found


def _digest(*parts: str) -> str:
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


def version_key(version: TextVersion) -> str:
    """A version's part of a cache key: republishing (a new publication time) or renaming it
    changes it."""
    published = version.published_at.timestamp() if version.published_at else 0
    return f"{version.pk}-{published}-{version.label}"


# --- Two versions ----------------------------------------------------------------------------


def version_comparison(*, old: TextVersion, new: TextVersion) -> list[UnitDiff]:
    """Both versions' units aligned by key, with their word differences (cached per pair)."""
    key = "lawmaking:diff:" + _digest(version_key(old), version_key(new))
    rows: list[UnitDiff] | None = cache.get(key)
    if rows is None:
        units = units_of(versions=[old, new])
        rows = diffing.align(units[old.pk], units[new.pk])
        cache.set(key, rows, CACHE_TIMEOUT)
    return rows


# --- The cuadro comparativo -------------------------------------------------------------------


class Columns(NamedTuple):
    current: TextVersion | None
    proposal: TextVersion
    final: TextVersion


class Row(NamedTuple):
    key: str
    heading: str
    current: UnitText | None
    proposal: UnitText | None
    final: UnitText | None

    @property
    def status(self) -> str:
        """What the committee did with the proposal's text (its word difference is not shown:
        the three columns are read side by side)."""
        if self.proposal is None:
            return diffing.ADDED if self.final else diffing.UNCHANGED
        if self.final is None:
            return diffing.REMOVED
        same = _content(self.proposal) == _content(self.final)
        return diffing.UNCHANGED if same else diffing.CHANGED


def _content(unit: UnitText) -> tuple[str, str, str]:
    return (unit.heading, unit.title, unit.body)


def default_columns(versions: Sequence[TextVersion]) -> Columns | None:
    """Version 0, the initiative (or the first draft) and the dictamen (or the latest draft)."""
    drafts = [v for v in versions if v.number != CURRENT_LAW]
    if not drafts:
        return None
    current = next((v for v in versions if v.number == CURRENT_LAW), None)
    proposal = next((v for v in drafts if v.number == 1), drafts[0])
    final = next((v for v in reversed(drafts) if v.is_dictamen), drafts[-1])
    return Columns(current, proposal, final)


def merged_order(*orders: Sequence[str]) -> list[str]:
    """The keys of the last order, with those only in an earlier one right after the key that
    preceded them there (a repealed article stays where it was)."""
    merged: list[str] = []
    for order in orders:
        present = set(order)
        after: dict[str | None, list[str]] = {}
        previous: str | None = None
        for key in merged:
            if key in present:
                previous = key
            else:
                after.setdefault(previous, []).append(key)
        merged = after.pop(None, [])
        for key in order:
            merged.append(key)
            merged.extend(after.pop(key, []))
    return merged


def comparative_rows(*, columns: Columns) -> list[Row]:
    """One row per unit key in document order (cached per trio of versions)."""
    versions = [v for v in columns if v is not None]
    key = "lawmaking:cuadro:" + _digest(*(version_key(v) if v else "-" for v in columns))
    rows: list[Row] | None = cache.get(key)
    if rows is None:
        units = units_of(versions=versions)
        by_key = [
            {u.key: u for u in units[v.pk]} if v else {}
            for v in (columns.current, columns.proposal, columns.final)
        ]
        order = merged_order(*([u.key for u in units[v.pk]] if v else [] for v in columns))
        rows = []
        for unit_key in order:
            current, proposal, final = (found.get(unit_key) for found in by_key)
            shown = final or proposal or current
            assert shown is not None  # every key comes from one of the three versions
            rows.append(Row(unit_key, shown.heading, current, proposal, final))
        cache.set(key, rows, CACHE_TIMEOUT)
    return rows


def column_labels(columns: Columns) -> list[str]:
    current = (
        _("Texto vigente (%s)") % columns.current.label if columns.current else _("Texto vigente")
    )
    return [
        current,
        _("Propuesta (%s)") % columns.proposal.label,
        _("Texto final (%s)") % columns.final.label,
    ]


def cell_texts(row: Row) -> list[list[str]]:
    """The three cells of a row as paragraphs, saying so when a column has no such unit."""
    missing = (_("Sin texto vigente: texto nuevo."), _("Sin correlativo."), _("Se suprime."))
    return [
        _unit_paragraphs(unit) if unit else [missing[i]]
        for i, unit in enumerate((row.current, row.proposal, row.final))
    ]


def _unit_paragraphs(unit: UnitText) -> list[str]:
    lines = [unit.title] if unit.title else []
    lines += [p for p in unit.body.replace("\r\n", "\n").split("\n\n") if p.strip()]
    return lines or ["—"]


# --- Files ---------------------------------------------------------------------------------


def comparative_file(*, process: LegislativeProcess, columns: Columns, kind: str) -> bytes:
    """The cuadro as a PDF or a DOCX, cached: a bill of 300 articles takes seconds to lay
    out, and the same versions always give the same file (but for its date)."""
    versions = (version_key(v) if v else "-" for v in columns)
    key = "lawmaking:cuadro-file:" + _digest(kind, str(process.pk), process.title, *versions)
    content: bytes | None = cache.get(key)
    if content is None:
        rows = comparative_rows(columns=columns)
        build = comparative_pdf if kind == "pdf" else comparative_docx
        content = build(process=process, columns=columns, rows=rows)
        cache.set(key, content, CACHE_TIMEOUT)
    return content


def document_title(process: LegislativeProcess) -> str:
    return _("Cuadro comparativo: %s") % process.title


def comparative_pdf(*, process: LegislativeProcess, columns: Columns, rows: Iterable[Row]) -> bytes:
    """A landscape A4 table with the header row on every page; rows split across pages, so
    a long exposición de motivos never overflows one."""
    # Helvetica, as in monitoring/pdf.py: a standard font every reader has, whose encoding
    # covers Spanish (á, é, ñ, ü, ¿, ¡, «»); reportlab borrows Symbol for the few other signs.
    styles = getSampleStyleSheet()
    cell = styles["BodyText"].clone("cell", fontSize=8, leading=10)
    head = cell.clone("cellhead", fontName="Helvetica-Bold")
    grid = TableStyle(
        [
            ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef0")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]
    )
    # Paragraph reads a small markup language: every text is escaped first.
    data: list[list[object]] = [
        [Paragraph(escape(label), head) for label in column_labels(columns)]
    ]
    for row in rows:
        columns_chunks = [_chunks(texts) for texts in cell_texts(row)]
        for i in range(max(len(chunks) for chunks in columns_chunks)):
            heading = [Paragraph(_pdf_text(row.heading), head)] if i == 0 else []
            data.append(
                [
                    heading + [Paragraph(_pdf_text(t), cell) for t in _nth(chunks, i)]
                    for chunks in columns_chunks
                ]
            )
    title = document_title(process)
    story = [
        Paragraph(escape(title), styles["Title"]),
        Paragraph(escape(_generated()), styles["Normal"]),
        Spacer(1, 0.4 * cm),
        Table(data, style=grid, repeatRows=1, splitInRow=1, colWidths=["33%", "33%", "34%"]),
    ]
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=landscape(A4), title=title, lang="es-MX", author="Cocrea"
    )
    document.build(story)
    return buffer.getvalue()


def comparative_docx(
    *, process: LegislativeProcess, columns: Columns, rows: Iterable[Row]
) -> bytes:
    """A landscape document with a three-column table whose header row repeats on each page."""
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    document.core_properties.title = document_title(process)
    document.core_properties.language = "es-MX"
    document.add_heading(document_title(process), level=1)
    document.add_paragraph(_generated())
    table = document.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    header = table.rows[0]
    repeat = OxmlElement("w:tblHeader")  # the header row on every page
    repeat.set(qn("w:val"), "true")
    header._tr.get_or_add_trPr().append(repeat)
    for cell, label in zip(header.cells, column_labels(columns), strict=True):
        cell.paragraphs[0].add_run(label).bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, texts in zip(cells, cell_texts(row), strict=True):
            cell.paragraphs[0].add_run(_xml_safe(row.heading)).bold = True
            for text in texts:
                cell.add_paragraph(_xml_safe(text))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# Control characters a pasted text may carry, which XML (and so python-docx) refuses.
NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_safe(text: str) -> str:
    return NOT_XML.sub("", text)


# Characters of one column in one table row. A long unit is cut into several rows of whole
# paragraphs: reportlab splits an overlong row across pages too, but far more slowly.
PDF_CHUNK = 1500


def _chunks(texts: list[str]) -> list[list[str]]:
    chunks: list[list[str]] = [[]]
    size = 0
    for text in texts:
        if chunks[-1] and size + len(text) > PDF_CHUNK:
            chunks.append([])
            size = 0
        chunks[-1].append(text)
        size += len(text)
    return chunks


def _nth(chunks: list[list[str]], i: int) -> list[str]:
    return chunks[i] if i < len(chunks) else []


def _pdf_text(text: str) -> str:
    return escape(_xml_safe(text)).replace("\n", "<br/>")


def _generated() -> str:
    return _("Generado el %s") % timezone.localtime().strftime("%Y-%m-%d %H:%M")
