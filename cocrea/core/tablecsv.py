"""Every table on the site, also as CSV: the page's own rendering is the source, so the file
always says exactly what the table shows (accessible formats; WCAG-friendly data reuse).

`?tabla=N` on any page answers the page's N-th table as CSV; other HTML pages get a link under
each table. Tables that already offer their own CSV carry `data-own-csv` and are left alone.
"""

import csv
import io
import re
from collections.abc import Callable
from html.parser import HTMLParser

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.html import escape
from django.utils.translation import gettext as _

from cocrea.core.csvio import safe_cell
from cocrea.core.params import id_param

TABLE_END = re.compile(r"</table>", re.IGNORECASE)
TABLE_START = re.compile(r"<table\b([^>]*)>", re.IGNORECASE)


class _Tables(HTMLParser):
    """The rows of every top-level table, as plain text cells."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[str]]] = []
        self.depth = 0
        self.cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.depth += 1
            if self.depth == 1:
                self.tables.append([])
        elif self.depth == 1 and tag == "tr":
            self.tables[-1].append([])
        elif self.depth == 1 and tag in ("td", "th") and self.tables[-1]:
            self.cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self.depth -= 1
        elif self.depth == 1 and tag in ("td", "th") and self.cell is not None:
            self.tables[-1][-1].append(" ".join("".join(self.cell).split()))
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def tables_of(html: str) -> list[list[list[str]]]:
    parser = _Tables()
    parser.feed(html)
    return parser.tables


def _csv(rows: list[list[str]], filename: str) -> HttpResponse:
    out = io.StringIO()
    writer = csv.writer(out)
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _link_after_tables(html: str, request: HttpRequest) -> str:
    query = request.GET.copy()
    own_csv = ["data-own-csv" in m.group(1) for m in TABLE_START.finditer(html)]
    number = 0

    def add_link(match: re.Match[str]) -> str:
        nonlocal number
        number += 1
        if number <= len(own_csv) and own_csv[number - 1]:
            return match.group(0)
        query["tabla"] = str(number)
        label = _("Descargar esta tabla en CSV (tabla %d)") % number
        href = escape(f"{request.path}?{query.urlencode()}")
        return f'{match.group(0)}<p class="table-csv"><a href="{href}">{label}</a></p>'

    return TABLE_END.sub(add_link, html)


class TableCsvMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        html = (
            request.method == "GET"
            and not request.path.startswith(("/admin/", "/api/"))
            and response.status_code == 200
            and not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
        )
        if not html:
            return response
        page = response.content.decode(response.charset or "utf-8")
        if "<table" not in page:
            return response
        wanted = request.GET.get("tabla")
        if wanted is None:
            response.content = _link_after_tables(page, request).encode()
            return response
        tables = tables_of(page)
        number = id_param(wanted)
        if number is None or not 1 <= number <= len(tables):
            raise Http404(_("Esta página no tiene la tabla %s.") % wanted)
        slug = request.path.strip("/").replace("/", "-") or "inicio"
        return _csv(tables[number - 1], f"{slug}-tabla-{number}.csv")
