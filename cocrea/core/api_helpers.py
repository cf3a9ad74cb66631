"""The steps every write with an institution's key shares: its route (the key, the throttle and
the refusals of a write), the service's refusals as the API's 400 and the reason its change
leaves in the history."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from ninja import Router

from cocrea.core.api_auth import INSTITUTION_KEY, WRITE_THROTTLE, as_400
from cocrea.core.api_errors import WRITE
from cocrea.core.models import ApiKey

_View = TypeVar("_View", bound=Callable[..., Any])


def key_write(
    router: Router, method: str, path: str, *, status: int, schema: Any, summary: str
) -> Callable[[_View], _View]:
    """The operation `method path` of `router`, for the key of an institution: `status` and
    `schema` when it succeeds, the refusals in WRITE otherwise."""
    return router.api_operation(
        [method],
        path,
        response={status: schema, **WRITE},
        auth=INSTITUTION_KEY,
        throttle=WRITE_THROTTLE,
        summary=summary,
    )


@contextmanager
def refusals_as_400() -> Iterator[None]:
    """Runs a service: what it refuses (a ValidationError) answers 400, with each field's
    messages."""
    try:
        yield
    except ValidationError as error:
        raise as_400(error) from error


def key_reason(key: ApiKey) -> str:
    """The change's reason in the history: made through the API, by the key's institution."""
    return f"API · {key.organization.name}"
