"""Reads of the core app. Every list declares its queries."""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.core.paginator import Page
from django.db.models import Count, Min, Model, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from cocrea.core.models import (
    ApiKey,
    Organization,
    OrganizationMembership,
    OrganizationRole,
    Territory,
)
from cocrea.core.pagination import paginate
from cocrea.core.queries import filter_given


def territory_list(*, level: str = "", parent: str = "") -> QuerySet[Territory]:
    qs = Territory.objects.select_related("parent").only(
        "id",
        "level",
        "name",
        "official_name",
        "inegi_code",
        "iso_code",
        "slug",
        "parent__id",
        "parent__name",
        "parent__slug",
        "parent__inegi_code",
    )
    return filter_given(qs, level=level, parent__slug=parent).order_by("inegi_code")


def territory_get(*, slug: str | None = None, pk: int | None = None) -> Territory:
    lookup = {"slug": slug} if slug is not None else {"pk": pk}
    return get_object_or_404(Territory.objects.select_related("parent"), **lookup)


def organization_list(
    *, sector: str = "", territory: str = "", q: str = ""
) -> QuerySet[Organization]:
    qs = Organization.objects.select_related("territory").only(
        "id",
        "name",
        "acronym",
        "slug",
        "sector",
        "website",
        "territory__name",
        "territory__slug",
        "territory__inegi_code",
    )
    qs = filter_given(qs, sector=sector, territory__slug=territory)
    if q:
        qs = qs.filter(name__icontains=q.strip()[:100])
    return qs.order_by("name")


def organization_get(*, slug: str | None = None, pk: int | None = None) -> Organization:
    lookup = {"slug": slug} if slug is not None else {"pk": pk}
    return get_object_or_404(Organization.objects.select_related("territory"), **lookup)


STAFF_ROLES = (OrganizationRole.LIAISON, OrganizationRole.ADMIN)


def liaison_list(*, organization: Organization) -> QuerySet[OrganizationMembership]:
    """The current liaisons and administrators of `organization`, for those who name them."""
    return (
        OrganizationMembership.objects.filter(
            organization=organization, role__in=STAFF_ROLES, is_active=True
        )
        .select_related("user")
        .only("id", "role", "created_at", "user__email", "user__public_name")
        .order_by("role", "user__email")
    )


def liaison_get(*, organization: Organization, membership_id: int) -> OrganizationMembership:
    return get_object_or_404(
        OrganizationMembership,
        organization=organization,
        role__in=STAFF_ROLES,
        pk=membership_id,
    )


def _role_organization_ids(user: Any, role: OrganizationRole, key: str) -> set[int]:
    """The organizations where `user` holds `role`, memoised on the user under `key`: a
    request asks several times, and the user object lives as long as the request."""
    if not getattr(user, "is_authenticated", False):
        return set()
    cache = user.__dict__
    if key not in cache:
        cache[key] = set(
            OrganizationMembership.objects.filter(user=user, role=role, is_active=True).values_list(
                "organization_id", flat=True
            )
        )
    ids: set[int] = cache[key]
    return ids


def liaison_organization_ids(*, user: Any) -> set[int]:
    """The organizations whose liaison `user` is, memoised on the user for the request."""
    return _role_organization_ids(user, OrganizationRole.LIAISON, "_liaison_orgs")


def organizations_to_publish_for(*, user: Any) -> QuerySet[Organization]:
    """The institutions in whose name `user` may publish (works, datasets): the ones they are
    liaison of; every one for an admin."""
    if getattr(user, "is_superuser", False):
        return Organization.objects.all()
    return Organization.objects.filter(pk__in=liaison_organization_ids(user=user))


def api_key_active(*, raw: str) -> ApiKey | None:
    """The unrevoked key whose digest matches `raw`, with its organization."""
    from cocrea.core.services import api_key_digest

    if not raw or len(raw) > 200:
        return None
    return (
        ApiKey.objects.select_related("organization")
        .filter(digest=api_key_digest(raw), revoked_at__isnull=True)
        .first()
    )


def administered_organization_ids(*, user: Any) -> set[int]:
    """The organizations `user` administers, memoised on the user for the request."""
    return _role_organization_ids(user, OrganizationRole.ADMIN, "_admin_orgs")


@dataclass
class Flagged:
    """A reported record in a moderation queue; `record` and `reasons` (of its pending reports,
    never who made them) are filled for its page only."""

    kind: str  # as in the addresses
    pk: int
    first_flagged: dt.datetime
    flag_count: int
    record: Any = None
    reasons: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Queued:
    """One kind of record in a moderation queue."""

    kind: str
    scope: QuerySet[Any]  # the records the queue covers, reported or not
    shown: QuerySet[Any]  # how the page reads its records: what their cards show
    flag_model: type[Model]  # their reports' model
    column: str  # the column naming the record in `flag_model`


def _pending(rows: QuerySet[Any]) -> QuerySet[Any]:
    """Visible records with a report not yet reviewed: their keys, first report, count (one
    join: a report exists and is pending)."""
    keys: QuerySet[Any] = (
        rows.filter(is_hidden=False, flags__created_at__isnull=False, flags__reviewed_at=None)
        .annotate(first_flagged=Min("flags__created_at"), flag_count=Count("flags"))
        .values_list("pk", "first_flagged", "flag_count")
        .order_by()
    )
    return keys


_Item = TypeVar("_Item", bound=Flagged)


def moderation_page(
    *, request: HttpRequest, queued: Sequence[Queued], item: type[_Item]
) -> "Page[_Item]":
    """The visible records of every kind with pending reports, oldest report first, paginated:
    three queries a kind whatever the page (the keys, then the page's records and reasons)."""
    keys = [item(q.kind, *row) for q in queued for row in _pending(q.scope)]
    keys.sort(key=lambda flagged: (flagged.first_flagged, flagged.kind, flagged.pk))
    page = paginate(request, keys)
    for q in queued:
        items = {flagged.pk: flagged for flagged in page.object_list if flagged.kind == q.kind}
        if not items:
            continue
        for record in q.shown.filter(pk__in=items):
            items[record.pk].record = record
        flags = q.flag_model._default_manager.filter(
            **{f"{q.column}__in": list(items)}, reviewed_at=None
        )
        for pk, reason in flags.order_by("created_at", "pk").values_list(q.column, "reason"):
            items[pk].reasons.append(reason)
    return page
