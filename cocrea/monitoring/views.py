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
from django.views.decorators.http import require_http_methods

from cocrea.core import selectors as core_selectors
from cocrea.core.actors import acting_user
from cocrea.core.editing import authorize, save_form
from cocrea.core.fragments import cached_fragment
from cocrea.core.pagination import paginate
from cocrea.exercises import selectors as exercise_selectors
from cocrea.exercises.forms import model_fields
from cocrea.exercises.selectors import national_version
from cocrea.monitoring import dashboard, pdf, selectors, services, standards
from cocrea.monitoring.consistency import RULES
from cocrea.monitoring.forms import (
    AnswerForm,
    AssessmentForm,
    AttestationForm,
    NotificationSettingsForm,
    ReportForm,
    ReviewForm,
)
from cocrea.monitoring.models import Assessment, NotificationSettings, ProgressReport
from cocrea.monitoring.rules import is_civil_society_member
from cocrea.plans import selectors as plan_selectors
from cocrea.plans.exports import csv_stream
from cocrea.plans.models import ActionPlan, Commitment

NOT_LEAD = "Solo los enlaces de la institución responsable reportan el avance de este compromiso."
NOT_ASSESSOR = "Solo quienes tienen el rol de evaluación en este ejercicio evalúan compromisos."
NOT_CIVIL = (
    "Solo las personas de la sociedad civil en el secretariado validan o cuestionan reportes."
)


def _visible_commitment(
    request: HttpRequest, slug: str, number: int, commitment: int
) -> Commitment:
    plan = plan_selectors.plan_visible(user=request.user, exercise_slug=slug, number=number)
    return plan_selectors.commitment_visible(user=request.user, plan=plan, number=commitment)


@require_http_methods(["GET", "POST"])
def report_create(
    request: HttpRequest, slug: str, number: int, commitment: int, corrects: int | None = None
) -> HttpResponse:
    found = _visible_commitment(request, slug, number, commitment)
    if denied := authorize(request, "monitoring.file_report", found, _(NOT_LEAD)):
        return denied
    original = selectors.report_get(commitment=found, report_id=corrects) if corrects else None
    form = ReportForm(request.POST or None, milestones=list(found.milestones.order_by("number")))

    def save() -> ProgressReport:
        return services.report_file(
            actor=acting_user(request),
            commitment=found,
            organization=found.lead_institution,  # a report speaks for the lead institution
            reported_on=form.cleaned_data["reported_on"],
            narrative=form.cleaned_data["narrative"],
            progress=form.progress(),
            links=form.links(),
            corrects=original,
        )

    title = _("Corrección del reporte") if original else _("Reporte de avance")
    context = {"exercise": found.plan.exercise, "title": title}
    return save_form(request, form, save, found.get_absolute_url(), "exercises/form.html", context)


@require_http_methods(["GET", "POST"])
def review_create(
    request: HttpRequest, slug: str, number: int, commitment: int, report_id: int
) -> HttpResponse:
    found = _visible_commitment(request, slug, number, commitment)
    report = selectors.report_get(commitment=found, report_id=report_id)
    if denied := authorize(request, "monitoring.review_report", found, _(NOT_CIVIL)):
        return denied
    if not is_civil_society_member.test(request.user, found):
        # A validation is civil society's own voice: not even a platform admin gives it.
        raise PermissionDenied(_(NOT_CIVIL))
    form = ReviewForm(request.POST or None)

    def save() -> object:
        return services.review_add(
            actor=acting_user(request),
            report=report,
            verdict=form.cleaned_data["verdict"],
            note=form.cleaned_data["note"],
            organization=None,
        )

    context = {"exercise": found.plan.exercise, "title": _("Validar o cuestionar el reporte")}
    return save_form(request, form, save, found.get_absolute_url(), "exercises/form.html", context)


@require_http_methods(["GET", "POST"])
def review_answer(
    request: HttpRequest, slug: str, number: int, commitment: int, review_id: int
) -> HttpResponse:
    found = _visible_commitment(request, slug, number, commitment)
    review = selectors.review_get(commitment=found, review_id=review_id)
    if denied := authorize(request, "monitoring.answer_review", found, _(NOT_LEAD)):
        return denied
    form = AnswerForm(request.POST or None)

    def save() -> object:
        return services.review_answer(
            actor=acting_user(request), review=review, answer=form.cleaned_data["answer"]
        )

    context = {"exercise": found.plan.exercise, "title": _("Responder al cuestionamiento")}
    return save_form(request, form, save, found.get_absolute_url(), "exercises/form.html", context)


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


