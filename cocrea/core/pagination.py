from typing import Any, TypeVar

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

_T = TypeVar("_T")


class DeferredJoinPaginator(Paginator[_T]):
    """Pages a queryset in two steps: the page's ids (an index can serve the skipped rows
    without reading them), then only those rows. Deep pages stop costing the whole offset, and
    pages past the middle are read from the other end, so the last page is as cheap as the
    first — only when `exact_count` says the count is the number of rows (a capped count of a
    search is not), and the order is total (ties broken by id)."""

    SHALLOW = 20  # pages read with one plain query, as any other list

    def __init__(
        self,
        object_list: QuerySet[Any, _T],
        per_page: int | str,
        *args: Any,
        exact_count: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(object_list, per_page, *args, **kwargs)
        self.rows: QuerySet[Any] = object_list
        self.exact_count = exact_count

    def page(self, number: Any) -> Page[_T]:
        number = self.validate_number(number)
        if number <= self.SHALLOW:
            return super().page(number)
        bottom = (number - 1) * self.per_page
        rows = self.rows
        ids = self._page_ids(rows, bottom)
        found = {item.pk: item for item in rows.filter(pk__in=ids).order_by()}
        return Page([found[pk] for pk in ids if pk in found], number, self)

    def _page_ids(self, rows: QuerySet[Any], bottom: int) -> list[Any]:
        top = min(bottom + self.per_page, self.count)
        if not self.exact_count or not rows.ordered or bottom <= self.count // 2:
            return list(rows.values_list("pk", flat=True)[bottom:top])
        backwards = rows.reverse().values_list("pk", flat=True)
        return list(reversed(backwards[self.count - top : self.count - bottom]))


def paginate(
    request: HttpRequest,
    items: QuerySet[Any, _T] | list[_T],
    per_page: int | None = None,
    count: int | None = None,
    param: str = "pagina",
    deferred: bool = False,
    exact: bool = False,
) -> Page[_T]:
    """The requested page; out-of-range or malformed page numbers give the nearest valid page.

    `count`, when the caller already knows it, saves the paginator its COUNT query; `deferred`
    pages by ids first (see DeferredJoinPaginator) for long lists read deep, and `exact` says
    that `count` is the number of rows, so deep pages may be read from the end.
    """
    paginator: Paginator[_T]
    if deferred:
        assert isinstance(items, QuerySet), "only a queryset is paged by its ids"
        paginator = DeferredJoinPaginator(items, per_page or settings.PAGE_SIZE, exact_count=exact)
    else:
        paginator = Paginator(items, per_page or settings.PAGE_SIZE)
    if count is not None:
        paginator.__dict__["count"] = count  # fills the cached_property
    return paginator.get_page(request.GET.get(param))


def choice_labels(choices: Any) -> dict[object, str]:
    """Choice values and their labels, translated once (for the `label` template filter)."""
    return {value: str(text) for value, text in choices}
