"""Pages of action plans and commitments, and their editing views.

Drafts (plans in draft, unpublished commitments) answer 404 to whoever may not edit them, so
that their existence is not revealed.
"""

from collections.abc import Iterator
from functools import partial
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    StreamingHttpResponse,
)
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods

from cocrea.core import selectors as core_selectors
from cocrea.core import services as core_services
from cocrea.core.actors import acting_user
from cocrea.core.csvio import csv_stream
from cocrea.core.editing import (
    Target,
    authorize,
    edit_view,
    existing_or_new,
    parent,
    record_instance,
    record_instance_in,
    record_under,
    save_form,
    saves,
)
from cocrea.core.files import file_response
from cocrea.core.forms import (
    NOT_AN_ADMIN_NAMER,
    AxisMoveForm,
    AxisNameForm,
    AxisRetireForm,
    LiaisonForm,
    model_fields,
)
from cocrea.core.fragments import cached_fragment
from cocrea.core.history import exercise_scope, history_page
from cocrea.core.invitations import named_or_invited
from cocrea.core.models import OrganizationRole
from cocrea.core.pagination import choice_labels, paginate
from cocrea.core.queries import or_404
from cocrea.core.services import ImportRejected, RowError
from cocrea.core.view_helpers import axis_list_page
from cocrea.exercises import selectors as exercise_selectors
from cocrea.exercises.models import Exercise
from cocrea.plans import exports, imports, selectors, services, statistics
from cocrea.plans.forms import (
    CommitmentForm,
    EvidenceForm,
    ImportForm,
    MilestoneForm,
    PlanDocumentForm,
    PlanForm,
    PlanStageForm,
    StatusForm,
    WeightsForm,
)
from cocrea.plans.headings import about_commitment, about_milestone, about_plan
from cocrea.plans.models import (
    PILLARS,
    ActionPlan,
    Commitment,
    CommitmentStatus,
    Milestone,
    PlanDocument,
    PlanStage,
    Theme,
)

EDIT_PLAN = "plans.edit_plan"
UPDATE = "plans.update_milestones"
NOT_YOURS = "Solo el secretariado, la coordinación y los enlaces de la institución responsable."


def _plan(request: HttpRequest, exercise_slug: str, plan_number: int) -> ActionPlan:
    return selectors.plan_visible(
        user=request.user, exercise_slug=exercise_slug, number=plan_number
    )


def _commitment(
    request: HttpRequest, exercise_slug: str, plan_number: int, commitment_number: int
) -> Commitment:
    plan = _plan(request, exercise_slug, plan_number)
    return selectors.commitment_visible(user=request.user, plan=plan, number=commitment_number)


def _plan_url(plan: ActionPlan) -> str:
    return plan.get_absolute_url()


def _commitment_url(commitment: Commitment) -> str:
    return commitment.get_absolute_url()


def plan_list(request: HttpRequest, exercise_slug: str) -> HttpResponse:
    exercise = exercise_selectors.exercise_get(slug=exercise_slug)
    can_edit = request.user.has_perm(EDIT_PLAN, exercise)
    page = paginate(request, selectors.plan_list(exercise=exercise, include_drafts=can_edit))
    context = {"exercise": exercise, "page": page, "can_edit": can_edit}
    return render(request, "plans/plan_list.html", context)


def plan_detail(request: HttpRequest, exercise_slug: str, plan_number: int) -> HttpResponse:
    plan = _plan(request, exercise_slug, plan_number)
    can_edit = request.user.has_perm(EDIT_PLAN, plan)
    filters = selectors.CommitmentFilters(
        theme=request.GET.get("tematica", "")[:120],
        pillar=request.GET.get("pilar", ""),
        institution=request.GET.get("institucion", "")[:80],
        status=request.GET.get("estado", ""),
    )

    def table() -> str:
        """The filters and the table: both change only with the plan's content, so they are
        cached together (a renamed theme or institution shows once the cache expires)."""
        commitments = selectors.commitment_list(
            plan=plan, filters=filters, include_unpublished=can_edit
        )
        counts = selectors.commitment_counts(commitments)
        page = paginate(request, commitments, per_page=100, count=counts["total"])
        institutions = selectors.plan_institutions(plan=plan, include_unpublished=can_edit)
        context = {
            "plan": plan,
            "page": page,
            "counts": counts,
            "statuses": choice_labels(CommitmentStatus.choices),
            "filters": filters,
            "themes": Theme.objects.filter(is_active=True).only("name", "slug"),
            "pillars": [(key, label) for key, (_field, label) in PILLARS.items()],
            "status_choices": CommitmentStatus.choices,
            "institutions": institutions,
            # An address may name an institution the list lacks (an old link): keep it chosen.
            "unlisted_institution": filters.institution
            not in {"", *(i.slug for i in institutions)},
        }
        return render_to_string("plans/_commitment_table.html", context, request=request)

    key = ("plan", plan.pk, plan.content_version, can_edit, request.GET.urlencode())
    context = {
        "exercise": plan.exercise,
        "plan": plan,
        "table": cached_fragment(key, table),
        "stages": plan.stages.all(),
        "documents": plan.documents.all(),
        "can_edit": can_edit,
    }
    return render(request, "plans/plan_detail.html", context)


