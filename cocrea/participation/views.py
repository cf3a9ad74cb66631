"""Consultation pages: proposals, supports, moderation and reasoned answers."""

from collections.abc import Callable
from functools import partial
from typing import Any, Generic, NamedTuple, TypeVar

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods
from django_ratelimit.decorators import ratelimit

from cocrea.core.actors import acting_user
from cocrea.core.editing import authorize, edit_view, existing_or_new, parent, saves
from cocrea.core.forms import AxisMoveForm, AxisNameForm, AxisRetireForm, model_fields
from cocrea.core.history import history_page
from cocrea.core.models import User
from cocrea.core.pagination import paginate
from cocrea.exercises import selectors as exercise_selectors
from cocrea.exercises.models import Exercise
from cocrea.participation import exports, selectors, services
from cocrea.participation.dates import moment_label
from cocrea.participation.forms import (
    CommentForm,
    ConsultationForm,
    GroupForm,
    ProblemForm,
    ProposalForm,
    QueueActionForm,
    ReasonForm,
    ResponseForm,
)
from cocrea.participation.models import (
    Axis,
    Comment,
    Consultation,
    Problem,
    Proposal,
)
from cocrea.participation.suggestions import suggest_groups
from cocrea.plans import selectors as plan_selectors

MANAGE = "participation.manage_consultation"
MODERATE = "participation.moderate"
M = TypeVar("M")


def _too_many(request: HttpRequest) -> HttpResponse:
    context = {
        "title": _("Demasiadas solicitudes"),
        "message": _("Espera unos minutos y vuelve a intentarlo."),
        "status": 429,
    }
    return render(request, "error.html", context, status=429)


def _proposal_url(exercise_slug: str, consultation_slug: str, proposal_id: int) -> str:
    return reverse(
        "participation:proposal_detail", args=[exercise_slug, consultation_slug, proposal_id]
    )


def consultation_list(request: HttpRequest, exercise_slug: str) -> HttpResponse:
    exercise = exercise_selectors.exercise_get(slug=exercise_slug)
    context = {
        "exercise": exercise,
        "page": paginate(request, selectors.consultation_list(exercise=exercise)),
        "can_manage": request.user.has_perm(MANAGE, exercise),
    }
    return render(request, "participation/consultation_list.html", context)


def _dates(consultation: Consultation, exercise: Exercise) -> dict[str, Any]:
    """Whether the consultation takes part now and, if not, whether it closed or is yet to open,
    with its dates in the exercise's time."""
    now = timezone.now()
    return {
        "is_open": consultation.is_open(now),
        "is_closed": now >= consultation.closes_at,
        "opens_label": moment_label(consultation.opens_at, exercise),
        "closes_label": moment_label(consultation.closes_at, exercise),
    }


class InConsultation(NamedTuple, Generic[M]):
    """What an address under a consultation names: its exercise, itself, and the record edited."""

    exercise: Exercise
    consultation: Consultation
    record: M


def _exercise(request: HttpRequest, exercise_slug: str) -> Exercise:
    return exercise_selectors.exercise_get(slug=exercise_slug)


_consultation_to_edit = existing_or_new(
    _exercise,
    "consultation_slug",
    lambda exercise, slug: selectors.consultation_get(exercise=exercise, slug=slug),
    lambda exercise: Consultation(exercise=exercise),
)


consultation_edit = edit_view(
    load=_consultation_to_edit,
    permission=MANAGE,
    form=ConsultationForm,
    form_kwargs=lambda request, target: {"instance": target.record, "exercise": target.parent},
    save=saves(services.consultation_save, "consultation"),
    success_url=lambda target, saved: reverse(
        "participation:consultation_detail", args=[target.parent.slug, saved.slug]
    ),
    title=gettext_lazy("Consulta pública"),
    exercise=parent,
)


