"""What a consultation yields: its systematization (figures, rankings, results as CSV and
JSON) and the problems identified from its proposals, with the suggested groups."""

from functools import partial
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods

from cocrea.core.actors import acting_user
from cocrea.core.editing import authorize
from cocrea.core.pagination import paginate
from cocrea.core.params import id_params
from cocrea.participation import exports, selectors, services
from cocrea.participation.forms import GroupForm, ProblemForm
from cocrea.participation.models import Consultation, Problem
from cocrea.participation.suggestions import suggest_groups
from cocrea.participation.view_common import (
    MANAGE,
    InConsultation,
    consultation_at,
    exercise_page,
    in_consultation,
    not_done,
)


def systematization(
    request: HttpRequest, exercise_slug: str, consultation_slug: str
) -> HttpResponse:
    exercise, consultation, _none = consultation_at(request, exercise_slug, consultation_slug)
    with_places = selectors.has_places(consultation=consultation)
    context = {
        "exercise": exercise,
        "consultation": consultation,
        "figures": selectors.participation_figures(consultation=consultation),
        "ranking": selectors.ranking(consultation=consultation),
        "with_places": with_places,
        "place_ranking": selectors.ranking(consultation=consultation, per_axis=3, by="place")
        if with_places
        else [],
        "axes": selectors.by_axis(consultation=consultation)[:50],
        "places": paginate(request, selectors.by_place(consultation=consultation))
        if with_places
        else None,
        "problems": selectors.problem_list(consultation=consultation),
        "tables": selectors.table_list(consultation=consultation),
        "can_manage": request.user.has_perm(MANAGE, exercise),
    }
    return render(request, "participation/systematization.html", context)


def results(
    request: HttpRequest, exercise_slug: str, consultation_slug: str, fmt: str
) -> StreamingHttpResponse:
    consultation = consultation_at(request, exercise_slug, consultation_slug).consultation
    if fmt not in ("csv", "json"):
        raise Http404
    body = exports.results_csv(consultation) if fmt == "csv" else exports.results_json(consultation)
    kind = "text/csv; charset=utf-8" if fmt == "csv" else "application/json"
    response = StreamingHttpResponse(body, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="resultados-{consultation.slug}.{fmt}"'
    return response


def problem_detail(
    request: HttpRequest, exercise_slug: str, consultation_slug: str, problem_id: int
) -> HttpResponse:
    exercise, consultation, problem = _problem(
        request, exercise_slug, consultation_slug, problem_id=problem_id
    )
    proposals = (
        consultation.proposals.filter(problem=problem, is_hidden=False)
        .only("id", "title", "support_count")
        .order_by("-support_count", "-id")
    )
    context = {
        "exercise": exercise,
        "consultation": consultation,
        "problem": problem,
        "commitments": selectors.openable_commitments(
            user=request.user, commitments=problem.commitments.all()
        ),
        "page": paginate(request, proposals),
        "can_manage": request.user.has_perm(MANAGE, exercise),
    }
    return render(request, "participation/problem_detail.html", context)


def _problem_of(consultation: Consultation, problem_id: Any) -> Problem:
    return selectors.problem_get(consultation=consultation, problem_id=problem_id)


_problem = in_consultation("problem_id", _problem_of)
_problem_to_edit = in_consultation(
    "problem_id", _problem_of, lambda consultation: Problem(consultation=consultation)
)


def _problem_url(exercise_slug: str, consultation_slug: str, problem_id: int) -> str:
    return reverse(
        "participation:problem_detail", args=[exercise_slug, consultation_slug, problem_id]
    )


def _at_problem(at: InConsultation[Any], problem: Problem) -> str:
    return _problem_url(at.exercise.slug, at.consultation.slug, problem.pk)


def _back_to_problem(at: InConsultation[Problem], saved: object) -> str:
    return _at_problem(at, at.record)


# The pages of a problem, for the exercise's managers, back to it once saved.
_problem_page = partial(
    exercise_page, load=_problem_to_edit, permission=MANAGE, success_url=_back_to_problem
)


problem_edit = _problem_page(
    form=ProblemForm,
    form_kwargs=lambda request, at: {"instance": at.record, "consultation": at.consultation},
    save=lambda actor, at, form: services.problem_save(
        actor=actor,
        problem=at.record,
        title=form.cleaned_data["title"],
        description=form.cleaned_data["description"],
        axis=form.cleaned_data["axis"],
        commitments=form.cleaned_data["commitments"],
    ),
    success_url=_at_problem,  # a new problem's own page
    title=gettext_lazy("Problemática identificada"),
)


problem_group = _problem_page(
    form=GroupForm,
    save=lambda actor, at, form: services.proposals_group(
        actor=actor, problem=at.record, proposal_ids=form.cleaned_data["proposals"]
    ),
    title=gettext_lazy("Agrupar propuestas en la problemática"),
)


@require_http_methods(["GET", "POST"])
def suggestions(request: HttpRequest, exercise_slug: str, consultation_slug: str) -> HttpResponse:
    """Groups of similar proposals the platform suggests; a person confirms or changes each."""
    exercise, consultation, _none = consultation_at(request, exercise_slug, consultation_slug)
    if denied := authorize(request, MANAGE, exercise):
        return denied
    if request.method == "POST":
        ids = id_params(request.POST.getlist("propuestas"))
        try:
            problem = services.problem_from_group(
                actor=acting_user(request),
                consultation=consultation,
                title=request.POST.get("titulo", ""),
                proposal_ids=ids,
            )
        except ValidationError as error:
            return not_done(request, _("No se creó la problemática"), error, request.path)
        messages.success(
            request,
            ngettext(
                "Se creó la problemática con %(n)s propuesta.",
                "Se creó la problemática con %(n)s propuestas.",
                len(ids),
            )
            % {"n": len(ids)},
        )
        return redirect(_problem_url(exercise_slug, consultation_slug, problem.pk))
    context = {
        "exercise": exercise,
        "consultation": consultation,
        "groups": suggest_groups(consultation=consultation),
    }
    return render(request, "participation/suggestions.html", context)
