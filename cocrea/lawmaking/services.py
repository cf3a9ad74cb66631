"""Writes of legislative processes: the process, its phases, following it, closing it."""

import datetime as dt
from typing import TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cocrea.core.models import Organization, User
from cocrea.core.service_helpers import row_toggle
from cocrea.core.services import record_assign, record_save
from cocrea.exercises.models import Exercise
from cocrea.lawmaking.models import LegislativeProcess, Phase, ProcessFollow
from cocrea.plans.models import ActionPlan, Milestone
from cocrea.plans.services import plans_touch


class ProcessFields(TypedDict, total=False):
    exercise: Exercise | None
    congress: Organization
    title: str
    slug: str
    kind: str
    law_name: str
    summary: str
    promoters: str
    committee: str
    requires_verified: bool
    highlight_supports: int
    milestone: Milestone | None
    result: str


@transaction.atomic
def process_save(
    *, actor: User | None, process: LegislativeProcess, **fields: Unpack[ProcessFields]
) -> LegislativeProcess:
    previous_milestone = process.milestone_id
    record_assign(process, fields)
    if process.kind == "reform" and not process.law_name.strip():
        raise ValidationError({"law_name": _("Una reforma dice qué ley reforma.")})
    record_save(instance=process, actor=actor)
    if previous_milestone != process.milestone_id:
        # The commitment page's cached timeline shows the milestone's process at once.
        milestones = [pk for pk in (previous_milestone, process.milestone_id) if pk]
        plans_touch(
            plans=ActionPlan.objects.filter(commitments__milestones__in=milestones).distinct()
        )
    return process


@transaction.atomic
def phase_save(
    *,
    actor: User | None,
    process: LegislativeProcess,
    kind: str,
    opens_at: dt.datetime,
    closes_at: dt.datetime,
    description: str = "",
) -> Phase:
    """Sets a phase's dates (creating it the first time): what it opens is open between them."""
    if closes_at <= opens_at:
        raise ValidationError({"closes_at": _("La fase debe terminar después de empezar.")})
    phase = Phase.objects.filter(process=process, kind=kind).first() or Phase(
        process=process, kind=kind
    )
    record_assign(phase, {"opens_at": opens_at, "closes_at": closes_at, "description": description})
    record_save(instance=phase, actor=actor)
    process.__dict__.pop("_phases", None)
    return phase


@transaction.atomic
def phase_remove(*, actor: User | None, phase: Phase) -> None:
    phase._history_user = actor  # type: ignore[attr-defined]
    phase.delete()


@transaction.atomic
def process_follow(*, actor: User, process: LegislativeProcess, follow: bool = True) -> bool:
    """Follows (or stops following) a process; says whether the person follows it now."""
    row_toggle(ProcessFollow, present=follow, process=process, user=actor)
    return follow