def consultation_detail(
    request: HttpRequest, exercise_slug: str, consultation_slug: str
) -> HttpResponse:
    exercise = exercise_selectors.exercise_get(slug=exercise_slug)
    consultation = selectors.consultation_get(exercise=exercise, slug=consultation_slug)
    order = request.GET.get("orden", "apoyos")
    axis = request.GET.get("eje", "")
    q = request.GET.get("q", "")[:200]
    proposals = selectors.proposal_list(
        consultation=consultation, order=order, axis=int(axis) if axis.isdigit() else None, q=q
    )
    unfiltered = not q.strip() and not axis
    more = False
    if unfiltered:
        count = selectors.visible_proposal_count(consultation=consultation)
    else:  # a search counts up to a cap: nobody pages past the first thousand matches
        count, more = selectors.capped_count(proposals)
    page = paginate(request, proposals, count=count, deferred=True, exact=not more)
    context = {
        "exercise": exercise,
        "consultation": consultation,
        "page": page,
        "order": order,
        "q": q,
        "axis": axis,
        "axes": selectors.offered_axes(consultation=consultation),
        "more": more,
        "can_manage": request.user.has_perm(MANAGE, exercise),
        "can_moderate": request.user.has_perm(MODERATE, exercise),
        **_dates(consultation, exercise),
        "supported": selectors.supported_ids(user=request.user, proposals=list(page.object_list)),
    }
    return render(request, "participation/consultation_detail.html", context)


def proposal_detail(
    request: HttpRequest, exercise_slug: str, consultation_slug: str, proposal_id: int
) -> HttpResponse:
    exercise = exercise_selectors.exercise_get(slug=exercise_slug)
    consultation = selectors.consultation_get(exercise=exercise, slug=consultation_slug)
    proposal = selectors.proposal_get(consultation=consultation, proposal_id=proposal_id)
    # Its last ten versions (a proposal changes little); the page's `pagina` pages the comments.
    _page, entries = history_page(request, Proposal.history.filter(id=proposal.pk), per_page=10)
    context = {
        "exercise": exercise,
        "consultation": consultation,
        "proposal": proposal,
        **_dates(consultation, exercise),
        "supported": bool(selectors.supported_ids(user=request.user, proposals=[proposal])),
        "can_moderate": request.user.has_perm("participation.moderate", exercise),
        "can_respond": request.user.has_perm(MANAGE, exercise),
        "can_edit": selectors.author_may_edit(user=request.user, proposal=proposal),
        "flags": proposal.flags.filter(reviewed_at=None).count()
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
        "comment_container": consultation_slug,
        "comment_item": proposal.pk,
        "comment_url": _proposal_url(exercise_slug, consultation_slug, proposal.pk),
    }
    return render(request, "participation/proposal_detail.html", context)


def _consultation(
    request: HttpRequest, exercise_slug: str, consultation_slug: str
) -> InConsultation[None]:
    exercise = exercise_selectors.exercise_get(slug=exercise_slug)
    consultation = selectors.consultation_get(exercise=exercise, slug=consultation_slug)
    return InConsultation(exercise, consultation, None)


def _proposal(
    request: HttpRequest, exercise_slug: str, consultation_slug: str, proposal_id: int
) -> InConsultation[Proposal]:
    at = _consultation(request, exercise_slug, consultation_slug)
    proposal = selectors.proposal_get(consultation=at.consultation, proposal_id=proposal_id)
    return InConsultation(at.exercise, at.consultation, proposal)


def _at_proposal(at: InConsultation[Any], proposal: Proposal) -> str:
    return _proposal_url(at.exercise.slug, at.consultation.slug, proposal.pk)


def _back_to_proposal(at: InConsultation[Proposal], saved: object) -> str:
    return _at_proposal(at, at.record)


def _exercise_of(at: "InConsultation[Any] | _CommentAt | _QueueAt") -> Exercise:
    """The exercise a page under a consultation (or a comment) belongs to: its permissions."""
    return at.exercise


def _not_too_many(request: HttpRequest, at: object) -> HttpResponse | None:
    return _too_many(request) if getattr(request, "limited", False) else None


def _closed(request: HttpRequest, at: InConsultation[Any]) -> HttpResponse | None:
    """Outside its dates a consultation shows no form: only that it closed (or opens) and when,
    in the exercise's time."""
    consultation = at.consultation
    if consultation.is_open():
        return None
    when = moment_label(consultation.closes_at, at.exercise)
    if timezone.now() < consultation.opens_at:
        title = _("La consulta aún no abre")
        message = _("La consulta abre el %s.") % moment_label(consultation.opens_at, at.exercise)
    else:
        title, message = _("La consulta cerró"), _("La consulta cerró el %s.") % when
    context = {
        "title": title,
        "message": message,
        "status": 400,
        "back": consultation.get_absolute_url(),
        "exercise": at.exercise,
    }
    return render(request, "error.html", context, status=400 if request.method == "POST" else 200)


