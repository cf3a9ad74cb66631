"""Pages of contributions on a bill's text: an article with its contributions and the form to
make one, the process's list, a contribution with its comments and the committee's answer,
supports, reports and moderation (and its queue)."""

from collections.abc import Callable
from typing import Any, NamedTuple, TypeVar, cast

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_ratelimit.decorators import ratelimit

from cocrea.core.actors import acting_user
from cocrea.core.editing import attach_errors, authorize
from cocrea.core.models import User
from cocrea.core.params import id_param
from cocrea.core.view_helpers import found_or_404
from cocrea.lawmaking import contribution_selectors as reads
from cocrea.lawmaking import contribution_services as services
from cocrea.lawmaking import selectors
from cocrea.lawmaking.contribution_forms import (
    AnswerForm,
    CommentForm,
    ContributionForm,
    ModerateForm,
)
from cocrea.lawmaking.models import (
    AnswerStatus,
    Contribution,
    ContributionComment,
    LegislativeProcess,
    ProcessKind,
    TextUnit,
    TextVersion,
)

CONTRIBUTE = "lawmaking.contribute"
MANAGE = "lawmaking.manage_process"
MODERATE = "lawmaking.moderate"
View = TypeVar("View", bound=Callable[..., HttpResponse])


def limited(rate: str, group: str | None = None) -> Callable[[View], View]:
    """Citizens' writes per account (or address): counted on POST (per view, or per `group`
    of views), answered with a 429 page."""
    decorator = ratelimit(group=group, key="user_or_ip", rate=rate, method="POST", block=False)
    return cast("Callable[[View], View]", decorator)


def _error(request: HttpRequest, title: str, message: str, back: str, status: int) -> HttpResponse:
    context = {"title": title, "message": message, "status": status, "back": back}
    return render(request, "error.html", context, status=status)


def _too_many(request: HttpRequest, back: str) -> HttpResponse:
    message = _("Espera unos minutos y vuelve a intentarlo.")
    return _error(request, _("Demasiadas solicitudes"), message, back, 429)


def _process(process_slug: str) -> LegislativeProcess:
    return found_or_404(
        selectors.process_get(slug=process_slug), _("Ese proceso legislativo no existe.")
    )


class UnitAt(NamedTuple):
    process: LegislativeProcess
    version: TextVersion
    unit: TextUnit


def _current_unit(request: HttpRequest, process_slug: str, unit_key: str) -> UnitAt | HttpResponse:
    """The unit `unit_key` in the latest published version, or a 404 page saying so."""
    process = _process(process_slug)
    version = selectors.latest_version(process=process)
    unit = selectors.unit_get(version=version, key=unit_key) if version else None
    if version is None or unit is None:
        title = _("Esa parte del texto no existe")
        message = _("El texto vigente de este proceso no tiene la parte «%s».") % unit_key
        return _error(request, title, message, process.get_absolute_url(), 404)
    unit.version = version
    return UnitAt(process, version, unit)


def _unit_url(process: LegislativeProcess, key: str) -> str:
    return reverse("lawmaking:unit_detail", args=[process.slug, key])


def _why_not(request: HttpRequest, process: LegislativeProcess) -> tuple[str, int] | None:
    """Why this person cannot contribute now, and the status to answer a POST with; None if
    they can."""
    refusal = services.phase_refusal(process, _("hacer aportaciones"))
    if refusal is None and request.user.has_perm(CONTRIBUTE, process):
        return None
    if not request.user.is_authenticated:
        return _("Entra con tu cuenta para hacer aportaciones."), 403
    if refusal:
        return refusal, 400
    unverified = _(
        "Este proceso pide una cuenta con el correo verificado: verifica tu correo en «Mi "
        "cuenta» para hacer aportaciones."
    )
    return unverified, 403


@require_GET
def unit_detail(request: HttpRequest, process_slug: str, unit_key: str) -> HttpResponse:
    at = _current_unit(request, process_slug, unit_key)
    if isinstance(at, HttpResponse):
        return at
    process, version, unit = at
    why_not = _why_not(request, process)
    form = None if why_not else ContributionForm(unit=unit, initial={"version": version.number})
    context = {
        "process": process,
        "exercise": process.exercise,
        "version": version,
        "unit": unit,
        "paragraphs": unit.paragraphs,
        "versions": reads.unit_versions(process=process, key=unit.key),
        "page": reads.unit_contributions(request=request, process=process, unit_key=unit.key),
        "why_not": why_not[0] if why_not else "",
        "form": form,
        "reform": _reform(process, version, unit),
    }
    return render(request, "lawmaking/unit_detail.html", context)