def _exercise(request: HttpRequest, exercise_slug: str) -> Exercise:
    return exercise_selectors.exercise_get(slug=exercise_slug)


_plan_to_edit = existing_or_new(
    _exercise,
    "plan_number",
    lambda exercise, number: selectors.plan_get(exercise=exercise, number=number),
    lambda exercise: ActionPlan(exercise=exercise),
)


plan_edit = edit_view(
    load=_plan_to_edit,
    permission=EDIT_PLAN,
    form=PlanForm,
    form_kwargs=record_instance,
    save=saves(services.plan_save, "plan"),
    success_url=lambda target, saved: _plan_url(saved),
    title=lambda target: about_plan(
        _("Editar el plan de acción") if target.record.pk else _("Nuevo plan de acción"),
        target.record,
    ),
    exercise=parent,
)


_stage = existing_or_new(
    _plan,
    "stage_id",
    lambda plan, pk: or_404(plan.stages.filter(pk=pk).first()),
    lambda plan: PlanStage(plan=plan),
)


plan_stage_edit = edit_view(
    load=_stage,
    permission=EDIT_PLAN,
    form=PlanStageForm,
    form_kwargs=record_instance,
    save=saves(services.plan_stage_save, "stage"),
    success_url=lambda target, saved: _plan_url(target.parent),
    title=lambda target: about_plan(
        _("Editar la etapa del plan") if target.record.pk else _("Nueva etapa del plan"),
        target.parent,
    ),
    exercise=lambda target: target.parent.exercise,
)


plan_document_add = edit_view(
    load=_plan,
    permission=EDIT_PLAN,
    form=PlanDocumentForm,
    form_kwargs=lambda request, plan: {"instance": PlanDocument(plan=plan)},
    multipart=True,
    save=lambda actor, plan, form: services.plan_document_save(
        actor=actor, document=form.instance, **model_fields(form)
    ),
    success_url=lambda plan, saved: _plan_url(plan),
    title=lambda plan: about_plan(_("Nuevo documento del plan"), plan),
    exercise=lambda plan: plan.exercise,
)


def plan_document_file(
    request: HttpRequest, exercise_slug: str, plan_number: int, document_id: int
) -> FileResponse:
    plan = _plan(request, exercise_slug, plan_number)
    document = plan.documents.filter(pk=document_id).first()
    if document is None:
        raise Http404
    return file_response(document.file, f"plan-{plan.number}-documento-{document.pk}.pdf")


def plan_history(request: HttpRequest, exercise_slug: str, plan_number: int) -> HttpResponse:
    plan = _plan(request, exercise_slug, plan_number)
    page, entries = history_page(
        request, ActionPlan.history.filter(id=plan.pk), scope=exercise_scope(plan.exercise)
    )
    context = {"exercise": plan.exercise, "subject": plan, "page": page, "entries": entries}
    return render(request, "core/history.html", context)


def _commitment_to_edit(
    request: HttpRequest,
    exercise_slug: str,
    plan_number: int,
    commitment_number: int | None = None,
) -> Target[ActionPlan, Commitment]:
    plan = _plan(request, exercise_slug, plan_number)
    if commitment_number:
        return Target(plan, _commitment(request, exercise_slug, plan_number, commitment_number))
    return Target(plan, Commitment(plan=plan))


commitment_edit = edit_view(
    load=_commitment_to_edit,
    permission=EDIT_PLAN,
    form=CommitmentForm,
    form_kwargs=record_instance_in("plan"),
    save=lambda actor, target, form: services.commitment_save(
        actor=actor,
        commitment=target.record,
        supporting=form.cleaned_data["supporting_institutions"],
        sdgs=form.cleaned_data["sdgs"],
        axes=form.cleaned_data["axes"],
        **form.scalar_fields(),
    ),
    success_url=lambda target, saved: _commitment_url(saved),
    title=lambda target: about_commitment(
        _("Editar el compromiso") if target.record.pk else _("Nuevo compromiso"), target.record
    ),
    exercise=lambda target: target.parent.exercise,
)