def _may_propose(request: HttpRequest, at: InConsultation[Any]) -> HttpResponse | None:
    return _not_too_many(request, at) or _closed(request, at)


proposal_create = ratelimit(key="user_or_ip", rate="10/h", method="POST", block=False)(
    ratelimit(key="ip", rate="30/h", method="POST", block=False)(
        edit_view(
            load=_consultation,
            permission=None,
            check=_may_propose,
            form=ProposalForm,
            form_kwargs=lambda request, at: {"consultation": at.consultation},
            save=lambda actor, at, form: services.proposal_submit(
                actor=actor, consultation=at.consultation, **model_fields(form)
            ),
            success_url=_at_proposal,
            title=gettext_lazy("Nueva propuesta"),
            exercise=_exercise_of,
        )
    )
)


@ratelimit(key="user_or_ip", rate="60/m", method="POST", block=False)
@ratelimit(key="ip", rate="300/m", method="POST", block=False)
@require_http_methods(["POST"])
def support(
    request: HttpRequest, exercise_slug: str, consultation_slug: str, proposal_id: int
) -> HttpResponse:
    proposal = selectors.proposal_by_address(
        exercise_slug=exercise_slug, consultation_slug=consultation_slug, proposal_id=proposal_id
    )
    back = _proposal_url(exercise_slug, consultation_slug, proposal.pk)
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


# The pages that act on a proposal, back to it once saved.
_proposal_page = partial(
    edit_view,
    load=_proposal,
    success_url=_back_to_proposal,
    exercise=_exercise_of,
)


moderate = _proposal_page(
    permission="participation.moderate",
    permission_object=_exercise_of,
    denied=gettext_lazy("Solo la moderación del ejercicio oculta o restaura propuestas."),
    form=ReasonForm,
    save=lambda actor, at, form: services.proposal_moderate(
        actor=actor,
        proposal=at.record,
        hide=form.data.get("accion") == "ocultar",
        reason=form.cleaned_data["reason"],
    ),
    title=gettext_lazy("Moderación"),
    methods=["POST"],
)


respond = _proposal_page(
    permission=MANAGE,
    permission_object=_exercise_of,
    form=ResponseForm,
    form_kwargs=lambda request, at: {
        "consultation": at.consultation,
        "initial": {
            "status": at.record.status,
            "response": at.record.response,
            "problem": at.record.problem_id,
            "commitment": at.record.commitment_id,
            "milestone": at.record.milestone_id,
        },
    },
    save=lambda actor, at, form: services.proposal_respond(
        actor=actor, proposal=at.record, **form.cleaned_data
    ),
    title=gettext_lazy("Respuesta razonada"),
)


def systematization(
    request: HttpRequest, exercise_slug: str, consultation_slug: str
) -> HttpResponse:
    exercise = exercise_selectors.exercise_get(slug=exercise_slug)
    consultation = selectors.consultation_get(exercise=exercise, slug=consultation_slug)
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


def problem_detail(
    request: HttpRequest, exercise_slug: str, consultation_slug: str, problem_id: int
) -> HttpResponse:
    exercise, consultation, problem = _problem(exercise_slug, consultation_slug, problem_id)
    proposals = (
        consultation.proposals.filter(problem=problem, is_hidden=False)
        .only("id", "title", "support_count")
        .order_by("-support_count", "-id")
    )
    context = {
        "exercise": exercise,
        "consultation": consultation,
        "problem": problem,
        "page": paginate(request, proposals),
        "can_manage": request.user.has_perm(MANAGE, exercise),
    }
    return render(request, "participation/problem_detail.html", context)


def _problem(
    exercise_slug: str, consultation_slug: str, problem_id: int
) -> tuple[Any, Consultation, Problem]:
    """The exercise, consultation and problem an address names (404 if any is missing)."""
    exercise = exercise_selectors.exercise_get(slug=exercise_slug)
    consultation = selectors.consultation_get(exercise=exercise, slug=consultation_slug)
    return (
        exercise,
        consultation,
        selectors.problem_get(consultation=consultation, problem_id=problem_id),
    )


def _problem_url(exercise_slug: str, consultation_slug: str, problem_id: int) -> str:
    return reverse(
        "participation:problem_detail", args=[exercise_slug, consultation_slug, problem_id]
    )


