"""The REST API's limit/offset pagination, with an offset past any list clamped.

The database's OFFSET is a 64-bit integer: an offset of 2^63 or more made it fail (a 500). No
list is a billion records long, so such an offset answers what any offset past the end does: the
count and no items. The OpenAPI contract (`offset`: an integer, 0 or more) stays as it was.
"""

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja.pagination import LimitOffsetPagination

MAX_OFFSET = 10**9


class LimitOffset(LimitOffsetPagination):
    def paginate_queryset(
        self, queryset: QuerySet[Any], pagination: Any, request: HttpRequest, **params: Any
    ) -> Any:
        pagination.offset = min(pagination.offset, MAX_OFFSET)
        return super().paginate_queryset(queryset, pagination, request, **params)

    async def apaginate_queryset(
        self, queryset: QuerySet[Any], pagination: Any, request: HttpRequest, **params: Any
    ) -> Any:
        pagination.offset = min(pagination.offset, MAX_OFFSET)
        return await super().apaginate_queryset(queryset, pagination, request, **params)
