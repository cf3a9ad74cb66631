"""Statistics per obligated body (a page with its method, chart and table, and a streamed CSV)
and the proactive-publication needs that repeated requests suggest."""

from collections.abc import Iterator
from itertools import islice
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cocrea.core.charts import Chart
from cocrea.core.csvio import csv_stream
from cocrea.core.models import Organization, Territory
from cocrea.core.pagination import paginate
from cocrea.requests import statistics as figures
from cocrea.requests.models import ProactiveNeed

CSV_CHUNK = 200  # bodies whose figures one pair of queries reads


class StatisticsFilter(forms.Form):
    entidad = forms.ModelChoiceField(
        label=gettext_lazy("Entidad"),
        queryset=Territory.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label=gettext_lazy("Todo el país"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["entidad"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = figures.states_with_requests()


def _state(form: StatisticsFilter) -> Territory | None:
    if form.is_valid():
        state: Territory | None = form.cleaned_data["entidad"]
        return state
    return None


def statistics(request: HttpRequest) -> HttpResponse:
    form = StatisticsFilter(request.GET or None)
    state = _state(form)
    page = paginate(request, figures.bodies_with_requests(state=state))
    rows = figures.statistics_for(page.object_list)
    chart = Chart(
        "a-tiempo",
        _("Porcentaje de respuestas a tiempo"),
        [(row.name, round(row.on_time_share or 0)) for row in rows],
        unit=" %",
        columns=(_("Sujeto obligado"), _("Respondidas a tiempo (%)")),
    )
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "chart": chart,
        "method": figures.METHOD,
        "working_days_note": figures.WORKING_DAYS_NOTE,
        "state": state,
    }
    return render(request, "requests/statistics.html", context)


def _csv_rows(state: Territory | None) -> Iterator[list[Any]]:
    bodies = figures.bodies_with_requests(state=state).iterator(chunk_size=CSV_CHUNK)
    while chunk := list(islice(bodies, CSV_CHUNK)):
        for row in figures.statistics_for(chunk):
            yield row.as_row()


def statistics_csv(request: HttpRequest) -> StreamingHttpResponse:
    """Every body's figures, streamed: never built whole in memory."""
    state = _state(StatisticsFilter(request.GET or None))
    body = csv_stream(figures.CSV_HEADER, _csv_rows(state))
    response = StreamingHttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="estadisticas-solicitudes.csv"'
    return response


def need_list(request: HttpRequest) -> HttpResponse:
    needs = ProactiveNeed.objects.select_related("organization", "publication__dataset").order_by(
        "-created_at", "-id"
    )
    page = paginate(request, needs)
    return render(request, "requests/need_list.html", {"page": page})


def institution_needs(request: HttpRequest, organization_slug: str) -> HttpResponse:
    organization = get_object_or_404(
        Organization.objects.only("id", "name", "slug"), slug=organization_slug
    )
    needs = (
        ProactiveNeed.objects.filter(organization=organization)
        .select_related("publication__dataset")
        .prefetch_related("requests")
        .order_by("-created_at", "-id")
    )
    page = paginate(request, needs)
    context = {"organization": organization, "page": page}
    return render(request, "requests/institution_needs.html", context)