def _problem_to_edit(
    request: HttpRequest, exercise_slug: str, consultation_slug: str, problem_id: int | None = None
) -> InConsultation[Problem]:
    at = _consultation(request, exercise_slug, consultation_slug)
    problem = (
        selectors.problem_get(consultation=at.consultation, problem_id=problem_id)
        if problem_id
        else Problem(consultation=at.consultation)
    )
    return InConsultation(at.exercise, at.consultation, problem)


def _at_problem(at: InConsultation[Any], problem: Problem) -> str:
    return _problem_url(at.exercise.slug, at.consultation.slug, problem.pk)


def _back_to_problem(at: InConsultation[Problem], saved: object) -> str:
    return _at_problem(at, at.record)


problem_edit = edit_view(
    load=_problem_to_edit,
    permission=MANAGE,
    permission_object=_exercise_of,
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
    success_url=_at_problem,
    title=gettext_lazy("Problemática identificada"),
    exercise=_exercise_of,
)


# The pages that add to a problem, for the exercise's managers, back to it once saved.
_problem_page = partial(
    edit_view,
    load=_problem_to_edit,
    permission=MANAGE,
    permission_object=_exercise_of,
    success_url=_back_to_problem,
    exercise=_exercise_of,
)


problem_group = _problem_page(
    form=GroupForm,
    save=lambda actor, at, form: services.proposals_group(
        actor=actor, problem=at.record, proposal_ids=form.cleaned_data["proposals"]
    ),
    title=gettext_lazy("Agrupar propuestas en la problemática"),
)


