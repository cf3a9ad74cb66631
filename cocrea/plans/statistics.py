"""Statistics of published commitments for a plan, an exercise or the nation.

A commitment counts in every pillar it serves, so the pillar shares add up to more than 100%.
Every figure is one aggregate query; nothing is counted row by row in Python.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TypedDict

from django.db.models import Avg, Count, Q, QuerySet

from cocrea.plans.models import PILLARS, Commitment, PlanStatus


@dataclass(frozen=True)
class Share:
    label: str
    count: int
    share: Decimal


@dataclass(frozen=True)
class Statistics:
    total: int
    average_progress: Decimal
    by_pillar: list[Share]
    by_theme: list[Share]
    without_theme: int


def public_commitments(**scope: object) -> QuerySet[Commitment]:
    return Commitment.objects.filter(is_published=True, **scope).exclude(
        plan__status=PlanStatus.DRAFT
    )


def _share(count: int, total: int) -> Decimal:
    if not total:
        return Decimal(0)
    return (Decimal(100) * count / total).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def commitment_statistics(commitments: QuerySet[Commitment]) -> Statistics:
    figures = commitments.aggregate(
        total=Count("id"),
        progress=Avg("progress"),
        no_theme=Count("id", filter=Q(theme__isnull=True)),
        **{key: Count("id", filter=Q(**{field: True})) for key, (field, _label) in PILLARS.items()},
    )
    total = figures["total"]
    themes = (
        commitments.filter(theme__isnull=False)
        .values("theme__name")
        .annotate(n=Count("id"))
        .order_by("-n", "theme__name")
    )
    return Statistics(
        total=total,
        average_progress=Decimal(figures["progress"] or 0).quantize(Decimal("0.1")),
        by_pillar=[
            Share(str(label), figures[key], _share(figures[key], total))
            for key, (_f, label) in PILLARS.items()
        ],
        by_theme=[Share(t["theme__name"], t["n"], _share(t["n"], total)) for t in themes],
        without_theme=figures["no_theme"],
    )


class InstitutionRow(TypedDict):
    lead_institution__name: str
    lead_institution__slug: str
    n: int
    progress: float | None


def by_institution(commitments: QuerySet[Commitment]) -> QuerySet[Commitment, InstitutionRow]:
    """Commitments and average progress per lead institution, most commitments first."""
    return (
        commitments.values("lead_institution__name", "lead_institution__slug")
        .annotate(n=Count("id"), progress=Avg("progress"))
        .order_by("-n", "lead_institution__name")
    )
