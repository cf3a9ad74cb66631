"""JSON API of progress reports, findings and the shadow-report figures."""

import datetime as dt
from decimal import Decimal

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from cocrea.core.api_auth import lead_institution_key, request_key
from cocrea.core.api_errors import LIST, ONE
from cocrea.core.api_helpers import key_write, refusals_as_400
from cocrea.core.queries import filter_given
from cocrea.exercises import selectors as exercise_selectors
from cocrea.monitoring import selectors, services, standards
from cocrea.monitoring.consistency import RULES
from cocrea.monitoring.dashboard import commitment_charts
from cocrea.monitoring.models import Assessment, Finding, ProgressReport
from cocrea.plans.selectors import commitments_visible_to, public_commitments

router = Router(tags=["seguimiento"])


class ItemOut(Schema):
    milestone_id: int
    progress: int


class LinkOut(Schema):
    description: str
    url: str


class ReviewOut(Schema):
    id: int
    verdict: str
    note: str
    answer: str
    created_at: dt.datetime
    answered_at: dt.datetime | None


class ProgressReportOut(Schema):
    id: int
    commitment_id: int
    organization: str
    reported_on: dt.date
    narrative: str
    corrects_id: int | None
    items: list[ItemOut]
    links: list[LinkOut]
    reviews: list[ReviewOut]

    @staticmethod
    def resolve_organization(obj: ProgressReport) -> str:
        return obj.organization.name


class FindingOut(Schema):
    id: int
    rule: str
    title: str
    explanation: str
    fix: str
    commitment_id: int
    milestone_id: int | None
    detail: str
    first_seen: dt.datetime
    resolved_at: dt.datetime | None

    @staticmethod
    def resolve_title(obj: Finding) -> str:
        return str(RULES[obj.rule].title)

    @staticmethod
    def resolve_explanation(obj: Finding) -> str:
        return str(RULES[obj.rule].explanation)

    @staticmethod
    def resolve_fix(obj: Finding) -> str:
        return str(RULES[obj.rule].fix)


class ChartRow(Schema):
    label: str
    value: int


class ChartOut(Schema):
    key: str
    title: str
    rows: list[ChartRow]

    @staticmethod
    def resolve_rows(obj: object) -> list[dict[str, object]]:
        return [{"label": label, "value": value} for label, value in obj.rows]  # type: ignore[attr-defined]


class FiguresOut(Schema):
    current: int
    up_to_date: int
    inconsistent: int
    up_to_date_share: Decimal
    inconsistent_share: Decimal
    charts: list[ChartOut] = Field(description="Los datos de cada gráfica del tablero")


class ReportIn(Schema):
    commitment_id: int
    reported_on: dt.date
    narrative: str = Field(..., min_length=1, max_length=10000)
    progress: dict[int, int] = Field(
        default_factory=dict, description="Avance por id de hito (0–100)"
    )
    links: list[LinkOut] = Field(default_factory=list, max_length=20)


def _public_reports(organization_id: int | None = None) -> QuerySet[ProgressReport]:
    visible = commitments_visible_to(organization_id=organization_id)
    return (
        ProgressReport.objects.filter(commitment__in=visible)
        .select_related("organization")
        .prefetch_related("items", "links", "reviews")
        .order_by("-reported_on", "-id")
    )


@router.get(
    "/progress-reports",
    response={200: list[ProgressReportOut], **LIST},
    summary="Reportes de avance",
)
@paginate
def progress_reports(
    request: HttpRequest, commitment: int | None = None, plan: int | None = None
) -> object:
    return filter_given(_public_reports(), commitment_id=commitment, commitment__plan_id=plan)


@router.get(
    "/progress-reports/{report_id}",
    response={200: ProgressReportOut, **ONE},
    summary="Un reporte de avance",
)
def progress_report(request: HttpRequest, report_id: int) -> ProgressReport:
    return get_object_or_404(_public_reports(), pk=report_id)


@router.get("/findings", response={200: list[FindingOut], **LIST}, summary="Inconsistencias")
@paginate
def findings(
    request: HttpRequest,
    plan: int | None = None,
    exercise: int | None = None,
    rule: str = "",
    include_resolved: bool = False,
) -> object:
    qs = Finding.objects.filter(commitment__in=public_commitments()).order_by("-first_seen", "-id")
    return filter_given(
        qs,
        resolved_at__isnull=not include_resolved,
        commitment__plan_id=plan,
        commitment__plan__exercise_id=exercise,
        rule=rule,
    )


