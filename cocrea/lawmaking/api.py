"""JSON API of collaborative lawmaking: processes with their phases, published versions and
text, and the contributions citizens made to it (visible ones, never who made or supported
them). Unpublished versions, and whatever hangs from them, answer like ids that do not exist."""

import datetime as dt
from typing import Literal

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from cocrea.core.api_errors import LIST, ONE
from cocrea.core.queries import filter_given, or_404
from cocrea.lawmaking import selectors
from cocrea.lawmaking.models import (
    Contribution,
    LegislativeProcess,
    Phase,
    TextUnit,
    TextVersion,
)
from cocrea.lawmaking.open_tables import (
    public_contributions,
    public_processes,
    public_units,
    public_versions,
)

router = Router(tags=["cocreación de leyes"])

SLUG = r"^[-a-zA-Z0-9_]*$"  # a NUL or a space names no record: refused as a 400, not queried
AnswerFilter = Literal["", "pending", "incorporated", "partly", "not_incorporated", "answered"]
KindFilter = Literal["", "replace", "add", "delete", "comment"]


class LawRef(Schema):
    name: str
    slug: str


class LawPhaseOut(Schema):
    kind: str = Field(description="information, debate, contributions, review, dictamen o result.")
    opens_at: dt.datetime
    closes_at: dt.datetime
    description: str


class LawVersionOut(Schema):
    number: int = Field(description="0 es la ley vigente; 1, 2… las versiones de la iniciativa.")
    label: str
    changelog: str
    is_current_law: bool
    is_dictamen: bool
    published_at: dt.datetime
    incorporated_count: int = Field(description="Aportaciones visibles que incorporó.")
    url: str

    @staticmethod
    def resolve_incorporated_count(obj: TextVersion) -> int:
        return int(obj.incorporated_total)  # type: ignore[attr-defined]

    @staticmethod
    def resolve_url(obj: TextVersion) -> str:
        return reverse("lawmaking:version_detail", args=[obj.process.slug, obj.number])


class LawFiguresOut(Schema):
    """Visible contributions by the committee's answer."""

    total: int
    answered: int
    incorporated: int
    partly: int
    not_incorporated: int


class LegislativeProcessOut(Schema):
    id: int
    slug: str
    title: str
    kind: str = Field(description="new (ley nueva) o reform (reforma a una ley vigente).")
    law_name: str
    summary: str
    promoters: str
    committee: str
    congress: LawRef
    exercise: LawRef | None
    highlight_supports: int = Field(description="Apoyos con los que una aportación se destaca.")
    requires_verified: bool
    result: str
    created_at: dt.datetime
    version_count: int
    contribution_count: int = Field(description="Aportaciones visibles.")
    is_example: bool
    url: str

    @staticmethod
    def resolve_exercise(obj: LegislativeProcess) -> LawRef | None:
        exercise = obj.exercise
        return LawRef(name=exercise.name, slug=exercise.slug) if exercise else None

    @staticmethod
    def resolve_version_count(obj: LegislativeProcess) -> int:
        return int(obj.version_total)  # type: ignore[attr-defined]

    @staticmethod
    def resolve_contribution_count(obj: LegislativeProcess) -> int:
        return int(obj.contribution_total)  # type: ignore[attr-defined]

    @staticmethod
    def resolve_url(obj: LegislativeProcess) -> str:
        return obj.get_absolute_url()


class LegislativeProcessDetail(LegislativeProcessOut):
    phases: list[LawPhaseOut]
    versions: list[LawVersionOut] = Field(description="Las publicadas, en orden.")
    figures: LawFiguresOut

    @staticmethod
    def resolve_versions(obj: LegislativeProcess) -> list[TextVersion]:
        return list(obj.published)  # type: ignore[attr-defined]

    @staticmethod
    def resolve_figures(obj: LegislativeProcess) -> dict[str, int]:
        return selectors.answer_figures(process=obj)


class LawUnitOut(Schema):
    key: str = Field(description="Clave estable: la misma en todas las versiones.")
    position: int
    kind: str = Field(description="exposicion, titulo, capitulo, seccion, articulo o transitorio.")
    heading: str
    title: str
    body: str = Field(description="Los párrafos y fracciones, separados por una línea en blanco.")
    url: str

    @staticmethod
    def resolve_url(obj: TextUnit) -> str:
        version = obj.version
        return reverse(
            "lawmaking:version_unit", args=[version.process.slug, version.number, obj.key]
        )