commitment_weights = edit_view(
    load=_commitment,
    permission=EDIT_PLAN,
    form=WeightsForm,
    form_kwargs=lambda request, commitment: {"milestones": list(commitment.milestones.all())},
    save=lambda actor, commitment, form: services.milestone_weights_set(
        actor=actor, commitment=commitment, weights=form.weights()
    ),
    success_url=lambda commitment, saved: _commitment_url(commitment),
    title=lambda commitment: about_commitment(_("Ponderación de los hitos"), commitment, "#hitos"),
    exercise=lambda commitment: commitment.plan.exercise,
)


commitment_status = edit_view(
    load=_commitment,
    permission="plans.override_status",
    denied=gettext_lazy("Solo la coordinación del ejercicio fija el estado de un compromiso."),
    form=StatusForm,
    form_kwargs=lambda request, commitment: {
        "derived": services.commitment_derived_status(commitment=commitment),
        "initial": {
            "status": commitment.status if commitment.status_reason else "",
            "reason": commitment.status_reason,
        },
    },
    save=lambda actor, commitment, form: services.commitment_status_override(
        actor=actor,
        commitment=commitment,
        status=form.cleaned_data["status"],
        reason=form.cleaned_data["reason"],
    ),
    success_url=lambda commitment, saved: _commitment_url(commitment),
    title=lambda commitment: about_commitment(_("Estado del compromiso"), commitment),
    exercise=lambda commitment: commitment.plan.exercise,
)


_milestone = existing_or_new(
    _commitment,
    "milestone_number",
    lambda commitment, number: selectors.milestone_get(commitment=commitment, number=number),
    lambda commitment: Milestone(commitment=commitment),
)


# The pages of a milestone: the lead institution's liaisons may use them too.
_milestone_page = partial(
    edit_view,
    load=_milestone,
    permission=UPDATE,
    denied=gettext_lazy(NOT_YOURS),
    success_url=lambda target, saved: _commitment_url(target.parent),
    exercise=lambda target: target.parent.plan.exercise,
)


milestone_edit = _milestone_page(
    form=MilestoneForm,
    form_kwargs=record_instance,
    save=saves(services.milestone_save, "milestone"),
    title=lambda target: about_milestone(
        _("Actualizar el hito") if target.record.pk else _("Nuevo hito"),
        target.parent,
        target.record,
    ),
)


evidence_add = _milestone_page(
    form=EvidenceForm,
    multipart=True,
    save=saves(services.evidence_add, "milestone"),
    title=lambda target: about_milestone(
        _("Agregar evidencia del hito"), target.parent, target.record
    ),
)


def evidence_file(
    request: HttpRequest,
    exercise_slug: str,
    plan_number: int,
    commitment_number: int,
    evidence_id: int,
) -> FileResponse:
    commitment = _commitment(request, exercise_slug, plan_number, commitment_number)
    evidence = selectors.evidence_get(commitment=commitment, evidence_id=evidence_id)
    name = evidence.file.name or ""
    extension = name.rsplit(".", 1)[-1][:5] if "." in name else "bin"
    return file_response(evidence.file, f"evidencia-{evidence.pk}.{extension}")


def milestone_history(
    request: HttpRequest, exercise_slug: str, plan_number: int, commitment_number: int
) -> HttpResponse:
    commitment = _commitment(request, exercise_slug, plan_number, commitment_number)
    page, entries = history_page(
        request,
        Milestone.history.filter(commitment_id=commitment.pk),
        scope=exercise_scope(commitment.plan.exercise),
    )
    context = {
        "exercise": commitment.plan.exercise,
        "subject": commitment,
        "page": page,
        "entries": entries,
    }
    return render(request, "core/history.html", context)


EXPORTS = {
    "csv": ("text/csv; charset=utf-8", "compromisos.csv"),
    "ogp.csv": ("text/csv; charset=utf-8", "compromisos-ogp.csv"),
    "json": ("application/json", "compromisos.json"),
    "xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "compromisos.xlsx",
    ),
}


