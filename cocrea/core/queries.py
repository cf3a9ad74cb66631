"""Query pieces every app's selectors share."""

from django.db.models import Count, IntegerField, Model, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce


def related_count(model: type[Model], fk: str, **filters: object) -> Coalesce:
    """How many `model` rows point at the outer row through `fk`, as a correlated subquery:
    one count per list row without the row multiplication of stacked joins."""
    counted = (
        model._default_manager.filter(**{fk: OuterRef("pk")}, **filters)
        .order_by()
        .values(fk)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))
