"""Public figures of reports per institution and per category: received, closed, median time to
close and the share closed within the category's response time."""

import statistics as stats
from collections import defaultdict
from typing import Any

from django.core.cache import cache
from django.db import connection
from django.db.models import Aggregate, Count, F, FloatField, Q, QuerySet

from cocrea.reports.models import Report

FRESH_SECONDS = 300
GROUPS = {
    "institution": "institution__name",
    "category": "category__name",
    "municipality": "municipality__name",
}


class MedianHours(Aggregate):
    """PostgreSQL's exact median of the hours from filing to closing."""

    function = "percentile_cont"
    template = (
        "percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM (%(expressions)s)) / 3600)"
    )
    output_field = FloatField()


def _counts(group: str) -> QuerySet[Any, Any]:
    closed = Q(closed_at__isnull=False)
    return (
        Report.objects.values(name=F(GROUPS[group]))
        .annotate(
            received=Count("pk"),
            closed=Count("pk", filter=closed),
            within=Count("pk", filter=closed & Q(closed_at__lte=F("expected_at"))),
        )
        .order_by("-received", "name")
    )


def _medians_in_python(group: str) -> dict[str, float]:
    # SQLite has no percentile: small installations compute it here, one group at a time.
    hours: dict[str, list[float]] = defaultdict(list)
    rows = Report.objects.filter(closed_at__isnull=False).values_list(
        GROUPS[group], "requested_at", "closed_at"
    )
    for name, requested, closed in rows.iterator(chunk_size=2000):
        hours[name].append((closed - requested).total_seconds() / 3600)
    return {name: stats.median(values) for name, values in hours.items()}


def report_figures(*, group: str) -> list[dict[str, Any]]:
    """One row per institution or category, largest first; kept five minutes, since a count
    over a million reports should not run on every visit."""
    figures = cache.get_or_set(f"report-figures:{group}", lambda: _figures(group), FRESH_SECONDS)
    return list(figures or [])


def _figures(group: str) -> list[dict[str, Any]]:
    if connection.vendor == "postgresql":
        median = MedianHours(F("closed_at") - F("requested_at"), filter=Q(closed_at__isnull=False))
        rows = list(_counts(group).annotate(median_hours=median))
    else:
        medians = _medians_in_python(group)
        rows = [{**row, "median_hours": medians.get(row["name"])} for row in _counts(group)]
    for row in rows:
        row["within_share"] = row["within"] / row["closed"] if row["closed"] else None
    return rows