def plan_export(
    request: HttpRequest, exercise_slug: str, plan_number: int, fmt: str
) -> HttpResponseBase:
    """The plan's published commitments, streamed; never built whole in memory."""
    plan = _plan(request, exercise_slug, plan_number)
    if fmt not in EXPORTS:
        raise Http404
    content_type, name = EXPORTS[fmt]
    filename = f"{plan.exercise.slug}-plan-{plan.number}-{name}"
    if fmt == "xlsx":
        handle = exports.xlsx_file(exports.COLUMNS, exports.rows(plan))
        return FileResponse(
            handle, as_attachment=True, filename=filename, content_type=content_type
        )
    body = {
        "csv": lambda: csv_stream(exports.COLUMNS, exports.rows(plan)),
        "ogp.csv": lambda: csv_stream(exports.OGP_COLUMNS, exports.ogp_rows(plan)),
        "json": lambda: exports.json_stream(plan),
    }[fmt]()
    response = StreamingHttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_http_methods(["GET", "POST"])
def plan_import(request: HttpRequest, exercise_slug: str, plan_number: int) -> HttpResponseBase:
    plan = _plan(request, exercise_slug, plan_number)
    if denied := authorize(request, EDIT_PLAN, plan):
        return denied
    form = ImportForm(request.POST or None, request.FILES or None)
    errors: list[RowError] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > settings.IMPORT_STREAM_BYTES:
            steps = imports.commitments_import_steps(
                actor=acting_user(request), plan=plan, stream=upload, filename=upload.name
            )
            return StreamingHttpResponse(_import_progress(request, plan, steps))
        try:
            count = imports.commitments_import(
                actor=acting_user(request), plan=plan, stream=upload, filename=upload.name
            )
        except ImportRejected as rejected:
            errors = rejected.errors
        else:
            messages.success(
                request,
                ngettext(
                    "Importación completa: %(n)s compromiso.",
                    "Importación completa: %(n)s compromisos.",
                    count,
                )
                % {"n": count},
            )
            return redirect(_plan_url(plan))
    status = 400 if request.method == "POST" else 200
    context = {
        "exercise": plan.exercise,
        "plan": plan,
        "form": form,
        "errors": errors[:500],
        "error_count": len(errors),
    }
    return render(request, "plans/plan_import.html", context, status=status)


def _statistics(request: HttpRequest, commitments: Any, context: dict[str, Any]) -> HttpResponse:
    context |= {
        "stats": statistics.commitment_statistics(commitments),
        "page": paginate(request, statistics.by_institution(commitments)),
    }
    return render(request, "plans/statistics.html", context)


def plan_statistics(request: HttpRequest, exercise_slug: str, plan_number: int) -> HttpResponse:
    plan = _plan(request, exercise_slug, plan_number)
    scope = statistics.public_commitments(plan=plan)
    return _statistics(request, scope, {"exercise": plan.exercise, "scope": plan.name})


def exercise_statistics(request: HttpRequest, exercise_slug: str) -> HttpResponse:
    exercise = exercise_selectors.exercise_get(slug=exercise_slug)
    scope = statistics.public_commitments(plan__exercise=exercise)
    return _statistics(request, scope, {"exercise": exercise, "scope": exercise.name})


def national_statistics(request: HttpRequest) -> HttpResponse:
    return _statistics(request, statistics.public_commitments(), {"scope": _("todo el país")})


def _import_progress(
    request: HttpRequest, plan: ActionPlan, steps: Iterator[imports.Progress]
) -> Iterator[str]:
    """A page written as a long import runs: works without JavaScript, line by line."""
    context = {"exercise": plan.exercise, "plan": plan}
    head, tail = render_to_string(
        "plans/plan_import_progress.html", context, request=request
    ).split("<!--progress-->")
    yield head
    try:
        for step in steps:
            yield render_to_string("plans/_import_step.html", {"step": step, "plan": plan})
    except ImportRejected as rejected:
        errors = {"errors": rejected.errors[:500], "error_count": len(rejected.errors)}
        yield render_to_string("includes/import_errors.html", errors)
    yield tail


# The plan's axes, managed by those who edit the plan.


def _axes_url(plan: ActionPlan) -> str:
    return reverse("plans:plan_axis_list", args=[plan.exercise.slug, plan.number])


@require_http_methods(["GET"])
def plan_axis_list(request: HttpRequest, exercise_slug: str, plan_number: int) -> HttpResponse:
    plan = _plan(request, exercise_slug, plan_number)
    if denied := authorize(request, EDIT_PLAN, plan):
        return denied
    return axis_list_page(
        request,
        names="plans:plan_axis",
        args=[exercise_slug, plan_number],
        axes=selectors.plan_axis_list(plan=plan),
        title=_("Ejes del plan"),
        exercise=plan.exercise,
        back_url=_plan_url(plan),
        back_label=plan.name,
    )