@router.get("/dashboard", response={200: FiguresOut, **LIST}, summary="Cifras del informe sombra")
def dashboard(request: HttpRequest, plan: int | None = None, exercise: int | None = None) -> object:
    """Vigentes, con información actualizada y con inconsistencias, para un plan, un ejercicio o el país."""
    scope = {"plan_id": plan} if plan else {"plan__exercise_id": exercise} if exercise else {}
    commitments = selectors.current_commitments(**scope)
    figures = selectors.shadow_figures(commitments)
    return {
        "current": figures.current,
        "up_to_date": figures.up_to_date,
        "inconsistent": figures.inconsistent,
        "up_to_date_share": figures.up_to_date_share,
        "inconsistent_share": figures.inconsistent_share,
        "charts": commitment_charts(commitments),
    }


@key_write(
    router,
    "POST",
    "/progress-reports",
    status=201,
    schema=ProgressReportOut,
    summary="Presentar un reporte de avance (llave de API de la institución responsable)",
)
def progress_report_create(request: HttpRequest, payload: ReportIn) -> Status[ProgressReport]:
    # As the web does for the institution's liaison: 404 for a commitment it may not see (a
    # draft plan's, another's unpublished one), 403 for one it sees but does not lead.
    organization_id = request_key(request).organization_id
    commitment = get_object_or_404(
        commitments_visible_to(organization_id=organization_id).select_related("lead_institution"),
        pk=payload.commitment_id,
    )
    key = lead_institution_key(request, commitment.lead_institution_id)
    with refusals_as_400():
        report = services.report_file(
            actor=None,
            commitment=commitment,
            organization=key.organization,
            reported_on=payload.reported_on,
            narrative=payload.narrative,
            progress=payload.progress,
            links=[(link.description, link.url) for link in payload.links],
        )
    return Status(201, get_object_or_404(_public_reports(organization_id), pk=report.pk))


class AssessmentOut(Schema):
    commitment_id: int
    assessed_on: dt.date
    specificity: str
    relevance_access_information: bool
    relevance_civic_participation: bool
    relevance_public_accountability: bool
    relevance_technology: bool
    potential_impact: str
    completion: str
    opened_government: str
    starred: bool
    verifiable: bool | None
    open_government_lens: bool | None
    results_potential: str
    reviewable: bool


@router.get(
    "/assessments", response={200: list[AssessmentOut], **LIST}, summary="Evaluaciones estilo MRI"
)
@paginate
def assessments(
    request: HttpRequest, plan: int | None = None, starred: bool | None = None
) -> object:
    qs = Assessment.objects.filter(commitment__in=public_commitments()).order_by("commitment_id")
    if plan:
        qs = qs.filter(commitment__plan_id=plan)
    if starred is not None:
        ids = [a.pk for a in qs.only(*ASSESSMENT_ONLY) if a.starred == starred]
        qs = qs.filter(pk__in=ids)
    return qs


@router.get(
    "/assessments/{commitment_id}",
    response={200: AssessmentOut, **ONE},
    summary="La evaluación de un compromiso",
)
def assessment(request: HttpRequest, commitment_id: int) -> Assessment:
    return get_object_or_404(
        Assessment, commitment__in=public_commitments(), commitment_id=commitment_id
    )


ASSESSMENT_ONLY = (
    "id",
    "specificity",
    "relevance_access_information",
    "relevance_civic_participation",
    "relevance_public_accountability",
    "potential_impact",
    "completion",
)


class StandardOut(Schema):
    code: str
    title: str
    status: str = Field(description="met, not_met, attested o pending")
    evidence: list[str]
    url: str

    @staticmethod
    def resolve_title(obj: object) -> str:
        return str(obj.title)  # type: ignore[attr-defined]


@router.get(
    "/standards/{exercise_id}",
    response={200: list[StandardOut], **ONE},
    summary="Estándares de cocreación de OGP",
)
def exercise_standards(request: HttpRequest, exercise_id: int) -> list[object]:
    exercise = exercise_selectors.exercise_get(pk=exercise_id)
    return list(standards.checklist(exercise))
