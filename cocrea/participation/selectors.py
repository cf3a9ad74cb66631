"""Reads of consultations and proposals. Lists declare their queries; counts are stored."""

from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, Q, QuerySet
from django.shortcuts import get_object_or_404

from cocrea.participation.models import Consultation, Proposal, Support

ORDERS = {"apoyos": ("-support_count", "-id"), "recientes": ("-id",)}


def consultation_list(*, exercise: Any) -> QuerySet[Consultation]:
    return Consultation.objects.filter(exercise=exercise).order_by("-opens_at")


def consultation_get(*, exercise: Any, slug: str) -> Consultation:
    return get_object_or_404(
        Consultation.objects.select_related("exercise", "territory"), exercise=exercise, slug=slug
    )


def proposal_list(
    *,
    consultation: Consultation,
    order: str = "apoyos",
    axis: int | None = None,
    q: str = "",
    include_hidden: bool = False,
) -> QuerySet[Proposal]:
    qs = (
        Proposal.objects.filter(consultation=consultation)
        .select_related("axis")
        .only(
            "id",
            "consultation_id",
            "title",
            "place",
            "support_count",
            "status",
            "created_at",
            "is_hidden",
            "axis__name",
        )
    )
    if not include_hidden:
        qs = qs.filter(is_hidden=False)
    if axis:
        qs = qs.filter(axis_id=axis)
    if q.strip():
        return _search(qs, q.strip()[:200])
    return qs.order_by(*ORDERS.get(order, ORDERS["apoyos"]))


def _search(qs: QuerySet[Proposal], q: str) -> QuerySet[Proposal]:
    """Spanish full-text search on PostgreSQL (stored vector, GIN index); plain text on SQLite."""
    if connection.vendor == "postgresql":
        query = SearchQuery(q, config="spanish", search_type="websearch")
        return (
            qs.filter(search_vector=query)
            .annotate(rank=SearchRank(F("search_vector"), query))
            .order_by("-rank", "-support_count", "-id")
        )
    words = [w for w in q.split() if w][:8]
    condition = Q()
    for word in words:
        condition &= Q(title__icontains=word) | Q(body__icontains=word)
    return qs.filter(condition).order_by("-support_count", "-id")


def proposal_get(*, consultation: Consultation, proposal_id: int) -> Proposal:
    return get_object_or_404(
        Proposal.objects.select_related(
            "axis", "consultation__exercise", "commitment__plan__exercise"
        ),
        consultation=consultation,
        pk=proposal_id,
    )


def supported_ids(*, user: Any, proposals: list[Proposal]) -> set[int]:
    if not getattr(user, "is_authenticated", False) or not proposals:
        return set()
    return set(
        Support.objects.filter(user=user, proposal__in=proposals).values_list(
            "proposal_id", flat=True
        )
    )
