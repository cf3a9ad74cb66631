"""Query pieces every app's selectors share."""

from typing import Any, TypeVar

from django.db.models import Count, IntegerField, Model, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404

_T = TypeVar("_T")
# The widest integer a database column holds (64 bits, signed).
BIGGEST = 2**63 - 1


def rows_count(rows: QuerySet[Any], fk: str) -> Coalesce:
    """How many of `rows` point at the outer row through `fk`, as a correlated subquery (0
    when none): one count per list row without the row multiplication of stacked joins."""
    counted = (
        rows.filter(**{fk: OuterRef("pk")})
        .order_by()
        .values(fk)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def related_count(model: type[Model], fk: str, **filters: object) -> Coalesce:
    """How many `model` rows matching `filters` point at the outer row through `fk`."""
    return rows_count(model._default_manager.filter(**filters), fk)


def filter_given(rows: QuerySet[Any, _T], **lookups: object) -> QuerySet[Any, _T]:
    """`rows` narrowed by each lookup whose value was given: an empty filter filters nothing,
    and a number no column can hold matches nothing (SQLite refuses to compare with one)."""
    for lookup, value in lookups.items():
        if isinstance(value, int) and not -BIGGEST <= value <= BIGGEST:
            return rows.none()
        if value:
            rows = rows.filter(**{lookup: value})
    return rows


def or_404(found: _T | None) -> _T:
    """What a selector found, or a 404 when it found nothing."""
    if found is None:
        raise Http404
    return found