_plan_axis = record_under(
    _plan, "axis_id", lambda plan, pk: selectors.plan_axis_get(plan=plan, axis_id=pk)
)

_plan_axis_page = partial(
    edit_view,
    load=_plan_axis,
    permission=EDIT_PLAN,
    success_url=lambda target, saved: _axes_url(target.parent),
    exercise=lambda target: target.parent.exercise,
)


plan_axis_create = edit_view(
    load=_plan,
    permission=EDIT_PLAN,
    form=AxisNameForm,
    save=lambda actor, plan, form: services.plan_axis_create(
        actor=actor, plan=plan, name=form.cleaned_data["name"]
    ),
    success_url=lambda plan, saved: _axes_url(plan),
    title=lambda plan: about_plan(_("Nuevo eje del plan"), plan, _axes_url(plan)),
    exercise=lambda plan: plan.exercise,
)


plan_axis_rename = _plan_axis_page(
    form=AxisNameForm,
    form_kwargs=lambda request, target: {"initial": {"name": target.record.name}},
    save=lambda actor, target, form: services.plan_axis_rename(
        actor=actor, axis=target.record, name=form.cleaned_data["name"]
    ),
    title=lambda target: about_plan(
        _("Cambiar el nombre del eje «%(axis)s»") % {"axis": target.record.name},
        target.parent,
        _axes_url(target.parent),
    ),
)


plan_axis_move = _plan_axis_page(
    form=AxisMoveForm,
    save=lambda actor, target, form: services.plan_axis_move(
        actor=actor, axis=target.record, position=form.cleaned_data["position"]
    ),
    title=lambda target: about_plan(
        _("Mover el eje «%(axis)s»") % {"axis": target.record.name},
        target.parent,
        _axes_url(target.parent),
    ),
    methods=["POST"],
)


plan_axis_retire = _plan_axis_page(
    form=AxisRetireForm,
    save=lambda actor, target, form: services.plan_axis_retire(
        actor=actor, axis=target.record, retired=form.retired()
    ),
    title=lambda target: about_plan(
        _("Retirar o restaurar el eje «%(axis)s»") % {"axis": target.record.name},
        target.parent,
        _axes_url(target.parent),
    ),
    methods=["POST"],
)


LIAISONS = "plans.manage_liaisons"
NOT_A_MANAGER = gettext_lazy(
    "Solo la administración de la plataforma, la de la institución y la coordinación de un "
    "ejercicio con compromisos de esta institución nombran a sus enlaces."
)


@require_http_methods(["GET", "POST"])
def organization_liaisons(request: HttpRequest, organization_slug: str) -> HttpResponse:
    """Names an institution's liaisons by the e-mail of their (existing, verified) accounts."""
    organization = core_selectors.organization_get(slug=organization_slug)
    if denied := authorize(request, LIAISONS, organization, str(NOT_A_MANAGER)):
        return denied
    may_name_admins = request.user.has_perm("plans.name_institution_admins", organization)
    form = LiaisonForm(request.POST or None, may_name_admins=may_name_admins)

    def name() -> object:
        actor = acting_user(request)
        email, role = str(form.cleaned_data["email"]), str(form.cleaned_data["role"])
        return named_or_invited(
            actor=actor,
            email=email,
            purpose=_("%(role)s de %(organization)s")
            % {"role": OrganizationRole(role).label.lower(), "organization": organization.name},
            name=lambda: core_services.liaison_name(
                actor=actor, organization=organization, email=email, role=role
            ),
        )

    context = {
        "organization": organization,
        "page": paginate(request, core_selectors.liaison_list(organization=organization)),
        "title": _("Enlaces y administración de la institución"),
    }
    url = reverse("plans:organization_liaisons", args=[organization_slug])
    return save_form(request, form, name, url, "plans/liaisons.html", context)


@require_http_methods(["POST"])
def organization_liaison_revoke(
    request: HttpRequest, organization_slug: str, membership_id: int
) -> HttpResponse:
    organization = core_selectors.organization_get(slug=organization_slug)
    if denied := authorize(request, LIAISONS, organization, str(NOT_A_MANAGER)):
        return denied
    membership = core_selectors.liaison_get(organization=organization, membership_id=membership_id)
    if membership.role == OrganizationRole.ADMIN and not request.user.has_perm(
        "plans.name_institution_admins", organization
    ):
        raise PermissionDenied(NOT_AN_ADMIN_NAMER)
    core_services.liaison_revoke(actor=acting_user(request), membership=membership)
    messages.success(request, _("El rol se retiró."))
    return redirect("plans:organization_liaisons", organization_slug=organization_slug)
