"""Statistics per obligated body (a page with its method, chart and table, and a streamed CSV)
and the proactive-publication needs that repeated requests suggest."""

from collections.abc import Iterator
from itertools import islice
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from cocrea.core.actors import acting_user
from cocrea.core.charts import Chart
from cocrea.core.csvio import csv_stream
from cocrea.core.models import Organization, Territory
from cocrea.core.pagination import paginate
from cocrea.requests import needs
from cocrea.requests import statistics as figures
from cocrea.requests.models import ProactiveNeed
from cocrea.requests.need_forms import DecideForm, LinkForm, ProposeForm

CSV_CHUNK = 200  # bodies whose figures one pair of queries reads
CONFIGURE, MODERATE = "requests.configure_unit", "requests.moderate"
ACTIONS = ("propose", "accept", "decline", "link")


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
    page = paginate(request, needs.needs_public())
    return render(request, "requests/need_list.html", {"page": page})


class _Refused(Exception):
    """A need action the form or the service refused: its messages are shown with a 400."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(problems)
        self.problems = problems


def _problems(form: forms.Form) -> list[str]:
    return [str(message) for errors in form.errors.values() for message in errors]


def _valid(form: forms.Form) -> dict[str, Any]:
    if not form.is_valid():
        raise _Refused(_problems(form))
    return form.cleaned_data


def _need(organization: Organization, need_id: int) -> ProactiveNeed:
    need = ProactiveNeed.objects.filter(pk=need_id, organization=organization).first()
    if need is None:
        raise _Refused([_("Esa necesidad no existe o es de otra institución.")])
    return need


def _act(request: HttpRequest, organization: Organization, action: str, may_propose: bool) -> str:
    """Carries out one POSTed action; the message to show."""
    actor = acting_user(request)
    if action == "propose":
        if not may_propose:
            raise PermissionDenied(_("Solo una autoridad garante o la institución proponen temas."))
        data = _valid(ProposeForm(request.POST))
        needs.need_propose(
            actor=actor,
            organization=organization,
            request_ids=data["requests"],
            topic=data["topic"],
            summary=data["summary"],
        )
        return _("La necesidad se propuso a la institución.")
    if action not in ACTIONS:
        raise _Refused([_("Elige una acción: proponer, aceptar, no aceptar o enlazar.")])
    if not request.user.has_perm(CONFIGURE, organization):
        raise PermissionDenied(_("Solo el enlace de la institución responde a sus necesidades."))
    if action == "link":
        data = _valid(LinkForm(request.POST, organization=organization))
        needs.need_link(
            actor=actor,
            need=_need(organization, data["need"]),
            publication=data["publication"],
        )
        return _("La necesidad quedó enlazada con su publicación.")
    data = _valid(DecideForm(request.POST))
    accept = action == "accept"
    needs.need_decide(
        actor=actor, need=_need(organization, data["need"]), accept=accept, reason=data["reason"]
    )
    return _("La necesidad se aceptó.") if accept else _("La necesidad quedó como no aceptada.")


@require_http_methods(["GET", "POST"])
def institution_needs(request: HttpRequest, organization_slug: str) -> HttpResponse:
    organization = get_object_or_404(
        Organization.objects.select_related("territory__parent"), slug=organization_slug
    )
    if request.method == "POST" and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    may_decide = request.user.has_perm(CONFIGURE, organization)
    may_propose = may_decide or request.user.has_perm(MODERATE, organization)
    problems: list[str] = []
    if request.method == "POST":
        if not may_propose:
            raise PermissionDenied(_("Solo la institución o su garante actúan aquí."))
        try:
            with transaction.atomic():
                done = _act(request, organization, request.POST.get("action", ""), may_propose)
        except _Refused as refusal:
            problems = refusal.problems
        except ValidationError as error:
            problems = error.messages
        else:
            messages.success(request, done)
            return redirect("requests:institution_needs", organization_slug=organization.slug)
    context = {
        "organization": organization,
        "page": paginate(request, needs.needs_of(organization=organization)),
        "may_propose": may_propose,
        "may_decide": may_decide,
        "suggestions": needs.needs_suggest(organization=organization) if may_propose else [],
        "publications": (
            list(needs.publications_of(organization=organization)) if may_decide else []
        ),
        "min_requests": needs.MIN_REQUESTS,
        "problems": problems,
    }
    status = 400 if problems else 200
    return render(request, "requests/institution_needs.html", context, status=status)
