"""Reads of the catalogue: search with facets (the pages and CKAN's package_search share it)."""

import hashlib
import json
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.postgres.search import SearchQuery
from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.utils.text import slugify

from cocrea.core.models import Organization
from cocrea.core.replicas import primary_reads
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


def platform_publisher() -> Organization:
    """Who publishes what no institution does (the platform's own tables): not a row but an
    organization made of the settings, so that CKAN, DCAT and the facets name it like any other.
    A real organization with the same slug is the same publisher."""
    name = settings.OPEN_DATA_PUBLISHER
    return Organization(
        name=name,
        slug=slugify(name) or "plataforma",
        description=(
            "Datos que publica la propia plataforma de gobierno abierto: planes, compromisos, "
            "consultas y reportes ciudadanos, siempre al día."
        ),
        website=settings.SITE_URL,
    )


def publisher_of(dataset: Dataset) -> Organization:
    return dataset.organization or platform_publisher()


def publishers() -> list[tuple[Organization, int]]:
    """Every organization with published datasets, the platform's publisher included, and how
    many it publishes; one query."""
    rows = (
        Dataset.objects.filter(is_published=True)
        .values("organization__slug", "organization__name", "organization__description")
        .annotate(n=Count("pk"))
        .order_by()
    )
    platform = platform_publisher()
    counted: dict[str, tuple[Organization, int]] = {}
    for row in rows:
        org = platform
        if row["organization__slug"] is not None:
            org = Organization(
                slug=row["organization__slug"],
                name=row["organization__name"],
                description=row["organization__description"],
            )
        found, n = counted.get(org.slug, (org, 0))
        # A real organization with the publisher's slug names it (its title, its description).
        counted[org.slug] = (org if found is platform else found, n + row["n"])
    return list(counted.values())


def _organization_filter(slugs: Sequence[str]) -> Q:
    condition = Q(organization__slug__in=slugs)
    if platform_publisher().slug in slugs:
        condition |= Q(organization__isnull=True)
    return condition


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
        if name == "organization":
            qs = qs.filter(_organization_filter(list(values)))
        elif name in MULTI_VALUED:
            # A subquery per filter, on the link table alone: joins to several multi-valued
            # relations would multiply rows.
            qs = qs.filter(pk__in=_linked(name, list(values)))
        else:
            qs = qs.filter(**{f"{FILTERS[name]}__in": list(values)})
    if search.text.strip() and connection.vendor != "postgresql":
        qs = qs.distinct()
    return qs.order_by(*search.order)


def _linked(name: str, values: list[str]) -> QuerySet[Any, Any]:
    if name == "tags":
        return Dataset.keywords.through.objects.filter(tag__name__in=values).values("dataset_id")
    if name == "groups":
        return Dataset.groups.through.objects.filter(group__name__in=values).values("dataset_id")
    return Resource.objects.filter(format__in=values).values("dataset_id")


def with_details(qs: QuerySet[Dataset]) -> QuerySet[Dataset]:
    """Everything a CKAN package or a catalogue card shows, in a fixed number of queries."""
    return qs.select_related("organization", "spatial").prefetch_related(
        Prefetch("resources", queryset=Resource.objects.order_by("position", "pk")),
        Prefetch("keywords", queryset=Tag.objects.order_by("name")),
        Prefetch("groups", queryset=Group.objects.order_by("title")),
    )


FACET_SQL = {
    # The datasets of no institution are the platform publisher's (the two parameters).
    "organization": (
        "SELECT 'organization', COALESCE(o.slug, %s), COALESCE(o.name, %s), COUNT(*) FROM m "
        "LEFT JOIN core_organization o ON o.id = m.organization_id "
        "GROUP BY o.slug, o.name"
    ),
    "license_id": "SELECT 'license_id', m.license_id, m.license_id, COUNT(*) FROM m "
    "GROUP BY m.license_id",
    "groups": (
        "SELECT 'groups', g.name, g.title, COUNT(DISTINCT m.id) FROM m "
        "JOIN opendata_dataset_groups dg ON dg.dataset_id = m.id "
        "JOIN opendata_group g ON g.id = dg.group_id GROUP BY g.name, g.title"
    ),
    "tags": (
        "SELECT 'tags', t.name, t.name, COUNT(DISTINCT m.id) FROM m "
        "JOIN opendata_dataset_keywords dk ON dk.dataset_id = m.id "
        "JOIN opendata_tag t ON t.id = dk.tag_id GROUP BY t.name"
    ),
    "res_format": (
        "SELECT 'res_format', r.format, r.format, COUNT(DISTINCT m.id) FROM m "
        "JOIN opendata_resource r ON r.dataset_id = m.id GROUP BY r.format"
    ),
}


def facet_counts(
    qs: QuerySet[Dataset], fields: Sequence[str], limit: int = 50
) -> dict[str, list[tuple[str, str, int]]]:
    """(name, display name, count) of the matching datasets, per facet field.

    One query for every facet: the search runs once, in a common table expression, however
    many facets are asked for (five separate queries repeated it five times).
    """
    facets: dict[str, list[tuple[str, str, int]]] = {name: [] for name in fields}
    if not fields:
        return facets
    matches, params = (
        qs.order_by().values("id", "organization_id", "license_id").query.sql_with_params()
    )
    union = " UNION ALL ".join(FACET_SQL[name] for name in fields)
    publisher = platform_publisher()
    named = [publisher.slug, publisher.name] if "organization" in fields else []
    with connection.cursor() as cursor:
        cursor.execute(f"WITH m AS ({matches}) {union}", (*params, *named))
        for field, key, label, count in cursor.fetchall():
            facets[field].append((key, label, count))
    for items in facets.values():
        items.sort(key=lambda item: (-item[2], item[0]))
        del items[limit:]
    return facets


FACETS_TTL = 300


VERSION_KEY = "opendata:version"


def catalogue_version() -> str:
    """A token that every write to the catalogue replaces (`services.catalogue_touch`), so that
    no cached figure outlives the data it was computed from."""
    return str(cache.get_or_set(VERSION_KEY, lambda: uuid.uuid4().hex, None))


def cached_facets(
    search: Search, fields: Sequence[str], limit: int = 50
) -> dict[str, list[tuple[str, str, int]]]:
    """`facet_counts` of a search, kept five minutes under a key that a catalogue write
    invalidates (the catalogue version is part of the key)."""
    if not fields:
        return {}
    text = json.dumps([search.text, sorted(search.filters.items()), list(fields), limit])
    key = f"opendata:facets:{catalogue_version()}:{hashlib.sha256(text.encode()).hexdigest()}"
    found: dict[str, list[tuple[str, str, int]]] | None = cache.get(key)
    if found is None:
        # The token changes when a write commits on the primary; a lagging replica would file
        # old figures under the new token.
        with primary_reads():
            found = facet_counts(dataset_search(search), fields, limit)
        cache.set(key, found, FACETS_TTL)
    return found


def page_of(qs: QuerySet[Dataset], start: int, size: int) -> list[Dataset]:
    """One page with every detail: the page's ids first (a narrow sort), then their rows."""
    ids = list(qs.values_list("pk", flat=True)[start : start + size])
    found = {dataset.pk: dataset for dataset in with_details(Dataset.objects.filter(pk__in=ids))}
    return [found[pk] for pk in ids]


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
