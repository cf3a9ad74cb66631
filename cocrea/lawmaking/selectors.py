"""Reads of legislative processes: the processes, their phases, versions and text."""

from typing import Any

from allauth.account.models import EmailAddress
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

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


def process_list(*, exercise: Any = None) -> QuerySet[LegislativeProcess]:
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
        cache["_phases"] = list(Phase.objects.filter(process=process).order_by("opens_at", "id"))
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
