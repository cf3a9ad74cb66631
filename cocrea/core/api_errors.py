"""The REST API's refusals as the OpenAPI document declares them: one error shape,
`{"error": {"status", "code", "message", "fields"}}` (written by the handlers in cocrea/api.py),
and the statuses each kind of operation answers with it.

Operations declare them next to their success: `response={200: PlanDetail, **ONE}`.
"""

from typing import Any

from ninja import Field, Schema


class ApiFieldError(Schema):
    loc: list[str] = Field(description="Dónde: `query`, `path` o `body` y el nombre del campo.")
    message: str


class ApiErrorDetail(Schema):
    status: int = Field(description="El mismo código HTTP de la respuesta.")
    code: str = Field(
        description=(
            "invalid (400), forbidden (403), not_found (404), method_not_allowed (405), "
            "too_many_requests (429)."
        )
    )
    message: str = Field(description="Qué corregir, en español.")
    fields: list[ApiFieldError] | None = Field(
        None, description="Solo en 400: cada parámetro o campo que no es válido."
    )


class ApiError(Schema):
    """Every refusal of the API."""

    error: ApiErrorDetail


# A parameter that is not valid (a letter where a number goes, a limit of 0, an unknown choice).
LIST: dict[int, Any] = {400: ApiError}
# The same, and an id that does not exist or that the caller may not see (drafts, hidden items):
# both are the same 404, so ids reveal nothing.
ONE: dict[int, Any] = {400: ApiError, 404: ApiError}
# A write with an institution's key: a missing, revoked or other institution's key (403), and too
# many writes with one key (429).
WRITE: dict[int, Any] = {400: ApiError, 403: ApiError, 404: ApiError, 429: ApiError}