def results(
    request: HttpRequest, exercise_slug: str, consultation_slug: str, fmt: str
) -> StreamingHttpResponse:
    exercise = exercise_selectors.exercise_get(slug=exercise_slug)
    consultation = selectors.consultation_get(exercise=exercise, slug=consultation_slug)
    if fmt not in ("csv", "json"):
        raise Http404
    body = exports.results_csv(consultation) if fmt == "csv" else exports.results_json(consultation)
    kind = "text/csv; charset=utf-8" if fmt == "csv" else "application/json"
    response = StreamingHttpResponse(body, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="resultados-{consultation.slug}.{fmt}"'
    return response


def _comment_target(
    request: HttpRequest, kind: str, exercise_slug: str, container: str, item: int
) -> Any:
    """The proposal (`kind` "propuesta") or commitment commented on, visible to this reader."""
    exercise = exercise_selectors.exercise_get(slug=exercise_slug)
    if kind == "propuesta":
        consultation = selectors.consultation_get(exercise=exercise, slug=container)
        return exercise, selectors.proposal_get(consultation=consultation, proposal_id=item)
    if kind != "compromiso" or not container.isdigit():
        raise Http404
    plan = plan_selectors.plan_visible(
        user=request.user, exercise_slug=exercise_slug, number=int(container)
    )
    return exercise, plan_selectors.commitment_visible(user=request.user, plan=plan, number=item)


@ratelimit(key="user_or_ip", rate="20/h", method="POST", block=False)
@require_http_methods(["POST"])
def comment_post(
    request: HttpRequest, kind: str, exercise_slug: str, container: str, item: int
) -> HttpResponse:
    _exercise, target = _comment_target(request, kind, exercise_slug, container, item)
    back = request.POST.get("volver", "")
    back = back if back.startswith("/ejercicios/") else reverse("pages:home")
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


class _CommentAt(NamedTuple):
    exercise: Exercise
    comment: Comment
    back: str


def _comment(
    request: HttpRequest, kind: str, exercise_slug: str, container: str, item: int, comment_id: int
) -> _CommentAt:
    exercise, target = _comment_target(request, kind, exercise_slug, container, item)
    comment = selectors.comment_get(target=target, comment_id=comment_id)
    back = request.POST.get("volver", "")
    back = back if back.startswith("/ejercicios/") else reverse("pages:home")
    return _CommentAt(exercise, comment, back)


comment_moderate = edit_view(
    load=_comment,
    permission="participation.moderate",
    permission_object=_exercise_of,
    denied=gettext_lazy("Solo la moderación del ejercicio oculta o restaura comentarios."),
    form=ReasonForm,
    save=lambda actor, at, form: services.comment_moderate(
        actor=actor,
        comment=at.comment,
        hide=form.data.get("accion") == "ocultar",
        reason=form.cleaned_data["reason"],
    ),
    success_url=lambda at, saved: at.back + "#comentarios",
    title=gettext_lazy("Moderación"),
    exercise=_exercise_of,
    methods=["POST"],
)


@require_http_methods(["GET", "POST"])
def suggestions(request: HttpRequest, exercise_slug: str, consultation_slug: str) -> HttpResponse:
    """Groups of similar proposals the platform suggests; a person confirms or changes each."""
    exercise = exercise_selectors.exercise_get(slug=exercise_slug)
    consultation = selectors.consultation_get(exercise=exercise, slug=consultation_slug)
    if denied := authorize(request, MANAGE, exercise):
        return denied
    if request.method == "POST":
        ids = [int(v) for v in request.POST.getlist("propuestas") if v.isdigit()]
        try:
            problem = services.problem_from_group(
                actor=acting_user(request),
                consultation=consultation,
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


def _own_proposal(request: HttpRequest, at: InConsultation[Proposal]) -> HttpResponse | None:
    """The author edits their proposal within the consultation's edit window (and dates)."""
    if at.record.author_id != request.user.pk:
        raise PermissionDenied(_("Solo quien escribió la propuesta la edita."))
    return _closed(request, at)


proposal_edit = _proposal_page(
    permission=None,
    check=_own_proposal,
    form=ProposalForm,
    form_kwargs=lambda request, at: {"instance": at.record, "consultation": at.consultation},
    save=lambda actor, at, form: services.proposal_edit(
        actor=actor, proposal=at.record, **model_fields(form)
    ),
    title=gettext_lazy("Editar mi propuesta"),
)


def _report(
    request: HttpRequest, back: str, report: Callable[[User, str], object], thanks: str
) -> HttpResponse:
    """A participant's report to the moderators; a second one by the same person says so."""
    if not request.user.is_authenticated:
        return redirect_to_login(back)
    if getattr(request, "limited", False):
        return _too_many(request)
    try:
        report(acting_user(request), request.POST.get("reason", "")[:300])
    except ValidationError as error:
        if getattr(error, "code", None) == "repeat":
            messages.info(request, " ".join(error.messages))
            return redirect(back)
        context = {
            "title": _("No se envió el reporte"),
            "message": " ".join(error.messages),
            "status": 400,
            "back": back,
        }
        return render(request, "error.html", context, status=400)
    messages.success(request, thanks)
    return redirect(back)


@ratelimit(key="user_or_ip", rate="20/h", method="POST", block=False)
@require_http_methods(["POST"])
def flag(
    request: HttpRequest, exercise_slug: str, consultation_slug: str, proposal_id: int
) -> HttpResponse:
    """A participant reports an abusive proposal to the moderators."""
    exercise = exercise_selectors.exercise_get(slug=exercise_slug)
    consultation = selectors.consultation_get(exercise=exercise, slug=consultation_slug)
    proposal = selectors.proposal_get(consultation=consultation, proposal_id=proposal_id)
    return _report(
        request,
        _proposal_url(exercise_slug, consultation_slug, proposal.pk),
        lambda actor, reason: services.proposal_flag(actor=actor, proposal=proposal, reason=reason),
        _("Gracias: la moderación revisará la propuesta."),
    )


@ratelimit(key="user_or_ip", rate="20/h", method="POST", block=False)
@require_http_methods(["POST"])
def comment_flag(
    request: HttpRequest, kind: str, exercise_slug: str, container: str, item: int, comment_id: int
) -> HttpResponse:
    """A participant reports an abusive comment to the moderators, from the comment itself."""
    at = _comment(request, kind, exercise_slug, container, item, comment_id)
    return _report(
        request,
        at.back + "#comentarios",
        lambda actor, reason: services.comment_flag(actor=actor, comment=at.comment, reason=reason),
        _("Gracias: la moderación revisará el comentario."),
    )


# The exercise's moderation queue: what participants reported, handled in place.


def _queue_url(exercise: Exercise) -> str:
    return reverse("participation:moderation_queue", args=[exercise.slug])


@require_http_methods(["GET"])
def moderation_queue(request: HttpRequest, exercise_slug: str) -> HttpResponse:
    exercise = exercise_selectors.exercise_get(slug=exercise_slug)
    denied = _("Solo la moderación del ejercicio revisa los reportes.")
    if refused := authorize(request, MODERATE, exercise, denied):
        return refused
    context = {
        "exercise": exercise,
        "page": selectors.moderation_queue(request=request, exercise=exercise),
    }
    return render(request, "participation/moderation_queue.html", context)


class _QueueAt(NamedTuple):
    exercise: Exercise
    record: Proposal | Comment


def _queued(request: HttpRequest, exercise_slug: str, kind: str, item_id: int) -> _QueueAt:
    exercise = exercise_selectors.exercise_get(slug=exercise_slug)
    return _QueueAt(exercise, selectors.flagged_get(exercise=exercise, kind=kind, pk=item_id))


def _handle(actor: User, at: _QueueAt, form: QueueActionForm) -> object:
    """Hides the record with its public reason (its reports become reviewed), or dismisses them."""
    if form.cleaned_data["action"] != "ocultar":
        return services.flags_dismiss(actor=actor, record=at.record)
    reason = form.cleaned_data["reason"]
    if isinstance(at.record, Proposal):
        return services.proposal_moderate(actor=actor, proposal=at.record, hide=True, reason=reason)
    return services.comment_moderate(actor=actor, comment=at.record, hide=True, reason=reason)


moderation_handle = edit_view(
    load=_queued,
    permission=MODERATE,
    permission_object=_exercise_of,
    denied=gettext_lazy("Solo la moderación del ejercicio revisa los reportes."),
    form=QueueActionForm,
    save=_handle,
    success_url=lambda at, saved: _queue_url(at.exercise),
    title=gettext_lazy("Moderación"),
    exercise=_exercise_of,
    methods=["POST"],
)


# The consultation's axes, managed by those who manage the consultation.


def _axis(
    request: HttpRequest, exercise_slug: str, consultation_slug: str, axis_id: int
) -> InConsultation[Axis]:
    at = _consultation(request, exercise_slug, consultation_slug)
    axis = selectors.axis_get(consultation=at.consultation, axis_id=axis_id)
    return InConsultation(at.exercise, at.consultation, axis)


def _axes_url(at: InConsultation[Any], saved: object = None) -> str:
    return reverse("participation:axis_list", args=[at.exercise.slug, at.consultation.slug])


@require_http_methods(["GET"])
def axis_list(request: HttpRequest, exercise_slug: str, consultation_slug: str) -> HttpResponse:
    at = _consultation(request, exercise_slug, consultation_slug)
    if denied := authorize(request, MANAGE, at.exercise):
        return denied
    args = [exercise_slug, consultation_slug]
    rows = [
        {
            "axis": axis,
            "move": reverse("participation:axis_move", args=[*args, axis.pk]),
            "rename": reverse("participation:axis_rename", args=[*args, axis.pk]),
            "retire": reverse("participation:axis_retire", args=[*args, axis.pk]),
        }
        for axis in selectors.axis_list(consultation=at.consultation)
    ]
    context = {
        "title": _("Ejes de la consulta"),
        "exercise": at.exercise,
        "back_url": reverse("participation:consultation_detail", args=args),
        "back_label": at.consultation.title,
        "rows": rows,
        "create_url": reverse("participation:axis_create", args=args),
        "form": AxisNameForm(),
    }
    return render(request, "core/axis_list.html", context)


_axis_page = partial(
    edit_view,
    permission=MANAGE,
    permission_object=_exercise_of,
    success_url=_axes_url,
    exercise=_exercise_of,
)


axis_create = _axis_page(
    load=_consultation,
    form=AxisNameForm,
    save=lambda actor, at, form: services.axis_create(
        actor=actor, consultation=at.consultation, name=form.cleaned_data["name"]
    ),
    title=gettext_lazy("Nuevo eje de la consulta"),
)


axis_rename = _axis_page(
    load=_axis,
    form=AxisNameForm,
    form_kwargs=lambda request, at: {"initial": {"name": at.record.name}},
    save=lambda actor, at, form: services.axis_rename(
        actor=actor, axis=at.record, name=form.cleaned_data["name"]
    ),
    title=gettext_lazy("Cambiar el nombre del eje"),
)


axis_move = _axis_page(
    load=_axis,
    form=AxisMoveForm,
    save=lambda actor, at, form: services.axis_move(
        actor=actor, axis=at.record, position=form.cleaned_data["position"]
    ),
    title=gettext_lazy("Mover el eje"),
    methods=["POST"],
)


axis_retire = _axis_page(
    load=_axis,
    form=AxisRetireForm,
    save=lambda actor, at, form: services.axis_retire(
        actor=actor, axis=at.record, retired=form.retired()
    ),
    title=gettext_lazy("Retirar o restaurar el eje"),
    methods=["POST"],
)
