"""API-key authentication for the write endpoints (an institution's own system)."""

from django.http import HttpRequest
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
