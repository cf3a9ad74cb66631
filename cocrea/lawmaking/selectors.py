"""Reads of legislative processes: the processes, their phases, versions and text."""

from dataclasses import dataclass
from typing import Any

from allauth.account.models import EmailAddress
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from cocrea.core.queries import related_count
from cocrea.exercises.models import ExerciseMembership, ExerciseRole
from cocrea.lawmaking.models import (
    CURRENT_LAW,
    AnswerStatus,
    Contribution,
    LegislativeProcess,
    Phase,
    ProcessFollow,
    TextUnit,
    TextVersion,
)


def process_list(*, exercise: Any = None, congress: Any = None) -> QuerySet[LegislativeProcess]:
    rows = (
        LegislativeProcess.objects.select_related("congress", "exercise")
        .only(
            "title",
            "slug",
            "kind",
            "law_name",
            "committee",
            "created_at",
            "is_example",
            "congress__name",
            "congress__slug",
            "exercise__slug",
            "exercise__name",
        )
        .prefetch_related(Prefetch("phases", queryset=Phase.objects.order_by("opens_at", "id")))
    )
    if exercise is not None:
        rows = rows.filter(exercise=exercise)
    if congress is not None:
        rows = rows.filter(congress=congress)
    return rows.order_by("-created_at", "-id")  # fmt: skip


def process_get(*, slug: str) -> LegislativeProcess | None:
    return (
        LegislativeProcess.objects.select_related("congress", "exercise", "milestone__commitment")
        .filter(slug=slug)
        .first()
    )


def phases_of(*, process: LegislativeProcess) -> list[Phase]:
    """Memoised on the process for the request: rules ask for them once per permission."""
    cache = process.__dict__
    if "_phases" not in cache:
        prefetched = getattr(process, "_prefetched_objects_cache", {}).get("phases")
        rows = prefetched if prefetched is not None else process.phases.order_by("opens_at", "id")
        cache["_phases"] = list(rows)
    phases: list[Phase] = cache["_phases"]
    return phases


def phase_of(*, process: LegislativeProcess, kind: str) -> Phase | None:
    return next((phase for phase in phases_of(process=process) if phase.kind == kind), None)


def phase_is_open(*, process: LegislativeProcess, kind: str, now: Any = None) -> bool:
    phase = phase_of(process=process, kind=kind)
    return phase is not None and phase.is_open(now)


def current_phase(*, process: LegislativeProcess, now: Any = None) -> Phase | None:
    """The open phase (the latest to open, if two overlap), or None between or outside them."""
    moment = now or timezone.now()
    open_now = [p for p in phases_of(process=process) if p.is_open(moment)]
    return open_now[-1] if open_now else None


def meets_verification(*, user: Any, process: LegislativeProcess) -> bool:
    if not process.requires_verified:
        return True
    return bool(EmailAddress.objects.filter(user=user, verified=True).exists())


def published_versions(*, process: LegislativeProcess) -> QuerySet[TextVersion]:
    return TextVersion.objects.filter(process=process, published_at__isnull=False).order_by(
        "number"
    )


def latest_version(*, process: LegislativeProcess) -> TextVersion | None:
    """The latest published draft (the law in force only when there is no draft yet)."""
    versions = published_versions(process=process)
    return versions.exclude(number=CURRENT_LAW).last() or versions.first()


def version_get(
    *, process: LegislativeProcess, number: int, drafts: bool = False
) -> TextVersion | None:
    """A version by number; an unpublished one only for its editors (`drafts`)."""
    versions = TextVersion.objects.filter(process=process, number=number)
    if not drafts:
        versions = versions.filter(published_at__isnull=False)
    return versions.first()


def version_units(*, version: TextVersion) -> QuerySet[TextUnit]:
    return TextUnit.objects.filter(version=version).order_by("position")


def unit_get(*, version: TextVersion, key: str) -> TextUnit | None:
    return TextUnit.objects.filter(version=version, key=key).first()


def answer_figures(*, process: LegislativeProcess) -> dict[str, int]:
    """Visible contributions by answer, like the reasoned responses of a consultation."""
    counts = Contribution.objects.filter(process=process, is_hidden=False).aggregate(
        total=Count("pk"),
        answered=Count("pk", filter=~Q(status=AnswerStatus.PENDING)),
        incorporated=Count("pk", filter=Q(status=AnswerStatus.INCORPORATED)),
        partly=Count("pk", filter=Q(status=AnswerStatus.PARTLY)),
        not_incorporated=Count("pk", filter=Q(status=AnswerStatus.NOT_INCORPORATED)),
    )
    return {key: int(value or 0) for key, value in counts.items()}


def follows(*, user: Any, process: LegislativeProcess) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return ProcessFollow.objects.filter(process=process, user=user).exists()


def editable_exercise_ids(*, user: Any) -> set[int]:
    """Exercises whose secretariat or coordination the person belongs to (active roles)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    editors = (ExerciseRole.COORDINATOR, ExerciseRole.SECRETARIAT)
    return set(
        ExerciseMembership.objects.filter(user=user, is_active=True, role__in=editors).values_list(
            "exercise_id", flat=True
        )
    )


def phases_now(
    *, processes: list[LegislativeProcess]
) -> list[tuple[LegislativeProcess, Phase | None]]:
    """Each listed process with its open phase, from its prefetched phases (no query each)."""
    return [(process, current_phase(process=process)) for process in processes]


@dataclass(frozen=True)
class PhaseRow:
    phase: Phase
    state: str  # "open", "done" or "coming"


def phase_rows(*, process: LegislativeProcess) -> list[PhaseRow]:
    moment = timezone.now()
    return [
        PhaseRow(phase, "open" if phase.is_open(moment) else "done" if phase.closes_at <= moment else "coming")
        for phase in phases_of(process=process)
    ]  # fmt: skip


def table_of_contents(*, version: TextVersion) -> QuerySet[TextUnit]:
    """The units of a version without their text: the process page's index of the bill."""
    return version_units(version=version).only("position", "kind", "key", "heading", "title")


def version_rows(*, process: LegislativeProcess, drafts: bool = False) -> QuerySet[TextVersion]:
    """The process's versions, with how many contributions each took in (and the unpublished
    ones being checked, for the committee)."""
    versions = TextVersion.objects.filter(process=process)
    if not drafts:
        versions = versions.filter(published_at__isnull=False)
    taken = related_count(Contribution, "incorporated_in", is_hidden=False)
    return versions.annotate(taken=taken).order_by("number")


def incorporated_in(*, version: TextVersion, unit_key: str = "") -> QuerySet[Contribution]:
    """The visible contributions a version took in (on one unit, when `unit_key` is given)."""
    rows = Contribution.objects.filter(incorporated_in=version, is_hidden=False)
    if unit_key:
        rows = rows.filter(unit_key=unit_key)
    return rows.select_related("process").only(
        "kind", "status", "unit_key", "quote", "proposed_text", "support_count", "process__slug"
    ).order_by("unit_key", "-support_count", "pk")  # fmt: skip


def versions_with_unit(*, process: LegislativeProcess, key: str) -> QuerySet[TextVersion]:
    """The published versions that have the unit `key`, to read it in each."""
    return published_versions(process=process).filter(units__key=key).only("number", "label")


def law_in_force_unit(*, process: LegislativeProcess, key: str) -> TextUnit | None:
    """The same part of the law in force (published version 0), shown beside a reform's text."""
    return (
        TextUnit.objects.filter(
            version__process=process,
            version__number=CURRENT_LAW,
            version__published_at__isnull=False,
            key=key,
        )
        .only("kind", "key", "heading", "title", "body")
        .first()
    )
