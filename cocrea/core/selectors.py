"""Reads of the core app. Every list declares its queries."""

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from cocrea.core.models import (
    ApiKey,
    Organization,
    OrganizationMembership,
    OrganizationRole,
    Territory,
)
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


def liaison_organization_ids(*, user: Any) -> set[int]:
    """The organizations whose liaison `user` is, memoised on the user for the request."""
    if not getattr(user, "is_authenticated", False):
        return set()
    cache = user.__dict__
    if "_liaison_orgs" not in cache:
        cache["_liaison_orgs"] = set(
            OrganizationMembership.objects.filter(
                user=user, role=OrganizationRole.LIAISON, is_active=True
            ).values_list("organization_id", flat=True)
        )
    ids: set[int] = cache["_liaison_orgs"]
    return ids


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
    if not getattr(user, "is_authenticated", False):
        return set()
    cache = user.__dict__
    if "_admin_orgs" not in cache:
        cache["_admin_orgs"] = set(
            OrganizationMembership.objects.filter(
                user=user, role=OrganizationRole.ADMIN, is_active=True
            ).values_list("organization_id", flat=True)
        )
    ids: set[int] = cache["_admin_orgs"]
    return ids
