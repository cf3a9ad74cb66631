"""Consultation pages: proposals, supports, moderation and reasoned answers."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_ratelimit.decorators import ratelimit

from cocrea.core.actors import acting_user
from cocrea.core.editing import authorize, save_form
from cocrea.core.history import history_page
from cocrea.core.pagination import paginate
from cocrea.exercises import selectors as exercise_selectors
from cocrea.exercises.forms import model_fields
from cocrea.participation import exports, selectors, services
from cocrea.participation.forms import (
    CommentForm,
    ConsultationForm,
    GroupForm,
    ProblemForm,
    ProposalForm,
    ReasonForm,
    ResponseForm,
    WorkingTableForm,
)
from cocrea.participation.models import Consultation, Problem, Proposal, WorkingTable
from cocrea.participation.suggestions import suggest_groups
from cocrea.plans import selectors as plan_selectors

MANAGE = "participation.manage_consultation"


def _too_many(request: HttpRequest) -> HttpResponse:
    context = {
        "title": _("Demasiadas solicitudes"),
        "message": _("Espera unos minutos y vuelve a intentarlo."),
        "status": 429,
    }
    return render(request, "error.html", context, status=429)


def consultation_list(request: HttpRequest, slug: str) -> HttpResponse:
    exercise = exercise_selectors.exercise_get(slug=slug)
    context = {
        "exercise": exercise,
        "page": paginate(request, selectors.consultation_list(exercise=exercise)),
        "can_manage": request.user.has_perm(MANAGE, exercise),
    }
    return render(request, "participation/consultation_list.html", context)


@require_http_methods(["GET", "POST"])
def consultation_edit(
    request: HttpRequest, slug: str, consultation: str | None = None
) -> HttpResponse:
    exercise = exercise_selectors.exercise_get(slug=slug)
    item = (
        selectors.consultation_get(exercise=exercise, slug=consultation)
        if consultation
        else Consultation(exercise=exercise)
    )
    if denied := authorize(request, MANAGE, exercise):
        return denied
    form = ConsultationForm(request.POST or None, instance=item, exercise=exercise)
    return save_form(
        request,
        form,
        lambda: services.consultation_save(
            actor=acting_user(request), consultation=item, fields=model_fields(form)
        ),
        lambda saved: f"/ejercicios/{slug}/consultas/{saved.slug}/",
        "exercises/form.html",
        {"exercise": exercise, "title": _("Consulta pública")},
    )


def consultation_detail(request: HttpRequest, slug: str, consultation: str) -> HttpResponse:
    exercise = exercise_selectors.exercise_get(slug=slug)
    found = selectors.consultation_get(exercise=exercise, slug=consultation)
    order = request.GET.get("orden", "apoyos")
    axis = request.GET.get("eje", "")
    q = request.GET.get("q", "")[:200]
    proposals = selectors.proposal_list(
        consultation=found, order=order, axis=int(axis) if axis.isdigit() else None, q=q
    )
    unfiltered = not q.strip() and not axis
    more = False
    if unfiltered:
        count = selectors.visible_proposal_count(consultation=found)
    else:  # a search counts up to a cap: nobody pages past the first thousand matches
        count, more = selectors.capped_count(proposals)
    page = paginate(request, proposals, count=count, deferred=True, exact=not more)
    context = {
        "exercise": exercise,
        "consultation": found,
        "page": page,
        "order": order,
        "q": q,
        "axis": axis,
        "axes": found.axes.all(),
        "more": more,
        "is_open": found.is_open(),
        "supported": selectors.supported_ids(user=request.user, proposals=list(page.object_list)),
    }
    return render(request, "participation/consultation_detail.html", context)


def proposal_detail(
    request: HttpRequest, slug: str, consultation: str, proposal_id: int
) -> HttpResponse:
    exercise = exercise_selectors.exercise_get(slug=slug)
    found = selectors.consultation_get(exercise=exercise, slug=consultation)
    proposal = selectors.proposal_get(consultation=found, proposal_id=proposal_id)
    # Its last ten versions (a proposal changes little); the page's `pagina` pages the comments.
    _page, entries = history_page(request, Proposal.history.filter(id=proposal.pk), per_page=10)
    context = {
        "exercise": exercise,
        "consultation": found,
        "proposal": proposal,
        "is_open": found.is_open(),
        "supported": bool(selectors.supported_ids(user=request.user, proposals=[proposal])),
        "can_moderate": request.user.has_perm("participation.moderate", exercise),
        "can_respond": request.user.has_perm(MANAGE, exercise),
        "can_edit": selectors.author_may_edit(user=request.user, proposal=proposal),
        "flags": proposal.flags.count()
        if request.user.has_perm("participation.moderate", exercise)
        else None,
        "entries": entries,
    }
    comments_page, threads = selectors.comment_threads(request=request, target=proposal)
    context |= {
        "comments_page": comments_page,
        "threads": threads,
        "comment_form": CommentForm(),
        "comment_kind": "propuesta",
        "comment_number": consultation,
        "comment_item": proposal.pk,
        "comment_url": f"/ejercicios/{slug}/consultas/{consultation}/propuestas/{proposal.pk}/",
    }
    return render(request, "participation/proposal_detail.html", context)


@ratelimit(key="user_or_ip", rate="10/h", method="POST", block=False)
@ratelimit(key="ip", rate="30/h", method="POST", block=False)
@require_http_methods(["GET", "POST"])
def proposal_create(request: HttpRequest, slug: str, consultation: str) -> HttpResponse:
    exercise = exercise_selectors.exercise_get(slug=slug)
    found = selectors.consultation_get(exercise=exercise, slug=consultation)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if getattr(request, "limited", False):
        return _too_many(request)
    form = ProposalForm(request.POST or None, consultation=found)
    return save_form(
        request,
        form,
        lambda: services.proposal_submit(
            actor=acting_user(request), consultation=found, fields=model_fields(form)
        ),
        lambda saved: f"/ejercicios/{slug}/consultas/{consultation}/propuestas/{saved.pk}/",
        "exercises/form.html",
        {"exercise": exercise, "title": _("Nueva propuesta")},
    )


@ratelimit(key="user_or_ip", rate="60/m", method="POST", block=False)
@ratelimit(key="ip", rate="300/m", method="POST", block=False)
@require_http_methods(["POST"])
def support(request: HttpRequest, slug: str, consultation: str, proposal_id: int) -> HttpResponse:
    proposal = selectors.proposal_by_address(
        exercise_slug=slug, consultation_slug=consultation, proposal_id=proposal_id
    )
    back = f"/ejercicios/{slug}/consultas/{consultation}/propuestas/{proposal.pk}/"
    if not request.user.is_authenticated:
        return redirect_to_login(back)
    if getattr(request, "limited", False):
        return _too_many(request)
    withdraw = request.POST.get("accion") == "retirar"
    try:
        if withdraw:
            services.support_withdraw(actor=acting_user(request), proposal=proposal)
        else:
            services.support_add(actor=acting_user(request), proposal=proposal)
    except ValidationError as error:
        context = {
            "title": _("No se registró"),
            "message": " ".join(error.messages),
            "status": 400,
            "back": back,
        }
        return render(request, "error.html", context, status=400)
    messages.success(request, _("Retiraste tu apoyo.") if withdraw else _("Gracias por tu apoyo."))
    return redirect(back)


@require_http_methods(["POST"])
def moderate(request: HttpRequest, slug: str, consultation: str, proposal_id: int) -> HttpResponse:
    exercise = exercise_selectors.exercise_get(slug=slug)
    found = selectors.consultation_get(exercise=exercise, slug=consultation)
    proposal = selectors.proposal_get(consultation=found, proposal_id=proposal_id)
    if denied := authorize(
        request,
        "participation.moderate",
        exercise,
        _("Solo la moderación del ejercicio oculta o restaura propuestas."),
    ):
        return denied
    form = ReasonForm(request.POST)
    hide = request.POST.get("accion") == "ocultar"
    back = f"/ejercicios/{slug}/consultas/{consultation}/propuestas/{proposal.pk}/"
    return save_form(
        request,
        form,
        lambda: services.proposal_moderate(
            actor=acting_user(request),
            proposal=proposal,
            hide=hide,
            reason=form.cleaned_data["reason"],
        ),
        back,
        "exercises/form.html",
        {"exercise": exercise, "title": _("Moderación")},
    )


@require_http_methods(["GET", "POST"])
def respond(request: HttpRequest, slug: str, consultation: str, proposal_id: int) -> HttpResponse:
    exercise = exercise_selectors.exercise_get(slug=slug)
    found = selectors.consultation_get(exercise=exercise, slug=consultation)
    proposal = selectors.proposal_get(consultation=found, proposal_id=proposal_id)
    if denied := authorize(request, MANAGE, exercise):
        return denied
    form = ResponseForm(
        request.POST or None,
        consultation=found,
        initial={"status": proposal.status, "response": proposal.response},
    )
    back = f"/ejercicios/{slug}/consultas/{consultation}/propuestas/{proposal.pk}/"

    def save() -> Any:
        return services.proposal_respond(
            actor=acting_user(request), proposal=proposal, **form.cleaned_data
        )

    return save_form(
        request,
        form,
        save,
        back,
        "exercises/form.html",
        {"exercise": exercise, "title": _("Respuesta razonada")},
    )


def systematization(request: HttpRequest, slug: str, consultation: str) -> HttpResponse:
    exercise = exercise_selectors.exercise_get(slug=slug)
    found = selectors.consultation_get(exercise=exercise, slug=consultation)
    context = {
        "exercise": exercise,
        "consultation": found,
        "figures": selectors.participation_figures(consultation=found),
        "ranking": selectors.ranking(consultation=found),
        "place_ranking": selectors.ranking(consultation=found, per_axis=3, by="place"),
        "axes": selectors.by_axis(consultation=found)[:50],
        "places": paginate(request, selectors.by_place(consultation=found)),
        "problems": selectors.problem_list(consultation=found),
        "can_manage": request.user.has_perm(MANAGE, exercise),
    }
    return render(request, "participation/systematization.html", context)


def problem_detail(
    request: HttpRequest, slug: str, consultation: str, problem_id: int
) -> HttpResponse:
    exercise, found, problem = _problem(slug, consultation, problem_id)
    proposals = (
        found.proposals.filter(problem=problem, is_hidden=False)
        .only("id", "title", "support_count")
        .order_by("-support_count", "-id")
    )
    context = {
        "exercise": exercise,
        "consultation": found,
        "problem": problem,
        "page": paginate(request, proposals),
        "can_manage": request.user.has_perm(MANAGE, exercise),
    }
    return render(request, "participation/problem_detail.html", context)


def _problem(slug: str, consultation: str, problem_id: int) -> tuple[Any, Consultation, Problem]:
    """The exercise, consultation and problem an address names (404 if any is missing)."""
    exercise = exercise_selectors.exercise_get(slug=slug)
    found = selectors.consultation_get(exercise=exercise, slug=consultation)
    return exercise, found, selectors.problem_get(consultation=found, problem_id=problem_id)


def _problem_url(slug: str, consultation: str, problem_id: int) -> str:
    return f"/ejercicios/{slug}/consultas/{consultation}/problematicas/{problem_id}/"


@require_http_methods(["GET", "POST"])
def problem_edit(
    request: HttpRequest, slug: str, consultation: str, problem_id: int | None = None
) -> HttpResponse:
    exercise = exercise_selectors.exercise_get(slug=slug)
    found = selectors.consultation_get(exercise=exercise, slug=consultation)
    problem = (
        selectors.problem_get(consultation=found, problem_id=problem_id)
        if problem_id
        else Problem(consultation=found)
    )
    if denied := authorize(request, MANAGE, exercise):
        return denied
    form = ProblemForm(request.POST or None, instance=problem, consultation=found)

    def save() -> Problem:
        fields = {k: form.cleaned_data[k] for k in ("title", "description", "axis")}
        return services.problem_save(
            actor=acting_user(request),
            problem=problem,
            fields=fields,
            commitments=form.cleaned_data["commitments"],
        )

    return save_form(
        request,
        form,
        save,
        lambda saved: _problem_url(slug, consultation, saved.pk),
        "exercises/form.html",
        {"exercise": exercise, "title": _("Problemática identificada")},
    )


@require_http_methods(["GET", "POST"])
def problem_group(
    request: HttpRequest, slug: str, consultation: str, problem_id: int
) -> HttpResponse:
    exercise, _found, problem = _problem(slug, consultation, problem_id)
    if denied := authorize(request, MANAGE, exercise):
        return denied
    form = GroupForm(request.POST or None)
    return save_form(
        request,
        form,
        lambda: services.proposals_group(
            actor=acting_user(request), problem=problem, proposal_ids=form.cleaned_data["proposals"]
        ),
        _problem_url(slug, consultation, problem.pk),
        "exercises/form.html",
        {"exercise": exercise, "title": _("Agrupar propuestas en la problemática")},
    )


@require_http_methods(["GET", "POST"])
def working_table_edit(
    request: HttpRequest, slug: str, consultation: str, problem_id: int
) -> HttpResponse:
    exercise, _found, problem = _problem(slug, consultation, problem_id)
    if denied := authorize(request, MANAGE, exercise):
        return denied
    table = WorkingTable(problem=problem)
    form = WorkingTableForm(request.POST or None, instance=table)

    def save() -> WorkingTable:
        fields = {k: v for k, v in form.cleaned_data.items() if k != "organizations"}
        return services.working_table_save(
            actor=acting_user(request),
            table=table,
            fields=fields,
            organizations=form.cleaned_data["organizations"],
        )

    return save_form(
        request,
        form,
        save,
        _problem_url(slug, consultation, problem.pk),
        "exercises/form.html",
        {"exercise": exercise, "title": _("Mesa de trabajo")},
    )


def results(request: HttpRequest, slug: str, consultation: str, fmt: str) -> StreamingHttpResponse:
    exercise = exercise_selectors.exercise_get(slug=slug)
    found = selectors.consultation_get(exercise=exercise, slug=consultation)
    if fmt not in ("csv", "json"):
        raise Http404
    body = exports.results_csv(found) if fmt == "csv" else exports.results_json(found)
    kind = "text/csv; charset=utf-8" if fmt == "csv" else "application/json"
    response = StreamingHttpResponse(body, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="resultados-{found.slug}.{fmt}"'
    return response


def _comment_target(request: HttpRequest, kind: str, slug: str, number: str, item: int) -> Any:
    """The proposal (`kind` "propuesta") or commitment commented on, visible to this reader."""
    exercise = exercise_selectors.exercise_get(slug=slug)
    if kind == "propuesta":
        found = selectors.consultation_get(exercise=exercise, slug=number)
        return exercise, selectors.proposal_get(consultation=found, proposal_id=item)
    if kind != "compromiso" or not number.isdigit():
        raise Http404
    plan = plan_selectors.plan_visible(user=request.user, exercise_slug=slug, number=int(number))
    return exercise, plan_selectors.commitment_visible(user=request.user, plan=plan, number=item)


@ratelimit(key="user_or_ip", rate="20/h", method="POST", block=False)
@require_http_methods(["POST"])
def comment_post(
    request: HttpRequest, kind: str, slug: str, number: str, item: int
) -> HttpResponse:
    _exercise, target = _comment_target(request, kind, slug, number, item)
    back = request.POST.get("volver", "")
    back = back if back.startswith("/ejercicios/") else "/"
    if not request.user.is_authenticated:
        return redirect_to_login(back)
    if getattr(request, "limited", False):
        return _too_many(request)
    form = CommentForm(request.POST)
    parent = None
    if request.POST.get("respuesta_a", "").isdigit():
        parent = selectors.comment_get(target=target, comment_id=int(request.POST["respuesta_a"]))
    try:
        if not form.is_valid():
            raise ValidationError([e for errors in form.errors.values() for e in errors])
        services.comment_add(
            actor=acting_user(request), target=target, parent=parent, **form.cleaned_data
        )
    except ValidationError as error:
        context = {
            "title": _("No se publicó el comentario"),
            "message": " ".join(error.messages),
            "status": 400,
            "back": back,
        }
        return render(request, "error.html", context, status=400)
    messages.success(request, _("Tu comentario se publicó."))
    return redirect(back + "#comentarios")


@require_http_methods(["POST"])
def comment_moderate(
    request: HttpRequest, kind: str, slug: str, number: str, item: int, comment_id: int
) -> HttpResponse:
    exercise, target = _comment_target(request, kind, slug, number, item)
    comment = selectors.comment_get(target=target, comment_id=comment_id)
    if denied := authorize(
        request,
        "participation.moderate",
        exercise,
        _("Solo la moderación del ejercicio oculta o restaura comentarios."),
    ):
        return denied
    form = ReasonForm(request.POST)
    back = request.POST.get("volver", "")
    back = back if back.startswith("/ejercicios/") else "/"
    hide = request.POST.get("accion") == "ocultar"
    return save_form(
        request,
        form,
        lambda: services.comment_moderate(
            actor=acting_user(request),
            comment=comment,
            hide=hide,
            reason=form.cleaned_data["reason"],
        ),
        back + "#comentarios",
        "exercises/form.html",
        {"exercise": exercise, "title": _("Moderación")},
    )


@require_http_methods(["GET", "POST"])
def suggestions(request: HttpRequest, slug: str, consultation: str) -> HttpResponse:
    """Groups of similar proposals the platform suggests; a person confirms or changes each."""
    exercise = exercise_selectors.exercise_get(slug=slug)
    found = selectors.consultation_get(exercise=exercise, slug=consultation)
    if denied := authorize(request, MANAGE, exercise):
        return denied
    if request.method == "POST":
        ids = [int(v) for v in request.POST.getlist("propuestas") if v.isdigit()]
        try:
            problem = services.problem_from_group(
                actor=acting_user(request),
                consultation=found,
                title=request.POST.get("titulo", ""),
                proposal_ids=ids,
            )
        except ValidationError as error:
            context = {
                "title": _("No se creó la problemática"),
                "message": " ".join(error.messages),
                "status": 400,
                "back": request.path,
            }
            return render(request, "error.html", context, status=400)
        messages.success(request, _("Se creó la problemática con %s propuestas.") % len(ids))
        return redirect(f"/ejercicios/{slug}/consultas/{consultation}/problematicas/{problem.pk}/")
    context = {
        "exercise": exercise,
        "consultation": found,
        "groups": suggest_groups(consultation=found),
    }
    return render(request, "participation/suggestions.html", context)


@require_http_methods(["GET", "POST"])
def proposal_edit(
    request: HttpRequest, slug: str, consultation: str, proposal_id: int
) -> HttpResponse:
    """The author edits their proposal within the consultation's edit window."""
    exercise = exercise_selectors.exercise_get(slug=slug)
    found = selectors.consultation_get(exercise=exercise, slug=consultation)
    proposal = selectors.proposal_get(consultation=found, proposal_id=proposal_id)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if proposal.author_id != request.user.pk:
        raise PermissionDenied(_("Solo quien escribió la propuesta la edita."))
    form = ProposalForm(request.POST or None, instance=proposal, consultation=found)
    back = f"/ejercicios/{slug}/consultas/{consultation}/propuestas/{proposal.pk}/"
    return save_form(
        request,
        form,
        lambda: services.proposal_edit(
            actor=acting_user(request), proposal=proposal, fields=model_fields(form)
        ),
        back,
        "exercises/form.html",
        {"exercise": exercise, "title": _("Editar mi propuesta")},
    )


@ratelimit(key="user_or_ip", rate="20/h", method="POST", block=False)
@require_http_methods(["POST"])
def flag(request: HttpRequest, slug: str, consultation: str, proposal_id: int) -> HttpResponse:
    """A participant reports an abusive proposal to the moderators."""
    exercise = exercise_selectors.exercise_get(slug=slug)
    found = selectors.consultation_get(exercise=exercise, slug=consultation)
    proposal = selectors.proposal_get(consultation=found, proposal_id=proposal_id)
    back = f"/ejercicios/{slug}/consultas/{consultation}/propuestas/{proposal.pk}/"
    if not request.user.is_authenticated:
        return redirect_to_login(back)
    if getattr(request, "limited", False):
        return _too_many(request)
    try:
        services.proposal_flag(
            actor=acting_user(request),
            proposal=proposal,
            reason=request.POST.get("reason", "")[:300],
        )
    except ValidationError as error:
        context = {
            "title": _("No se envió el reporte"),
            "message": " ".join(error.messages),
            "status": 400,
            "back": back,
        }
        return render(request, "error.html", context, status=400)
    messages.success(request, _("Gracias: la moderación revisará la propuesta."))
    return redirect(back)
