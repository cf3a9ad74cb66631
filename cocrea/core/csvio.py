"""CSV pieces every export shares: a writer that hands rows back, and formula-safe cells."""

import csv
from collections.abc import Iterable, Iterator
from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class Echo:
    """A file-like object whose `write` returns the text: csv.writer then yields rows to stream."""

    def write(self, value: str) -> str:
        return value


def safe_cell(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula is quoted (CSV injection)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def csv_stream(header: list[str], body: Iterable[list[Any]]) -> Iterator[str]:
    """A CSV file as a stream of lines, each cell formula-safe."""
    writer = csv.writer(Echo())
    yield "\ufeff"  # so that spreadsheet programs read the file as UTF-8
    yield writer.writerow(header)
    for row in body:
        yield writer.writerow([safe_cell(cell) for cell in row])
