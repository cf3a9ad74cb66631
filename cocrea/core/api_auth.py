"""API-key authentication for the write endpoints (an institution's own system), and how
those endpoints refuse."""

from django.conf import settings
from django.core.cache import BaseCache, caches
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import APIKeyHeader, HttpBearer
from ninja.throttling import BaseThrottle, SimpleRateThrottle

from cocrea.core.client_ip import client_ip
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


class KeyThrottle(SimpleRateThrottle):
    """Writes per API key (checked after the key, so there always is one): counted in the cache the other
    limits use (django-ratelimit's), so every worker shares the count; off, like them, with
    RATELIMIT_ENABLE=False. Too many answer 429 (see cocrea/api.py)."""

    scope = "api-key"

    @property
    def cache(self) -> BaseCache:  # type: ignore[override]
        return caches[getattr(settings, "RATELIMIT_USE_CACHE", "default")]

    def allow_request(self, request: HttpRequest) -> bool:
        if not getattr(settings, "RATELIMIT_ENABLE", True):
            return True
        return super().allow_request(request)

    def get_cache_key(self, request: HttpRequest) -> str:
        key = getattr(request, "auth", None)
        # Not ninja's get_ident: it would believe a client's own X-Forwarded-For.
        ident = f"key-{key.pk}" if isinstance(key, ApiKey) else client_ip(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}


# As Open311's POST: an institution's system writes one record at a time, not hundreds.
WRITE_THROTTLE: BaseThrottle = KeyThrottle("60/m")


def request_key(request: HttpRequest) -> ApiKey:
    """The key a request with auth=INSTITUTION_KEY came with (ninja checked it before)."""
    key: ApiKey = request.auth  # type: ignore[attr-defined]
    return key


def lead_institution_key(request: HttpRequest, lead_institution_id: int | None) -> ApiKey:
    """The request's key when it is the one of the institution that leads the commitment."""
    key = request_key(request)
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
