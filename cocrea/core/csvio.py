"""CSV pieces every export shares: a writer that hands rows back, and formula-safe cells."""

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
