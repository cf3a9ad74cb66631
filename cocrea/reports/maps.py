"""Reads for the public map of reports: the reports that have a place, filtered, and their points.

Only the rounded public location (`lat`, `long`, about a hundred metres) is ever read here; the
exact one and the address stay private. A point carries nothing but what the report's public page
shows: its number, category, state and link.
"""

from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse

from cocrea.reports import selectors
from cocrea.reports.models import Report, ReportStatus

# The map draws at most this many points (the most recent); the list beside it pages them all.
MAP_POINTS_MAX = 5000
STATUS_GROUPS = ("open", "closed")


def status_filter_valid(status: str) -> str:
    """The status filter as understood: a group (open, closed), one status, or "" for all."""
    return status if status in STATUS_GROUPS or status in ReportStatus.values else ""


def report_map_list(*, category: str = "", status: str = "") -> QuerySet[Report]:
    """The reports with a public place, most recent first, as the public list reads them."""
    reports = selectors.report_public_list(category=category, status=status)
    return reports.filter(lat__isnull=False, long__isnull=False)


def report_map_points(*, category: str = "", status: str = "") -> list[dict[str, Any]]:
    """GeoJSON features of the filtered reports, the `MAP_POINTS_MAX` most recent, in one query."""
    rows = report_map_list(category=category, status=status).values_list(
        "pk", "category__code", "category__name", "status", "lat", "long"
    )[:MAP_POINTS_MAX]
    labels = dict(ReportStatus.choices)
    return [
        point_feature(
            pk=pk,
            lat=lat,
            long=long,
            url_name="reports:report_detail",
            properties={
                "category": code,
                "category_name": name,
                "status": status_code,
                "status_name": str(labels.get(status_code, status_code)),
            },
        )
        for pk, code, name, status_code, lat, long in rows
    ]


def point_feature(
    *,
    pk: int,
    lat: Decimal | None,
    long: Decimal | None,
    url_name: str,
    properties: dict[str, Any],
) -> dict[str, Any]:
    """A GeoJSON point (RFC 7946 orders longitude first) of the record `pk`: its properties
    open with its id and close with the link to its page. The queries read placed rows only."""
    assert lat is not None and long is not None, "a point needs its place"
    return {
        "type": "Feature",
        "id": pk,
        "geometry": {"type": "Point", "coordinates": [float(long), float(lat)]},
        "properties": {"id": pk, **properties, "url": reverse(url_name, args=[pk])},
    }


def feature_collection(features: list[dict[str, Any]]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": features}
