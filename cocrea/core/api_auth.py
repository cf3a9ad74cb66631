"""API-key authentication for the write endpoints (an institution's own system), and how
those endpoints refuse."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import APIKeyHeader, HttpBearer

from cocrea.core.models import ApiKey
from cocrea.core.selectors import api_key_active


class BearerKey(HttpBearer):
    """`Authorization: Bearer <key>`."""

    def authenticate(self, request: HttpRequest, token: str) -> ApiKey | None:
        return api_key_active(raw=token)


class HeaderKey(APIKeyHeader):
    """`X-Api-Key: <key>`."""

    param_name = "X-Api-Key"

    def authenticate(self, request: HttpRequest, key: str | None) -> ApiKey | None:
        return api_key_active(raw=key or "")


INSTITUTION_KEY = [BearerKey(), HeaderKey()]


def lead_institution_key(request: HttpRequest, lead_institution_id: int | None) -> ApiKey:
    """The request's key when it is the one of the institution that leads the commitment."""
    key: ApiKey = request.auth  # type: ignore[attr-defined]
    if lead_institution_id != key.organization_id:
        raise PermissionDenied(
            "La llave es de otra institución: solo la responsable del compromiso reporta su avance."
        )
    return key


def as_400(error: ValidationError) -> NinjaValidationError:
    """A service's refusal as the API's 400: the messages of each field."""
    messages = error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
    return NinjaValidationError(
        [{"loc": ["body", field], "msg": " ".join(texts)} for field, texts in messages.items()]
    )
