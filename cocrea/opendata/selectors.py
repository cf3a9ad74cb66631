"""Reads of the catalogue: search with facets (the pages and CKAN's package_search share it)."""

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import Count, Prefetch, Q, QuerySet, Sum

from cocrea.opendata.models import Dataset, Group, Resource, Tag

# CKAN's facet and filter names → our lookups.
FILTERS = {
    "organization": "organization__slug",
    "groups": "groups__name",
    "tags": "keywords__name",
    "res_format": "resources__format",
    "license_id": "license_id",
    "name": "name",
    "exercise": "exercise__slug",
}
SORTS = {
    "metadata_modified": "modified_at",
    "metadata_created": "created_at",
    "name": "name",
    "title_string": "title",
}
MULTI_VALUED = {"groups", "tags", "res_format"}
# Facet → (value, label) lookups.
FACET_FIELDS = {
    "organization": ("organization__slug", "organization__name"),
    "groups": ("groups__name", "groups__title"),
    "tags": ("keywords__name", "keywords__name"),
    "res_format": ("resources__format", "resources__format"),
    "license_id": ("license_id", "license_id"),
}


@dataclass
class Search:
    text: str = ""
    filters: Mapping[str, Sequence[str]] = field(default_factory=dict)
    order: Sequence[str] = ("-modified_at", "-pk")


def _text(qs: QuerySet[Dataset], text: str) -> QuerySet[Dataset]:
    if connection.vendor == "postgresql":
        return qs.filter(search_vector=SearchQuery(text, config="spanish", search_type="websearch"))
    condition = Q()
    for word in text.split()[:8]:
        condition &= (
            Q(title__icontains=word)
            | Q(description__icontains=word)
            | Q(keywords__name__icontains=word)
        )
    return qs.filter(condition)


def dataset_search(search: Search) -> QuerySet[Dataset]:
    """Published datasets matching the text and every filter (values of one filter: any)."""
    qs = Dataset.objects.filter(is_published=True)
    if search.text.strip():
        qs = _text(qs, search.text.strip()[:200])
    for name, values in search.filters.items():
        lookup = FILTERS[name]
        if name in MULTI_VALUED:
            # A subquery per filter: joins to several multi-valued relations would multiply rows.
            inner = Dataset.objects.filter(**{f"{lookup}__in": list(values)}).values("pk")
            qs = qs.filter(pk__in=inner)
        else:
            qs = qs.filter(**{f"{lookup}__in": list(values)})
    if search.text.strip() and connection.vendor != "postgresql":
        qs = qs.distinct()
    return qs.order_by(*search.order)


def with_details(qs: QuerySet[Dataset]) -> QuerySet[Dataset]:
    """Everything a CKAN package or a catalogue card shows, in a fixed number of queries."""
    return qs.select_related("organization", "spatial", "exercise").prefetch_related(
        Prefetch("resources", queryset=Resource.objects.order_by("position", "pk")),
        Prefetch("keywords", queryset=Tag.objects.order_by("name")),
        Prefetch("groups", queryset=Group.objects.order_by("title")),
    )


def facet_counts(
    qs: QuerySet[Dataset], fields: Sequence[str], limit: int = 50
) -> dict[str, list[tuple[str, str, int]]]:
    """(name, display name, count) of the matching datasets, per facet field."""
    ids = qs.order_by().values("pk")
    facets = {}
    for name in fields:
        key, label = FACET_FIELDS[name]
        rows = (
            Dataset.objects.filter(pk__in=ids, **{f"{key}__isnull": False})
            .values(key, label)
            .annotate(n=Count("pk", distinct=True))
            .order_by("-n", key)[:limit]
        )
        facets[name] = [(row[key], row[label], row["n"]) for row in rows]
    return facets


def dataset_get(*, name_or_id: str) -> Dataset | None:
    qs = with_details(Dataset.objects.filter(is_published=True))
    try:
        identifier = uuid.UUID(name_or_id)
    except ValueError:
        return qs.filter(name=name_or_id).first()
    return qs.filter(Q(name=name_or_id) | Q(identifier=identifier)).first()


def resource_get(*, resource_id: str) -> Resource | None:
    try:
        identifier = uuid.UUID(resource_id)
    except ValueError:
        return None
    return (
        Resource.objects.select_related("dataset")
        .filter(identifier=identifier, dataset__is_published=True)
        .first()
    )


def downloads_of(dataset: Dataset) -> int:
    total = dataset.resources.aggregate(n=Sum("download_count"))["n"]
    return int(total or 0)
