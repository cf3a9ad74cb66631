from typing import Any

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest


def paginate(
    request: HttpRequest,
    items: QuerySet[Any] | list[Any],
    per_page: int | None = None,
    count: int | None = None,
    param: str = "pagina",
) -> Page:
    """The requested page; out-of-range or malformed page numbers give the nearest valid page.

    `count`, when the caller already knows it, saves the paginator its COUNT query.
    """
    paginator = Paginator(items, per_page or settings.PAGE_SIZE)
    if count is not None:
        paginator.__dict__["count"] = count  # fills the cached_property
    return paginator.get_page(request.GET.get(param))


def choice_labels(choices: Any) -> dict[object, str]:
    """Choice values and their labels, translated once (for the `label` template filter)."""
    return {value: str(text) for value, text in choices}