def plan_shadow(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    plan = plan_selectors.plan_visible(user=request.user, exercise_slug=slug, number=number)
    scope = selectors.current_commitments(plan=plan)
    plans = ActionPlan.objects.filter(pk=plan.pk)
    return _shadow(request, scope, plans, {"exercise": plan.exercise, "scope": plan.name})


def exercise_shadow(request: HttpRequest, slug: str) -> HttpResponse:
    exercise = exercise_selectors.exercise_get(slug=slug)
    scope = selectors.current_commitments(plan__exercise=exercise)
    plans = ActionPlan.objects.filter(exercise=exercise)
    return _shadow(request, scope, plans, {"exercise": exercise, "scope": exercise.name})


def national_shadow(request: HttpRequest) -> HttpResponse:
    scope, plans = selectors.current_commitments(), ActionPlan.objects.all()
    return _shadow(request, scope, plans, {"scope": _("todo el país")})


def rules_catalogue(request: HttpRequest) -> HttpResponse:
    return render(request, "monitoring/rules.html", {"rules": RULES.values()})


@require_http_methods(["GET", "POST"])
def assessment_edit(request: HttpRequest, slug: str, number: int, commitment: int) -> HttpResponse:
    found = _visible_commitment(request, slug, number, commitment)
    if denied := authorize(request, "monitoring.assess", found, _(NOT_ASSESSOR)):
        return denied
    current = Assessment.objects.filter(commitment=found).first()
    form = AssessmentForm(request.POST or None, instance=current or Assessment(commitment=found))

    def save() -> object:
        return services.assessment_save(
            actor=acting_user(request), commitment=found, fields=model_fields(form)
        )

    context = {
        "exercise": found.plan.exercise,
        "title": _("Evaluación del compromiso (estilo MRI)"),
    }
    return save_form(request, form, save, found.get_absolute_url(), "exercises/form.html", context)


def plan_assessments(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    plan = plan_selectors.plan_visible(user=request.user, exercise_slug=slug, number=number)
    rows = selectors.assessment_table(plan=plan)
    context = {
        "exercise": plan.exercise,
        "plan": plan,
        "page": paginate(request, rows, per_page=100),
        "summary": selectors.assessment_summary(plan=plan),
    }
    return render(request, "monitoring/assessments.html", context)


def _dashboard(
    request: HttpRequest, commitments: Any, version: object, context: dict[str, Any]
) -> HttpResponseBase:
    """Charts with their tables; `?csv=<chart>` downloads one chart's table."""
    wanted = request.GET.get("csv", "")
    if wanted:
        chart = next((c for c in dashboard.commitment_charts(commitments) if c.key == wanted), None)
        if chart is None:
            raise Http404
        rows = csv_stream(list(chart.columns), ([label, value] for label, value in chart.rows))
        response = StreamingHttpResponse(rows, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="tablero-{chart.key}.csv"'
        return response

    def body() -> str:
        inner: dict[str, Any] = {"charts": dashboard.commitment_charts(commitments)}
        if context.get("national"):  # figures of the whole programme, on the national page only
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


def exercise_dashboard(request: HttpRequest, slug: str) -> HttpResponseBase:
    exercise = exercise_selectors.exercise_get(slug=slug)
    version = plan_selectors.content_version_of(plans=ActionPlan.objects.filter(exercise=exercise))
    scope = selectors.current_commitments(plan__exercise=exercise)
    return _dashboard(request, scope, version, {"exercise": exercise, "scope": exercise.name})


def plan_dashboard(request: HttpRequest, slug: str, number: int) -> HttpResponseBase:
    plan = plan_selectors.plan_visible(user=request.user, exercise_slug=slug, number=number)
    scope = selectors.current_commitments(plan=plan)
    return _dashboard(
        request, scope, plan.content_version, {"exercise": plan.exercise, "scope": plan.name}
    )


def organization_dashboard(request: HttpRequest, slug: str) -> HttpResponseBase:
    organization = core_selectors.organization_get(slug=slug)
    scope = selectors.current_commitments(lead_institution=organization)
    plans = ActionPlan.objects.filter(commitments__lead_institution=organization).distinct()
    version = plan_selectors.content_version_of(plans=plans)
    return _dashboard(
        request, scope, version, {"organization": organization, "scope": organization.name}
    )


def exercise_standards(request: HttpRequest, slug: str) -> HttpResponse:
    exercise = exercise_selectors.exercise_get(slug=slug)
    context = {
        "exercise": exercise,
        "items": standards.checklist(exercise),
        "can_attest": request.user.has_perm("monitoring.attest_standard", exercise),
    }
    return render(request, "monitoring/standards.html", context)


@require_http_methods(["GET", "POST"])
def standard_attest(request: HttpRequest, slug: str, item: str) -> HttpResponse:
    exercise = exercise_selectors.exercise_get(slug=slug)
    if item not in standards.ATTESTABLE:
        raise Http404
    message = _("Solo la coordinación del ejercicio atestigua los estándares.")
    if denied := authorize(request, "monitoring.attest_standard", exercise, message):
        return denied
    form = AttestationForm(request.POST or None)

    def save() -> object:
        return services.standard_attest(
            actor=acting_user(request), exercise=exercise, item=item, **form.cleaned_data
        )

    url = reverse("exercise_standards", args=[slug])
    context = {"exercise": exercise, "title": _("Atestiguar: %s") % standards.ITEMS[item]}
    return save_form(request, form, save, url, "exercises/form.html", context)


@require_http_methods(["POST"])
def follow(request: HttpRequest, slug: str, number: int, commitment: int) -> HttpResponse:
    found = _visible_commitment(request, slug, number, commitment)
    if not request.user.is_authenticated:
        return redirect_to_login(found.get_absolute_url())
    following = request.POST.get("seguir") == "1"
    services.follow_set(user=acting_user(request), commitment=found, following=following)
    messages.success(
        request,
        _("Ahora sigues este compromiso.")
        if following
        else _("Dejaste de seguir este compromiso."),
    )
    return redirect(found.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def notification_settings(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    current = NotificationSettings.objects.filter(user=user).first() or NotificationSettings(
        user=user
    )
    form = NotificationSettingsForm(
        request.POST or None, instance=current, initial={"public_name": user.public_name}
    )

    def save() -> object:
        fields = {
            k: form.cleaned_data[k] for k in ("followed_changes", "weekly_digest", "liaison_alerts")
        }
        return services.notification_settings_save(
            user=user, fields=fields, public_name=form.cleaned_data["public_name"]
        )

    context = {"title": _("Mis avisos y mi nombre público")}
    return save_form(
        request, form, save, reverse("notification_settings"), "exercises/form.html", context
    )