def _reform(process: LegislativeProcess, version: TextVersion, unit: TextUnit) -> dict[str, Any]:
    """For a reform, the same part of the law in force, to read beside the proposal."""
    if process.kind != ProcessKind.REFORM or version.is_current_law:
        return {}
    return {"in_force": selectors.law_in_force_unit(process=process, key=unit.key)}


def _posted_unit(at: UnitAt, number: int | None) -> TextUnit:
    """The unit the form was drawn from: the current one, or the same key in the older version
    named by the form (the service refuses it, saying a new version came out)."""
    if number is None or number == at.version.number:
        return at.unit
    old = selectors.version_get(process=at.process, number=number)
    unit = selectors.unit_get(version=old, key=at.unit.key) if old else None
    if unit is None or old is None:
        return at.unit
    unit.version = old
    return unit


@limited("10/h")
@require_http_methods(["GET", "POST"])
def contribution_new(request: HttpRequest, process_slug: str, unit_key: str) -> HttpResponse:
    at = _current_unit(request, process_slug, unit_key)
    if isinstance(at, HttpResponse):
        return at
    back = _unit_url(at.process, at.unit.key)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if getattr(request, "limited", False):
        return _too_many(request, back)
    if why_not := _why_not(request, at.process):
        status = why_not[1] if request.method == "POST" or why_not[1] == 403 else 200
        return _error(request, _("No puedes hacer aportaciones ahora"), why_not[0], back, status)
    data = None
    if request.method == "POST":
        data = request.POST.copy()
        data["version"] = str(at.version.number)  # shown again, the form is of the current text
    paragraph = id_param(request.GET.get("parrafo", ""))
    initial = {"version": at.version.number, "paragraph": paragraph}
    form = ContributionForm(data, unit=at.unit, initial=initial)
    if data is not None and form.is_valid():
        try:
            contribution = services.contribution_submit(
                actor=acting_user(request),
                process=at.process,
                unit=_posted_unit(at, id_param(request.POST.get("version", ""))),
                **{k: v for k, v in form.cleaned_data.items() if k != "version"},
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Tu aportación se publicó."))
            return redirect(contribution.get_absolute_url())
    context = {
        "process": at.process,
        "exercise": at.process.exercise,
        "version": at.version,
        "unit": at.unit,
        "paragraphs": at.unit.paragraphs,
        "form": form,
    }
    status = 400 if data is not None else 200
    return render(request, "lawmaking/contribution_form.html", context, status=status)


@require_GET
def contribution_list(request: HttpRequest, process_slug: str) -> HttpResponse:
    process = _process(process_slug)
    filters = reads.ListFilters.of(request.GET)
    version = selectors.latest_version(process=process)
    figures = selectors.answer_figures(process=process)
    page = reads.contribution_list(
        request=request, process=process, filters=filters, total=figures["total"]
    )
    context = {
        "process": process,
        "exercise": process.exercise,
        "filters": filters,
        "statuses": AnswerStatus.choices,
        "units": reads.contributable_units(version=version) if version else [],
        "figures": figures,
        "page": page,
    }
    return render(request, "lawmaking/contribution_list.html", context)


class ContributionAt(NamedTuple):
    process: LegislativeProcess
    contribution: Contribution
    url: str


def _contribution(process_slug: str, contribution_id: int) -> ContributionAt:
    process = _process(process_slug)
    contribution = reads.contribution_get(process=process, contribution_id=contribution_id)
    url = reverse("lawmaking:contribution_detail", args=[process.slug, contribution.pk])
    return ContributionAt(process, contribution, url)


def _detail(
    request: HttpRequest, at: ContributionAt, status: int = 200, **forms: Any
) -> HttpResponse:
    """The contribution's page; `forms` replaces the blank ones with a form sent with errors."""
    process, contribution = at.process, at.contribution
    can_moderate = request.user.has_perm(MODERATE, process)
    can_answer = request.user.has_perm(MANAGE, process)
    why_not = _why_not(request, process)
    can_take_part = why_not is None and not contribution.is_hidden
    context = {
        "process": process,
        "exercise": process.exercise,
        "contribution": contribution,
        "unit_url": _unit_url(process, contribution.unit_key),
        "comments": reads.comments_of(
            request=request, contribution=contribution, with_hidden=can_moderate
        ),
        "supported": can_take_part and reads.supports(user=request.user, contribution=contribution),
        "can_take_part": can_take_part,
        "why_not": why_not[0] if why_not else "",
        "can_moderate": can_moderate,
        "pending_flags": reads.pending_flags(contribution=contribution) if can_moderate else 0,
        "comment_form": forms.get("comment_form") or CommentForm(),
        "answer_form": forms.get("answer_form") or _answer_form(contribution, can_answer),
    }
    return render(request, "lawmaking/contribution_detail.html", context, status=status)


def _answer_form(contribution: Contribution, can_answer: bool) -> AnswerForm | None:
    """For the committee: the answer form, starting from the answer given, if any."""
    if not can_answer:
        return None
    versions = selectors.published_versions(process=contribution.process)
    initial: dict[str, Any] = {}
    if contribution.status != AnswerStatus.PENDING:
        initial = {
            "status": contribution.status,
            "answer": contribution.answer,
            "incorporated_in": contribution.incorporated_in_id,
        }
    return AnswerForm(versions=versions.only("number", "label"), initial=initial)


@require_GET
def contribution_detail(
    request: HttpRequest, process_slug: str, contribution_id: int
) -> HttpResponse:
    return _detail(request, _contribution(process_slug, contribution_id))


def _act(
    request: HttpRequest,
    at: ContributionAt,
    write: Callable[[User], object],
    done: str,
    failed: str,
    anchor: str = "",
) -> HttpResponse:
    """A citizen's one-click write on a contribution (support, withdraw, report): sign in
    first; a refusal says why (a repeat is only a notice)."""
    if not request.user.is_authenticated:
        return redirect_to_login(at.url)
    if getattr(request, "limited", False):
        return _too_many(request, at.url)
    try:
        write(acting_user(request))
    except ValidationError as error:
        code = getattr(error, "code", None)
        if code == "repeat":
            messages.info(request, " ".join(error.messages))
            return redirect(at.url + anchor)
        status = 403 if code == "unverified" else 400
        return _error(request, failed, " ".join(error.messages), at.url, status)
    messages.success(request, done)
    return redirect(at.url + anchor)


def _support_button(
    write: Callable[..., object], done: Promise, failed: Promise
) -> Callable[..., HttpResponse]:
    """The button that supports a contribution, or withdraws the support: `write(actor=…,
    contribution=…)`; both count in one limit."""

    @limited("60/h", "lawmaking-supports")
    @require_POST
    def view(request: HttpRequest, process_slug: str, contribution_id: int) -> HttpResponse:
        at = _contribution(process_slug, contribution_id)
        return _act(
            request,
            at,
            lambda actor: write(actor=actor, contribution=at.contribution),
            str(done),
            str(failed),
        )

    return view


contribution_support = _support_button(
    services.support_add,
    gettext_lazy("Apoyaste esta aportación."),
    gettext_lazy("No se registró tu apoyo"),
)
contribution_unsupport = _support_button(
    services.support_withdraw,
    gettext_lazy("Retiraste tu apoyo."),
    gettext_lazy("No se retiró tu apoyo"),
)


@limited("20/h")
@require_POST
def comment_add(request: HttpRequest, process_slug: str, contribution_id: int) -> HttpResponse:
    at = _contribution(process_slug, contribution_id)
    if not request.user.is_authenticated:
        return redirect_to_login(at.url)
    if getattr(request, "limited", False):
        return _too_many(request, at.url)
    form = CommentForm(request.POST)
    if not form.is_valid():
        return _detail(request, at, 400, comment_form=form)
    return _act(
        request,
        at,
        lambda actor: services.comment_add(
            actor=actor, contribution=at.contribution, body=form.cleaned_data["body"]
        ),
        _("Tu comentario se publicó."),
        _("No se publicó el comentario"),
        "#comentarios",
    )


@limited("200/h")
@require_POST
def contribution_answer(
    request: HttpRequest, process_slug: str, contribution_id: int
) -> HttpResponse:
    """The committee's answer, at any phase; the author and supporters are told."""
    at = _contribution(process_slug, contribution_id)
    denied = _("Solo la comisión del proceso responde a las aportaciones.")
    if refused := authorize(request, MANAGE, at.process, denied):
        return refused
    if getattr(request, "limited", False):
        return _too_many(request, at.url)
    form = AnswerForm(request.POST, versions=selectors.published_versions(process=at.process))
    if form.is_valid():
        try:
            services.contribution_answer(
                actor=acting_user(request), contribution=at.contribution, **form.cleaned_data
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("La respuesta se publicó."))
            return redirect(at.url + "#respuesta")
    return _detail(request, at, 400, answer_form=form)


@limited("20/h")
@require_POST
def contribution_flag(
    request: HttpRequest, process_slug: str, contribution_id: int
) -> HttpResponse:
    at = _contribution(process_slug, contribution_id)
    reason = request.POST.get("reason", "")[:300]
    return _act(
        request,
        at,
        lambda actor: services.contribution_flag(
            actor=actor, contribution=at.contribution, reason=reason
        ),
        _("Gracias: la moderación revisará la aportación."),
        _("No se envió el reporte"),
    )


@limited("20/h")
@require_POST
def comment_flag(request: HttpRequest, process_slug: str, comment_id: int) -> HttpResponse:
    process = _process(process_slug)
    comment = reads.comment_get(process=process, comment_id=comment_id)
    at = ContributionAt(process, comment.contribution, comment.contribution.get_absolute_url())
    reason = request.POST.get("reason", "")[:300]
    return _act(
        request,
        at,
        lambda actor: services.comment_flag(actor=actor, comment=comment, reason=reason),
        _("Gracias: la moderación revisará el comentario."),
        _("No se envió el reporte"),
        "#comentarios",
    )


def _moderate(
    request: HttpRequest,
    process: LegislativeProcess,
    back: str,
    write: Callable[[User, str, str], Contribution | ContributionComment],
) -> HttpResponse:
    """Hides, restores or dismisses the reports of a record, always with a reason; back to the
    queue when it came from there."""
    denied = _("Solo la moderación del proceso oculta o restaura aportaciones y comentarios.")
    if refused := authorize(request, MODERATE, process, denied):
        return refused
    queue = reverse("lawmaking:moderation_queue", args=[process.slug])
    if request.POST.get("volver") == queue:
        back = queue
    form = ModerateForm(request.POST)
    if not form.is_valid():
        message = " ".join(
            f"{form.fields[name].label}: {error}"
            for name, errors in form.errors.items()
            for error in errors
        )
        return _error(request, _("No se aplicó la moderación"), message, back, 400)
    try:
        write(acting_user(request), form.cleaned_data["action"], form.cleaned_data["reason"])
    except ValidationError as error:
        message = " ".join(error.messages)
        return _error(request, _("No se aplicó la moderación"), message, back, 400)
    messages.success(request, _("La moderación se aplicó."))
    return redirect(back)


@require_POST
def contribution_moderate(
    request: HttpRequest, process_slug: str, contribution_id: int
) -> HttpResponse:
    at = _contribution(process_slug, contribution_id)
    return _moderate(
        request,
        at.process,
        at.url,
        lambda actor, action, reason: services.contribution_moderate(
            actor=actor, contribution=at.contribution, action=action, reason=reason
        ),
    )


@require_POST
def comment_moderate(request: HttpRequest, process_slug: str, comment_id: int) -> HttpResponse:
    process = _process(process_slug)
    comment = reads.comment_get(process=process, comment_id=comment_id)
    back = comment.contribution.get_absolute_url() + "#comentarios"
    return _moderate(
        request,
        process,
        back,
        lambda actor, action, reason: services.comment_moderate(
            actor=actor, comment=comment, action=action, reason=reason
        ),
    )


@require_GET
def moderation_queue(request: HttpRequest, process_slug: str) -> HttpResponse:
    process = _process(process_slug)
    denied = _("Solo la moderación del proceso revisa los reportes.")
    if refused := authorize(request, MODERATE, process, denied):
        return refused
    context = {
        "process": process,
        "exercise": process.exercise,
        "page": reads.moderation_queue(request=request, process=process),
    }
    return render(request, "lawmaking/moderation_queue.html", context)
