"""CSV of the platform's tables, written row by row as the database hands them over."""

import csv
import datetime as dt
from collections.abc import Iterator
from typing import Any

from cocrea.core.capabilities import OpenTable
from cocrea.core.csvio import Echo, safe_cell


def csv_cell(value: Any) -> Any:
    """A value as open-data CSV writes it: empty for none, ISO 8601, lowercase booleans."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.isoformat()
    return safe_cell(value)


def table_csv(table: OpenTable) -> Iterator[str]:
    """UTF-8 CSV without a byte-order mark (Frictionless and most tools expect none)."""
    writer = csv.writer(Echo(), lineterminator="\n")
    yield writer.writerow([column.name for column in table.columns])
    for row in table.rows():
        yield writer.writerow([csv_cell(value) for value in row])