class LawContributionOut(Schema):
    """What is public of a contribution: never who made or supported it."""

    id: int
    process_id: int
    unit_key: str
    version: int = Field(description="Número de la versión sobre la que se hizo.")
    paragraph: int | None
    kind: str = Field(description="replace, add, delete o comment.")
    quote: str
    proposed_text: str
    body: str = Field(description="Comentario o justificación.")
    support_count: int
    is_highlighted: bool = Field(description="Alcanzó los apoyos para destacarla del proceso.")
    status: str = Field(description="pending, incorporated, partly, not_incorporated o answered.")
    answer: str
    answered_at: dt.datetime | None
    incorporated_in: int | None = Field(description="Número de la versión que la incorporó.")
    created_at: dt.datetime
    is_example: bool

    @staticmethod
    def resolve_version(obj: Contribution) -> int:
        return obj.unit.version.number

    @staticmethod
    def resolve_incorporated_in(obj: Contribution) -> int | None:
        return obj.incorporated_version  # type: ignore[attr-defined,no-any-return]


class ProcessQuery(Schema):
    exercise: str = Field("", max_length=80, pattern=SLUG, description="Identificador")
    congress: str = Field("", max_length=80, pattern=SLUG, description="Identificador")


class ContributionQuery(Schema):
    process: int | None = Field(None, description="Id del proceso legislativo")
    unit_key: str = Field("", max_length=60, pattern=SLUG, description="Clave del artículo")
    status: AnswerFilter = ""
    kind: KindFilter = ""


def _processes() -> QuerySet[LegislativeProcess]:
    return public_processes().order_by("-created_at", "-id")


def _contributions() -> QuerySet[Contribution]:
    return (
        public_contributions()
        .select_related("unit__version")
        .defer("hidden_reason", "author", "answered_by")
        .order_by("-support_count", "-id")
    )


def _process(process_id: int) -> LegislativeProcess:
    return get_object_or_404(LegislativeProcess.objects.only("id", "slug"), pk=process_id)


@router.get(
    "/legislative-processes",
    response={200: list[LegislativeProcessOut], **LIST},
    summary="Procesos legislativos",
)
@paginate
def legislative_processes(request: HttpRequest, query: Query[ProcessQuery]) -> object:
    return filter_given(_processes(), exercise__slug=query.exercise, congress__slug=query.congress)


@router.get(
    "/legislative-processes/{process_id}",
    response={200: LegislativeProcessDetail, **ONE},
    summary="Un proceso legislativo, con sus fases, versiones publicadas y respuestas",
)
def legislative_process(request: HttpRequest, process_id: int) -> LegislativeProcess:
    published = public_versions().select_related("process").order_by("number")
    rows = _processes().prefetch_related(
        Prefetch("phases", queryset=Phase.objects.order_by("opens_at", "id")),
        Prefetch("versions", queryset=published, to_attr="published"),
    )
    return get_object_or_404(rows, pk=process_id)


@router.get(
    "/legislative-processes/{process_id}/versions",
    response={200: list[LawVersionOut], **ONE},
    summary="Las versiones publicadas del texto de un proceso",
)
@paginate
def legislative_versions(request: HttpRequest, process_id: int) -> object:
    process = _process(process_id)
    return public_versions().filter(process=process).select_related("process").order_by("number")


@router.get(
    "/legislative-processes/{process_id}/versions/{number}/units",
    response={200: list[LawUnitOut], **ONE},
    summary="El texto de una versión publicada, parte por parte",
)
@paginate
def legislative_units(request: HttpRequest, process_id: int, number: int) -> object:
    version = or_404(selectors.version_get(process=_process(process_id), number=number))
    units = public_units().filter(version=version).select_related("version__process")
    return units.order_by("position")


@router.get(
    "/contributions",
    response={200: list[LawContributionOut], **LIST},
    summary="Aportaciones a iniciativas de ley (sin datos personales)",
)
@paginate
def contributions(request: HttpRequest, query: Query[ContributionQuery]) -> object:
    return filter_given(
        _contributions(),
        process_id=query.process,
        unit_key=query.unit_key,
        status=query.status,
        kind=query.kind,
    )


@router.get(
    "/contributions/{contribution_id}",
    response={200: LawContributionOut, **ONE},
    summary="Una aportación a una iniciativa",
)
def contribution(request: HttpRequest, contribution_id: int) -> Contribution:
    return get_object_or_404(_contributions(), pk=contribution_id)
