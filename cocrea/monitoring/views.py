"""Progress reports, their validation by civil society, and the shadow-report figures."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    StreamingHttpResponse,
)
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods

from cocrea.core import capabilities
from cocrea.core import selectors as core_selectors
from cocrea.core.actors import acting_user
from cocrea.core.charts import Chart
from cocrea.core.csvio import csv_stream
from cocrea.core.editing import (
    Target,
    authorize,
    edit_view,
    parent,
    record_under,
    save_form,
)
from cocrea.core.forms import model_fields
from cocrea.core.fragments import cached_fragment
from cocrea.core.headings import FormTitle
from cocrea.core.pagination import paginate
from cocrea.exercises import selectors as exercise_selectors
from cocrea.exercises.models import Exercise
from cocrea.exercises.selectors import national_version
from cocrea.monitoring import dashboard, pdf, selectors, services, standards
from cocrea.monitoring.consistency import DISPUTE_ANSWER_DAYS, DUE_SOON_DAYS, RULES
from cocrea.monitoring.forms import (
    AnswerForm,
    AssessmentForm,
    AttestationForm,
    NotificationSettingsForm,
    ReportForm,
    ReviewForm,
)
from cocrea.monitoring.models import (
    Assessment,
    NotificationSettings,
    ProgressReport,
)
from cocrea.monitoring.rules import is_civil_society_member
from cocrea.plans import selectors as plan_selectors
from cocrea.plans.headings import about_commitment
from cocrea.plans.models import ActionPlan, Commitment

NOT_LEAD = "Solo los enlaces de la institución responsable reportan el avance de este compromiso."
NOT_ASSESSOR = "Solo quienes tienen el rol de evaluación en este ejercicio evalúan compromisos."
NOT_CIVIL = (
    "Solo las personas de la sociedad civil en el secretariado validan o cuestionan reportes."
)


def _visible_commitment(
    request: HttpRequest, exercise_slug: str, plan_number: int, commitment_number: int
) -> Commitment:
    plan = plan_selectors.plan_visible(
        user=request.user, exercise_slug=exercise_slug, number=plan_number
    )
    return plan_selectors.commitment_visible(user=request.user, plan=plan, number=commitment_number)


@require_http_methods(["GET", "POST"])
def report_create(
    request: HttpRequest,
    exercise_slug: str,
    plan_number: int,
    commitment_number: int,
    corrected_report_id: int | None = None,
) -> HttpResponse:
    commitment = _visible_commitment(request, exercise_slug, plan_number, commitment_number)
    if denied := authorize(request, "monitoring.file_report", commitment, _(NOT_LEAD)):
        return denied
    original = (
        selectors.report_get(commitment=commitment, report_id=corrected_report_id)
        if corrected_report_id
        else None
    )
    form = ReportForm(
        request.POST or None,
        request.FILES or None,
        milestones=list(commitment.milestones.order_by("number")),
    )

    def save() -> ProgressReport:
        return services.report_file(
            actor=acting_user(request),
            commitment=commitment,
            organization=commitment.lead_institution,  # a report speaks for the lead institution
            reported_on=form.cleaned_data["reported_on"],
            narrative=form.cleaned_data["narrative"],
            progress=form.progress(),
            links=form.links(),
            files=form.evidence_files(),
            not_done=form.not_done(),
            corrects=original,
        )

    title = _("Corrección del reporte") if original else _("Reporte de avance")
    about = about_commitment(title, commitment, "#reportes")
    context = {
        "exercise": commitment.plan.exercise,
        "title": title,
        "subject": about.subject,
        "breadcrumbs": about.breadcrumbs,
        "cancel_url": about.cancel_url,
        "multipart": True,
    }
    return save_form(request, form, save, commitment.get_absolute_url(), "core/form.html", context)


_report = record_under(
    _visible_commitment,
    "report_id",
    lambda commitment, pk: selectors.report_get(commitment=commitment, report_id=pk),
)


def _civil_society_only(request: HttpRequest, target: Target[Commitment, ProgressReport]) -> None:
    if not is_civil_society_member.test(request.user, target.parent):
        # A validation is civil society's own voice: not even a platform admin gives it.
        raise PermissionDenied(_(NOT_CIVIL))


review_create = edit_view(
    load=_report,
    permission="monitoring.review_report",
    denied=gettext_lazy(NOT_CIVIL),
    check=_civil_society_only,
    form=ReviewForm,
    save=lambda actor, target, form: services.review_add(
        actor=actor,
        report=target.record,
        verdict=form.cleaned_data["verdict"],
        note=form.cleaned_data["note"],
        organization=None,
    ),
    success_url=lambda target, saved: target.parent.get_absolute_url(),
    title=lambda target: about_commitment(
        _("Validar o cuestionar el reporte del %(date)s")
        % {"date": target.record.reported_on.isoformat()},
        target.parent,
        "#reportes",
    ),
    exercise=lambda target: target.parent.plan.exercise,
)


_review = record_under(
    _visible_commitment,
    "review_id",
    lambda commitment, pk: selectors.review_get(commitment=commitment, review_id=pk),
)


review_answer = edit_view(
    load=_review,
    permission="monitoring.answer_review",
    denied=gettext_lazy(NOT_LEAD),
    form=AnswerForm,
    save=lambda actor, target, form: services.review_answer(
        actor=actor, review=target.record, answer=form.cleaned_data["answer"]
    ),
    success_url=lambda target, saved: target.parent.get_absolute_url(),
    title=lambda target: about_commitment(
        _("Responder al cuestionamiento"), target.parent, "#reportes"
    ),
    exercise=lambda target: target.parent.plan.exercise,
)


def _shadow(
    request: HttpRequest, commitments: Any, plans: Any, context: dict[str, Any]
) -> HttpResponse:
    """The figures and drill-down, cached under the content versions of the plans in scope.

    Every change that moves a figure (a milestone, a report, a finding opened or resolved, the
    nightly checks) bumps its plan's version, so a cached answer is never out of date.
    """
    if request.GET.get("formato") == "pdf":
        return _shadow_pdf(commitments, context)

    def body() -> str:
        inner = {
            "figures": selectors.shadow_figures(commitments),
            "page": paginate(request, selectors.shadow_drilldown(commitments)),
            "rules": RULES,
        }
        return render_to_string("monitoring/_shadow_body.html", inner, request=request)

    version = plan_selectors.content_version_of(plans=plans)
    key = ("shadow", context["scope"], version, request.GET.get("pagina", ""))
    return render(
        request, "monitoring/shadow_report.html", context | {"body": cached_fragment(key, body)}
    )


def _shadow_pdf(commitments: Any, context: dict[str, Any]) -> HttpResponse:
    figures = selectors.shadow_figures(commitments)
    title = _("Informe sombra: %s") % context["scope"]
    if "exercise" not in context:  # the nation: one row per exercise, never every commitment
        header = [_("Ejercicio"), _("Vigentes"), _("Actualizados"), _("Con inconsistencias")]
        rows = [[str(v) for v in row] for row in selectors.shadow_by_exercise(commitments)]
    else:
        header = [
            _("Compromiso"),
            _("Institución"),
            _("Información actualizada"),
            _("Inconsistencias abiertas"),
        ]
        rows = [
            _pdf_row(c) for c in selectors.shadow_drilldown(commitments).iterator(chunk_size=500)
        ]
    content = pdf.shadow_pdf(title, figures, rows, header)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="informe-sombra.pdf"'
    return response


def _pdf_row(c: Commitment) -> list[str]:
    findings = "; ".join(f"{f.rule} {RULES[f.rule].title}" for f in c.open_findings) or "—"  # type: ignore[attr-defined]
    stale = _("no") if c.is_stale else _("sí")  # type: ignore[attr-defined]
    return [
        escape(f"{c.plan.name} · {c.number}. {c.title}"),
        escape(c.lead_institution.name),
        stale,
        escape(findings),
    ]


def plan_shadow(request: HttpRequest, exercise_slug: str, plan_number: int) -> HttpResponse:
    plan = plan_selectors.plan_visible(
        user=request.user, exercise_slug=exercise_slug, number=plan_number
    )
    scope = selectors.current_commitments(plan=plan)
    plans = ActionPlan.objects.filter(pk=plan.pk)
    return _shadow(request, scope, plans, {"exercise": plan.exercise, "scope": plan.name})


def exercise_shadow(request: HttpRequest, exercise_slug: str) -> HttpResponse:
    exercise = exercise_selectors.exercise_get(slug=exercise_slug)
    scope = selectors.current_commitments(plan__exercise=exercise)
    plans = ActionPlan.objects.filter(exercise=exercise)
    context = {
        "exercise": exercise,
        "scope": exercise.name,
        "can_watch": request.user.has_perm(WATCH, exercise),
    }
    return _shadow(request, scope, plans, context)


def national_shadow(request: HttpRequest) -> HttpResponse:
    scope, plans = selectors.current_commitments(), ActionPlan.objects.all()
    return _shadow(request, scope, plans, {"scope": _("todo el país")})


def rules_catalogue(request: HttpRequest) -> HttpResponse:
    return render(request, "monitoring/rules.html", {"rules": RULES.values()})


assessment_edit = edit_view(
    load=_visible_commitment,
    permission="monitoring.assess",
    denied=gettext_lazy(NOT_ASSESSOR),
    form=AssessmentForm,
    form_kwargs=lambda request, commitment: {
        "instance": Assessment.objects.filter(commitment=commitment).first()
        or Assessment(commitment=commitment)
    },
    save=lambda actor, commitment, form: services.assessment_save(
        actor=actor, commitment=commitment, **model_fields(form)
    ),
    success_url=lambda commitment, saved: commitment.get_absolute_url(),
    title=lambda commitment: about_commitment(
        _("Evaluación del compromiso (estilo MRI)"), commitment
    ),
    exercise=lambda commitment: commitment.plan.exercise,
)


def plan_assessments(request: HttpRequest, exercise_slug: str, plan_number: int) -> HttpResponse:
    plan = plan_selectors.plan_visible(
        user=request.user, exercise_slug=exercise_slug, number=plan_number
    )
    rows = selectors.assessment_table(plan=plan)
    context = {
        "exercise": plan.exercise,
        "plan": plan,
        "page": paginate(request, rows, per_page=100),
        "summary": selectors.assessment_summary(plan=plan),
    }
    return render(request, "monitoring/assessments.html", context)


def _charts(commitments: Any, national: bool) -> list[Chart]:
    """The commitments' charts; the nation's page adds those other capabilities declare."""
    charts = dashboard.commitment_charts(commitments)
    return [*charts, *capabilities.national_charts()] if national else charts


def _dashboard(
    request: HttpRequest, commitments: Any, version: object, context: dict[str, Any]
) -> HttpResponseBase:
    """Charts with their tables; `?csv=<chart>` downloads one chart's table."""
    wanted = request.GET.get("csv", "")
    national = bool(context.get("national"))
    if wanted:
        chart = next((c for c in _charts(commitments, national) if c.key == wanted), None)
        if chart is None:
            raise Http404
        rows = csv_stream(list(chart.columns), ([label, value] for label, value in chart.rows))
        response = StreamingHttpResponse(rows, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="tablero-{chart.key}.csv"'
        return response

    def body() -> str:
        inner: dict[str, Any] = {"charts": _charts(commitments, national)}
        if national:  # figures of the whole programme, on the national page only
            inner["national"] = dashboard.national_figures()
        return render_to_string("monitoring/_dashboard_body.html", inner, request=request)

    key = ("dashboard", context["scope"], version)
    return render(
        request, "monitoring/dashboard.html", context | {"body": cached_fragment(key, body)}
    )


def national_dashboard(request: HttpRequest) -> HttpResponseBase:
    version = plan_selectors.content_version_of(plans=ActionPlan.objects.all()), national_version()
    context: dict[str, Any] = {"scope": _("todo el país"), "national": True}
    return _dashboard(request, selectors.current_commitments(), version, context)


def exercise_dashboard(request: HttpRequest, exercise_slug: str) -> HttpResponseBase:
    exercise = exercise_selectors.exercise_get(slug=exercise_slug)
    version = plan_selectors.content_version_of(plans=ActionPlan.objects.filter(exercise=exercise))
    scope = selectors.current_commitments(plan__exercise=exercise)
    return _dashboard(request, scope, version, {"exercise": exercise, "scope": exercise.name})


def plan_dashboard(request: HttpRequest, exercise_slug: str, plan_number: int) -> HttpResponseBase:
    plan = plan_selectors.plan_visible(
        user=request.user, exercise_slug=exercise_slug, number=plan_number
    )
    scope = selectors.current_commitments(plan=plan)
    return _dashboard(
        request, scope, plan.content_version, {"exercise": plan.exercise, "scope": plan.name}
    )


def organization_dashboard(request: HttpRequest, organization_slug: str) -> HttpResponseBase:
    organization = core_selectors.organization_get(slug=organization_slug)
    scope = selectors.current_commitments(lead_institution=organization)
    plans = ActionPlan.objects.filter(commitments__lead_institution=organization).distinct()
    version = plan_selectors.content_version_of(plans=plans)
    return _dashboard(
        request, scope, version, {"organization": organization, "scope": organization.name}
    )


def exercise_standards(request: HttpRequest, exercise_slug: str) -> HttpResponse:
    exercise = exercise_selectors.exercise_get(slug=exercise_slug)
    items = standards.checklist(exercise)
    requirements = standards.requirements(items)
    context = {
        "exercise": exercise,
        "groups": standards.grouped(items),
        "requirements": requirements,
        "requirements_met": sum(1 for r in requirements if r.met),
        "sources": standards.PAGE_SOURCES,
        "can_attest": request.user.has_perm("monitoring.attest_standard", exercise),
    }
    return render(request, "monitoring/standards.html", context)


def _standard(
    request: HttpRequest, exercise_slug: str, standard_code: str
) -> Target[Exercise, str]:
    exercise = exercise_selectors.exercise_get(slug=exercise_slug)
    if standard_code not in standards.ATTESTABLE:
        raise Http404
    return Target(exercise, standard_code)


def _standard_title(target: Target[Exercise, str]) -> FormTitle:
    exercise = target.parent
    standards_url = reverse("monitoring:exercise_standards", args=[exercise.slug])
    return FormTitle(
        _("Atestiguar: %s") % standards.ITEMS[target.record],
        subject=exercise.name,
        breadcrumbs=(
            (reverse("exercises:exercise_detail", args=[exercise.slug]), exercise.name),
            (standards_url, _("Estándares de participación y cocreación")),
        ),
        cancel_url=standards_url,
    )


standard_attest = edit_view(
    load=_standard,
    permission="monitoring.attest_standard",
    denied=gettext_lazy("Solo la coordinación del ejercicio atestigua los estándares."),
    form=AttestationForm,
    save=lambda actor, target, form: services.standard_attest(
        actor=actor, exercise=target.parent, item=target.record, **form.cleaned_data
    ),
    success_url=lambda target, saved: reverse(
        "monitoring:exercise_standards", args=[target.parent.slug]
    ),
    title=_standard_title,
    exercise=parent,
)


WATCH = "monitoring.watch_exercise"
NOT_WATCHER = gettext_lazy(
    "Solo la coordinación y el secretariado del ejercicio ven su vigilancia."
)


@require_http_methods(["GET"])
def exercise_watch(request: HttpRequest, exercise_slug: str) -> HttpResponse:
    """Which time-based rules will fire and when: staleness and milestones due or overdue."""
    exercise = exercise_selectors.exercise_get(slug=exercise_slug)
    if denied := authorize(request, WATCH, exercise, str(NOT_WATCHER)):
        return denied
    lines = selectors.exercise_watch(exercise=exercise)
    context = {
        "exercise": exercise,
        "page": paginate(request, lines),
        "counts": selectors.watch_counts(lines),
        "stale_rule": RULES["ACT-01"],
        "overdue_rule": RULES["HIT-02"],
        "dispute_rule": RULES["VAL-01"],
        "due_soon_days": DUE_SOON_DAYS,
        "dispute_days": DISPUTE_ANSWER_DAYS,
    }
    return render(request, "monitoring/watch.html", context)


@require_http_methods(["POST"])
def exercise_checks_run(request: HttpRequest, exercise_slug: str) -> HttpResponse:
    """Runs the consistency rules for the exercise's commitments now, not waiting for the night."""
    exercise = exercise_selectors.exercise_get(slug=exercise_slug)
    if denied := authorize(request, WATCH, exercise, str(NOT_WATCHER)):
        return denied
    done = services.checks_run_exercise(exercise=exercise)
    messages.success(
        request,
        _("Reglas revisadas: %(opened)s, %(resolved)s, %(open)s.")
        % {
            "opened": ngettext("%(n)d hallazgo nuevo", "%(n)d hallazgos nuevos", done.opened)
            % {"n": done.opened},
            "resolved": ngettext("%(n)d resuelto", "%(n)d resueltos", done.resolved)
            % {"n": done.resolved},
            "open": ngettext("%(n)d abierto", "%(n)d abiertos", done.open) % {"n": done.open},
        },
    )
    return redirect("monitoring:exercise_watch", exercise.slug)


@require_http_methods(["POST"])
def follow(
    request: HttpRequest, exercise_slug: str, plan_number: int, commitment_number: int
) -> HttpResponse:
    commitment = _visible_commitment(request, exercise_slug, plan_number, commitment_number)
    if not request.user.is_authenticated:
        return redirect_to_login(commitment.get_absolute_url())
    following = request.POST.get("seguir") == "1"
    services.follow_set(user=acting_user(request), commitment=commitment, following=following)
    messages.success(
        request,
        _("Ahora sigues este compromiso.")
        if following
        else _("Dejaste de seguir este compromiso."),
    )
    return redirect(commitment.get_absolute_url())


def _notification_form(request: HttpRequest, nothing: None) -> dict[str, Any]:
    user = acting_user(request)
    current = NotificationSettings.objects.filter(user=user).first()
    return {
        "instance": current or NotificationSettings(user=user),
        "initial": {"public_name": user.public_name},
    }


notification_settings = login_required(
    edit_view(
        load=lambda request: None,
        permission=None,
        form=NotificationSettingsForm,
        form_kwargs=_notification_form,
        save=lambda user, nothing, form: services.notification_settings_save(
            user=user,
            followed_changes=form.cleaned_data["followed_changes"],
            weekly_digest=form.cleaned_data["weekly_digest"],
            liaison_alerts=form.cleaned_data["liaison_alerts"],
            public_name=form.cleaned_data["public_name"],
        ),
        success_url=lambda nothing, saved: reverse("monitoring:notification_settings"),
        title=gettext_lazy("Mis avisos y mi nombre público"),
    )
)
