"""The public map of reports (a filtered, paged list that works alone, and its points in GeoJSON
for the map that enhances it) and the place picker's address lookup."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_http_methods
from django_ratelimit.core import is_ratelimited

from cocrea.core.pagination import choice_labels
from cocrea.reports import geocoding, maps
from cocrea.reports.models import ReportStatus
from cocrea.reports.views import filtered_page


def _filters(request: HttpRequest) -> tuple[str, str]:
    category = request.GET.get("categoria", "")[:40]
    return category, maps.status_filter_valid(request.GET.get("estado", ""))


@require_GET
def report_map(request: HttpRequest) -> HttpResponse:
    category, status = _filters(request)
    reports = maps.report_map_list(category=category, status=status)
    context = {
        **filtered_page(request, reports, category, status),
        "statuses": ReportStatus.choices,
        "status_labels": choice_labels(ReportStatus.choices),
        "points_max": maps.MAP_POINTS_MAX,
    }
    return render(request, "reports/report_map.html", context)


@require_GET
@cache_control(public=True, max_age=60)
def report_points(request: HttpRequest) -> JsonResponse:
    """The map's points: public fields only, the location rounded as on the report's page."""
    category, status = _filters(request)
    features = maps.report_map_points(category=category, status=status)
    response = JsonResponse(maps.feature_collection(features))
    response["Content-Type"] = "application/geo+json"
    return response


# POST is what the place picker sends: the coordinates then stay out of the access log's request
# line, next to the IP. GET works too (a plain link, a quick check).
@require_http_methods(["GET", "POST"])
def place_lookup(request: HttpRequest) -> JsonResponse:
    """The address of a place, from the reverse geocoder; empty when none is configured.

    Limited per IP: each place may cost a request to a geocoder that allows one a second."""
    limited = is_ratelimited(
        request, group="reports.place_lookup", key="ip", rate="30/m", increment=True
    )
    if limited:
        return JsonResponse({"error": _("Demasiadas consultas; espera un momento.")}, status=429)
    data = request.POST if request.method == "POST" else request.GET
    place = geocoding.place_parse(lat=data.get("lat", ""), long=data.get("long", ""))
    if place is None:
        return JsonResponse({"error": _("Coordenadas no válidas.")}, status=400)
    response = JsonResponse({"address": geocoding.address_of(lat=place[0], long=place[1])})
    patch_cache_control(response, private=True, max_age=3600)
    return response
