from typing import Any

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest


def paginate(
    request: HttpRequest, items: QuerySet[Any] | list[Any], per_page: int | None = None
) -> Page:
    """The requested page; out-of-range or malformed page numbers give the nearest valid page."""
    paginator = Paginator(items, per_page or settings.PAGE_SIZE)
    return paginator.get_page(request.GET.get("pagina"))
