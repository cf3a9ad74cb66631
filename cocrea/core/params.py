"""Numbers read from a query string or a form's raw values, without a form."""

import re

# ASCII digits only (str.isdigit() also takes "²", which int() refuses), and few enough of them
# to fit the database's 64-bit integers (SQLite refuses to compare with a wider one).
RECORD_ID = re.compile(r"[0-9]{1,18}")


def id_param(raw: str) -> int | None:
    """The record id `raw` names, or None when it names none."""
    return int(raw) if RECORD_ID.fullmatch(raw) else None


def id_params(raws: list[str]) -> list[int]:
    return [int(raw) for raw in raws if RECORD_ID.fullmatch(raw)]
