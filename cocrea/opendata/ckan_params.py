"""Parameters of CKAN actions, read as CKAN's validators read them, and CKAN's errors.

Whatever a client sends (any JSON value, a NUL byte, 1e400, a 5,000-digit number) ends here as
one of CKAN's own errors, never as an exception the server did not expect.
"""

import json
import math
from typing import Any

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import HttpRequest
from django.http.multipartparser import MultiPartParserError

# Past any catalogue: the database's OFFSET is a 64-bit integer, and 2^63 made it fail.
MAX_OFFSET = 10**9
# Longer than any integer a client means; int() of thousands of digits is slow, then refused.
MAX_DIGITS = 30
TRUE_WORDS = {"true", "1", "yes", "y", "on", "t"}


class ActionError(Exception):
    """One of CKAN's errors: `kind` is its `__type`, `fields` the per-field messages of a
    Validation Error."""

    def __init__(
        self, kind: str, status: int, message: str = "", fields: dict[str, list[str]] | None = None
    ):
        super().__init__(message)
        self.kind, self.status = kind, status
        self.fields = fields or {}
        self.message = message or "; ".join(f"{k}: {' '.join(v)}" for k, v in self.fields.items())


def not_found(message: str = "Not found") -> ActionError:
    return ActionError("Not Found Error", 404, message)


def invalid(**fields: list[str]) -> ActionError:
    return ActionError("Validation Error", 409, fields=fields)


def bad_request(message: str, status: int = 400) -> ActionError:
    """What CKAN's `_finish_bad_request` says, in the error object every other error has."""
    return ActionError("Bad Request", status, f"Bad request: {message}")


def request_params(request: HttpRequest) -> dict[str, Any]:
    """The action's data: a JSON object in the body (also as a form's only key, as CKAN reads
    it), form fields, or the query string (a repeated key gives a list), as CKAN reads a
    side-effect-free action's."""
    try:
        data = _body(request) if request.method == "POST" and request.body else {}
        if data == {}:
            # CKAN reads the query string of a POST whose body holds nothing.
            data = _mixed(request.GET)
    except RequestDataTooBig:
        raise bad_request("Request body too large", 413) from None
    except (TooManyFieldsSent, MultiPartParserError) as problem:
        raise bad_request(f"Invalid form data: {problem}") from None
    if not isinstance(data, dict):
        raise bad_request(
            f"JSON Error: Request data JSON decoded to {type(data).__name__} "
            "but it needs to be a dictionary."
        )
    _check_text(data)
    return data


def _mixed(query: Any) -> dict[str, Any]:
    return {key: values[0] if len(values) == 1 else values for key, values in query.lists()}


def _body(request: HttpRequest) -> Any:
    try:
        return json.loads(request.body)
    except (ValueError, RecursionError):
        # Not JSON (or deeper than the parser goes, or an integer of over 4,300 digits).
        pass
    if request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        return _mixed(request.POST)
    raise bad_request("JSON Error: the body is not a JSON object")


def _check_text(data: dict[str, Any]) -> None:
    """Refuses a NUL (PostgreSQL stores no NUL in text) or a lone surrogate (not UTF-8) in any
    key or string, however deep; a loop, not recursion, so that depth costs nothing."""
    pending: list[tuple[str, Any]] = [(key, key) for key in data]
    pending += list(data.items())
    while pending:
        field, value = pending.pop()
        if isinstance(value, dict):
            pending += [(field, key) for key in value] + [(field, v) for v in value.values()]
        elif isinstance(value, list):
            pending += [(field, item) for item in value]
        elif isinstance(value, str) and not _clean(value):
            name = field.replace("\x00", "").encode(errors="replace").decode()[:100]
            raise invalid(**{name or "__junk": ["Null characters and invalid text are refused"]})


def _clean(value: str) -> bool:
    if "\x00" in value:
        return False
    try:
        value.encode()
    except UnicodeEncodeError:
        return False
    return True


def _whole(value: Any) -> int | None:
    """CKAN's int_validator: an integer, a whole float or a base-10 string; None otherwise."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if math.isfinite(value) and value.is_integer() else None
    if isinstance(value, str) and len(value.strip()) <= MAX_DIGITS:
        try:
            return int(value.strip())
        except ValueError:
            return None
    return None


def integer(
    params: dict[str, Any], name: str, default: int, top: int | None = MAX_OFFSET, bottom: int = 0
) -> int:
    """A natural number (by default) no greater than `top`: 409 Validation Error otherwise."""
    raw = params.get(name)
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return default
    value = _whole(raw)
    if value is None:
        raise invalid(**{name: ["Invalid integer"]})
    if value < bottom:
        least = "Must be a natural number" if bottom == 0 else f"Must be at least {bottom}"
        raise invalid(**{name: [least]})
    if top is not None and value > top:
        raise invalid(**{name: [f"Must be less than or equal to {top}"]})
    return value


def text(params: dict[str, Any], name: str) -> str:
    """A string parameter; numbers are taken as their text, a list or object is refused."""
    raw = params.get(name)
    if raw is None:
        return ""
    if isinstance(raw, dict | list | bool):
        raise invalid(**{name: ["Must be a string"]})
    return str(raw)


def required(params: dict[str, Any], name: str) -> str:
    value = text(params, name)
    if not value:
        raise invalid(**{name: ["Missing value"]})
    return value


def flag(params: dict[str, Any], name: str) -> bool:
    """CKAN's asbool: true, 1, yes, on… (any case) or a JSON true."""
    raw = params.get(name)
    if isinstance(raw, bool):
        return raw
    return isinstance(raw, str | int) and str(raw).strip().lower() in TRUE_WORDS


def string_list(params: dict[str, Any], name: str) -> list[str]:
    """A list of strings: a JSON list, a JSON-encoded list or comma-separated text."""
    raw = params.get(name)
    if raw in (None, ""):
        return []
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except (ValueError, RecursionError):
            raw = [part.strip() for part in raw.split(",")]
    if not isinstance(raw, list):
        raise invalid(**{name: ["Not a list"]})
    if not all(isinstance(item, str) for item in raw):
        raise invalid(**{name: ["Not a string"]})
    return raw
