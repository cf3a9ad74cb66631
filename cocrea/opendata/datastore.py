"""A subset of CKAN's datastore_search over CSV resources, read as a stream: filters, q, limit,
offset, fields and sort. Memory holds at most offset + limit rows, whatever the file's size."""

import csv
import heapq
import io
import json
import math
from collections.abc import Iterator
from typing import Any

from django.urls import reverse

from cocrea.core.capabilities import open_table
from cocrea.opendata.ckan_params import ActionError, integer, text
from cocrea.opendata.models import Resource
from cocrea.opendata.selectors import resource_get
from cocrea.opendata.tables import csv_cell

MAX_LIMIT = 1000
TYPES = {"integer": "int", "number": "numeric", "date": "date", "datetime": "timestamp"}
TYPES |= {"boolean": "bool"}


def _fail(message: str, kind: str = "Validation Error", status: int = 409) -> ActionError:
    return ActionError(kind, status, message)


def _columns(resource: Resource) -> list[tuple[str, str]]:
    fields = (resource.table_schema or {}).get("fields", [])
    return [(str(f.get("name")), str(f.get("type", "string"))) for f in fields]


def _rows(resource: Resource) -> Iterator[list[str]]:
    table = open_table(resource.dataset.source)
    if table is not None:
        for row in table.rows():
            yield [str(csv_cell(value)) for value in row]
        return
    with resource.file.open("rb") as handle:
        reader = csv.reader(io.TextIOWrapper(handle, encoding="utf-8-sig", newline=""))
        next(reader, None)  # the header; names come from the schema
        yield from reader


def _typed(value: str, kind: str) -> Any:
    if value == "":
        return None
    try:
        if kind == "integer":
            return int(value)
        if kind == "number":
            number = float(value)
            # NaN and infinity are not JSON: such a cell stays the text it is.
            return number if math.isfinite(number) else value
    except ValueError:
        return value
    if kind == "boolean":
        return value.lower() in ("true", "1")
    return value


def _json_param(raw: Any, name: str) -> Any:
    if raw is None or isinstance(raw, dict | list):
        return raw
    try:
        return json.loads(str(raw))
    except (ValueError, RecursionError):
        raise _fail(f"{name}: JSON no válido") from None


def _fields(raw: Any, names: list[str]) -> list[str]:
    """A JSON list or a comma-separated string, as CKAN accepts both."""
    if raw in (None, "", []):
        return names
    if isinstance(raw, str) and not raw.strip().startswith("["):
        raw = [part.strip() for part in raw.split(",")]
    chosen = _json_param(raw, "fields")
    if not isinstance(chosen, list) or any(
        not isinstance(name, str) or name not in names for name in chosen
    ):
        raise _fail("fields: campos desconocidos")
    return [str(name) for name in chosen]


def _sort(raw: str, names: list[str]) -> tuple[int, bool] | None:
    words = raw.split()
    if not words:
        return None
    if len(words) > 2 or words[0].strip('"') not in names:
        raise _fail(f"sort: campo desconocido {words[0]}")
    descending = len(words) == 2 and words[1].lower() == "desc"
    return names.index(words[0].strip('"')), descending


def _resource(params: dict[str, Any]) -> Resource:
    raw = text(params, "resource_id") or text(params, "id")
    if not raw:
        raise ActionError("Validation Error", 409, fields={"resource_id": ["Missing value"]})
    resource = resource_get(resource_id=raw)
    if resource is None:
        raise _fail(f'Not found: Resource "{raw}" was not found.', "Not Found Error", 404)
    tabular = resource.format == "CSV" and (resource.file or resource.dataset.source)
    if not tabular or not resource.table_schema:
        raise _fail("Not found: the resource is not a CSV in the datastore", "Not Found Error", 404)
    return resource


def _matcher(params: dict[str, Any], names: list[str]) -> Any:
    filters = _json_param(params.get("filters"), "filters") or {}
    if not isinstance(filters, dict) or any(key not in names for key in filters):
        raise _fail("filters: campos desconocidos")
    wanted = {
        names.index(k): {str(v) for v in (vals if isinstance(vals, list) else [vals])}
        for k, vals in filters.items()
    }
    words = text(params, "q").lower()

    def matches(row: list[str]) -> bool:
        if any(row[i] not in allowed for i, allowed in wanted.items() if i < len(row)):
            return False
        return not words or any(words in cell.lower() for cell in row)

    return matches


def datastore_search(params: dict[str, Any]) -> dict[str, Any]:
    """Rows of a CSV resource, typed by its Table Schema; `_id` is the row's number (from 1)."""
    resource = _resource(params)
    columns = _columns(resource)
    names = [name for name, _kind in columns]
    limit = min(integer(params, "limit", 100, top=None), MAX_LIMIT)
    offset = integer(params, "offset", 0)
    chosen = _fields(params.get("fields"), names)
    matches, order = _matcher(params, names), _sort(text(params, "sort"), names)
    numbered = (
        (number, row) for number, row in enumerate(_rows(resource), start=1) if matches(row)
    )
    total, kept = _select(numbered, offset + limit, order, columns)
    records = [
        {"_id": number, **{n: _typed(row[names.index(n)], dict(columns)[n]) for n in chosen}}
        for number, row in kept[offset:]
    ]
    return {
        "resource_id": str(resource.identifier),
        "fields": [{"id": "_id", "type": "int"}]
        + [{"id": n, "type": TYPES.get(dict(columns)[n], "text")} for n in chosen],
        "records": records,
        "total": total,
        "limit": limit,
        "offset": offset,
        "_links": _links(params, resource, limit, offset),
    }


def _select(
    numbered: Iterator[tuple[int, list[str]]],
    keep: int,
    order: tuple[int, bool] | None,
    columns: list[tuple[str, str]],
) -> tuple[int, list[tuple[int, list[str]]]]:
    """Counts every match but keeps only the first `keep` (in `order`): bounded memory."""
    total = 0
    if order is None:
        kept: list[tuple[int, list[str]]] = []
        for item in numbered:
            total += 1
            if len(kept) < keep:
                kept.append(item)
        return total, kept
    index, descending = order
    kind = columns[index][1]

    def key(item: tuple[int, list[str]]) -> tuple[bool, bool, Any, int]:
        value = _typed(item[1][index], kind) if index < len(item[1]) else None
        # Cells that are not of the column's type (text in a number column) sort after the
        # rest, never compared with them.
        return (value is None, isinstance(value, str), value if value is not None else 0, item[0])

    def counted() -> Iterator[tuple[int, list[str]]]:
        nonlocal total
        for item in numbered:
            total += 1
            yield item

    pick = heapq.nlargest if descending else heapq.nsmallest
    kept = pick(keep, counted(), key=key)
    return total, kept


def _links(params: dict[str, Any], resource: Resource, limit: int, offset: int) -> dict[str, str]:
    search = reverse("opendata:ckan_action", args=["datastore_search"])
    base = f"{search}?resource_id={resource.identifier}&limit={limit}"
    return {"start": base, "next": f"{base}&offset={offset + limit}"}


def preview(resource: Resource, rows: int = 10) -> tuple[list[str], list[list[str]]]:
    """The column names and the first rows of a CSV resource, for its dataset's page."""
    names = [name for name, _kind in _columns(resource)]
    tabular = resource.format == "CSV" and (resource.file or resource.dataset.source)
    if not names or not tabular:
        return [], []
    try:
        return names, [row for _n, row in zip(range(rows), _rows(resource), strict=False)]
    except (OSError, UnicodeDecodeError, csv.Error):
        return names, []
