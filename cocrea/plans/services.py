"""Writes of action plans, commitments, milestones and evidence, and the progress roll-up.

Progress is stored, never computed on page view: every change to a milestone recomputes its
commitment, that commitment's plan and the plan's exercise, in the same transaction.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, TypedDict, Unpack, cast

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import (
    Avg,
    Case,
    DecimalField,
    ExpressionWrapper,
    F,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.utils import timezone
from django.utils.translation import gettext as _

from cocrea.core import ordering
from cocrea.core.models import Organization, User
from cocrea.core.services import FileValue, record_assign, record_save
from cocrea.exercises.models import Exercise
from cocrea.plans.hooks import commitment_changed
from cocrea.plans.models import (
    ActionPlan,
    Commitment,
    CommitmentStatus,
    Evidence,
    Milestone,
    PlanAxis,
    PlanDocument,
    PlanStage,
    PlanStatus,
    Theme,
)
from cocrea.plans.status import MilestoneState, derived_status, followed_state

HUNDRED = Decimal(100)
CENT = Decimal("0.01")


def _ordered(start_field: str, start: dt.date | None, end_field: str, end: dt.date | None) -> None:
    if start and end and end < start:
        raise ValidationError(
            {end_field: _("La fecha de fin es anterior a la de inicio (%s).") % start_field}
        )


class PlanFields(TypedDict, total=False):
    number: int
    name: str
    period_start: dt.date | None
    period_end: dt.date | None
    period_label: str
    objective: str
    description: str
    status: str


@transaction.atomic
def plan_save(*, actor: User | None, plan: ActionPlan, **fields: Unpack[PlanFields]) -> ActionPlan:
    record_assign(plan, fields)
    _ordered("period_start", plan.period_start, "period_end", plan.period_end)
    # Only the edited fields: the rolled-up progress and the content version are not the
    # form's to write back.
    record_save(instance=plan, actor=actor, only=fields.keys())
    plan_progress_recompute(plan_id=plan.pk)  # publishing or drafting a plan moves its exercise
    return plan


class PlanStageFields(TypedDict, total=False):
    order: int
    name: str
    description: str
    start_on: dt.date | None
    end_on: dt.date | None


@transaction.atomic
def plan_stage_save(
    *, actor: User | None, stage: PlanStage, **fields: Unpack[PlanStageFields]
) -> PlanStage:
    record_assign(stage, fields)
    _ordered("start_on", stage.start_on, "end_on", stage.end_on)
    record_save(instance=stage, actor=actor)
    plan_touch(plan_id=stage.plan_id)
    return stage


class PlanDocumentFields(TypedDict, total=False):
    title: str
    url: str
    file: FileValue
    published_on: dt.date | None


@transaction.atomic
def plan_document_save(
    *, actor: User | None, document: PlanDocument, **fields: Unpack[PlanDocumentFields]
) -> PlanDocument:
    record_assign(document, fields)
    if not document.file and not document.url:
        raise ValidationError(_("Sube el documento en PDF o escribe su enlace."))
    record_save(instance=document, actor=actor)
    plan_touch(plan_id=document.plan_id)
    return document


def _commitment_dates(commitment: Commitment) -> None:
    _ordered("start_on", commitment.start_on, "end_on", commitment.end_on)
    if not commitment.pk:
        return
    outside = commitment.milestones.exclude(start_on__isnull=True, end_on__isnull=True)
    for milestone in outside:
        if not _within(milestone, commitment):
            raise ValidationError(
                {
                    "end_on": _("El hito %s quedaría fuera de las fechas del compromiso.")
                    % milestone.number
                }
            )


def _within(milestone: Milestone, commitment: Commitment) -> bool:
    lower, upper = commitment.start_on, commitment.end_on
    dates = [d for d in (milestone.start_on, milestone.end_on) if d]
    return all((not lower or d >= lower) and (not upper or d <= upper) for d in dates)


class CommitmentFields(TypedDict, total=False):
    """The commitment's own columns (its many-to-many relations are separate arguments)."""

    number: int
    title: str
    problem: str
    status_quo: str
    objective: str
    how_it_solves: str
    ambition: str
    lead_institution: Organization
    responsible_person: str
    responsible_position: str
    pillar_transparency: bool
    pillar_accountability: bool
    pillar_participation: bool
    pillar_innovation: bool
    value_access_information: bool
    value_civic_participation: bool
    value_public_accountability: bool
    value_technology: bool
    theme: Theme | None
    start_on: dt.date | None
    end_on: dt.date | None
    is_published: bool
    external_id: str


@transaction.atomic
def commitment_save(
    *,
    actor: User | None,
    commitment: Commitment,
    supporting: Sequence[Any] | None = None,
    sdgs: Sequence[Any] | None = None,
    axes: Sequence[Any] | None = None,
    **fields: Unpack[CommitmentFields],
) -> Commitment:
    record_assign(commitment, fields)
    _commitment_dates(commitment)
    record_save(instance=commitment, actor=actor)
    for relation, values in (
        ("supporting_institutions", supporting),
        ("sdgs", sdgs),
        ("axes", axes),
    ):
        if values is not None:
            getattr(commitment, relation).set(values)
    progress_recompute(commitment=commitment)
    return commitment


class MilestoneFields(TypedDict, total=False):
    number: int
    deliverable: str
    responsible: str
    start_on: dt.date | None
    end_on: dt.date | None
    status: str
    progress: int
    completed_on: dt.date | None


@transaction.atomic
def milestone_save(
    *, actor: User | None, milestone: Milestone, reason: str = "", **fields: Unpack[MilestoneFields]
) -> Milestone:
    """Saves a milestone's data or progress and rolls the progress up. Progress given without a
    status brings the status that follows it (`plans.status.followed_state`: at 100 % done)."""
    if "progress" in fields and "status" not in fields:
        follows = followed_state(
            milestone.status, milestone.completed_on, fields["progress"], "", timezone.localdate()
        )
        fields = cast(MilestoneFields, {**fields, **follows})
    record_assign(milestone, fields)
    _ordered("start_on", milestone.start_on, "end_on", milestone.end_on)
    if not _within(milestone, milestone.commitment):
        raise ValidationError(
            {"end_on": _("El hito debe quedar dentro de las fechas del compromiso.")}
        )
    if milestone.status == "completed" and milestone.progress < 100:
        raise ValidationError({"progress": _("Un hito cumplido debe tener avance de 100.")})
    if milestone.completed_on and milestone.status != "completed":
        raise ValidationError(
            {"completed_on": _("Solo un hito cumplido lleva fecha de cumplimiento.")}
        )
    record_save(instance=milestone, actor=actor, reason=reason, only=fields.keys())
    progress_recompute(commitment=milestone.commitment)
    consistency_recheck(commitment_ids=[milestone.commitment_id])
    return milestone


@transaction.atomic
def milestone_weights_set(
    *, actor: User | None, commitment: Commitment, weights: Mapping[int, Decimal | None]
) -> None:
    """Sets every milestone's weight at once: all empty, or adding up to exactly 100."""
    given = [w for w in weights.values() if w is not None]
    if given and (len(given) != len(weights) or sum(given) != HUNDRED):
        raise ValidationError(
            _("Las ponderaciones deben sumar 100 (suman %(total)s) o quedar todas vacías.")
            % {"total": sum(given)}
        )
    for milestone in commitment.milestones.all():
        if milestone.pk in weights and milestone.weight != weights[milestone.pk]:
            milestone.weight = weights[milestone.pk]
            record_save(instance=milestone, actor=actor, reason=_("Ponderaciones"), only=["weight"])
    progress_recompute(commitment=commitment)
    consistency_recheck(commitment_ids=[commitment.pk])


class EvidenceFields(TypedDict, total=False):
    description: str
    file: FileValue
    url: str


@transaction.atomic
def evidence_add(
    *, actor: User | None, milestone: Milestone, reason: str = "", **fields: Unpack[EvidenceFields]
) -> Evidence:
    evidence = Evidence(milestone=milestone, author=actor)
    record_assign(evidence, fields)
    if not evidence.file and not evidence.url:
        raise ValidationError(_("Sube un archivo o escribe un enlace."))
    record_save(instance=evidence, actor=actor, reason=reason)
    plan_touch(plan_id=milestone.commitment.plan_id)
    consistency_recheck(commitment_ids=[milestone.commitment_id])
    return evidence


@transaction.atomic
def evidence_attach(
    *,
    actor: User | None,
    milestones: Sequence[Milestone],
    description: str,
    url: str = "",
    file: FileValue | None = None,
    reason: str = "",
) -> list[Evidence]:
    """The same link or file as evidence of each of these milestones (a progress report's
    evidence counts for every milestone it reports progress of). A file is stored once; the
    other milestones' records point to it. The caller re-runs the rules once, at its end."""
    if not url and not file:
        raise ValidationError(_("Sube un archivo o escribe un enlace."))
    added: list[Evidence] = []
    for milestone in milestones:
        evidence = Evidence(milestone=milestone, author=actor, description=description[:300])
        evidence.url = url
        if file and added:
            evidence.file.name = added[0].file.name
        elif file:
            evidence.file = file
        record_save(instance=evidence, actor=actor, reason=reason)
        added.append(evidence)
    return added


def _rounded(value: Decimal | float | None) -> Decimal:
    return Decimal(value or 0).quantize(CENT, rounding=ROUND_HALF_UP)


WEIGHTED_PROGRESS = ExpressionWrapper(F("weight") * F("progress"), output_field=DecimalField())
WITHOUT_WEIGHT = Case(When(weight__isnull=True, then=Value(1)), default=Value(0))


def commitment_progress(commitment: Commitment) -> tuple[Decimal, bool]:
    """(progress, weights valid), in one query.

    The weighted mean when every milestone has a weight and they add up to 100; the plain mean
    when none has one; with weights set but not adding up to 100, the plain mean and `False`, so
    that the page says the weights need fixing.
    """
    milestones = Milestone.objects.filter(commitment=commitment).exclude(status="cancelled")
    figures = milestones.aggregate(
        total=Sum("weight"),
        weighted=Sum(WEIGHTED_PROGRESS),
        plain=Avg("progress"),
        missing=Sum(WITHOUT_WEIGHT),
    )
    if figures["total"] is None:
        return _rounded(figures["plain"]), True
    if not figures["missing"] and figures["total"] == HUNDRED:
        return _rounded(figures["weighted"] / HUNDRED), True
    return _rounded(figures["plain"]), False


def progress_recompute(*, commitment: Commitment) -> None:
    """Recomputes and stores commitment → plan → exercise progress, under a row lock, and the
    commitment's status derived from its milestones (unless the coordination fixed it)."""
    commitment_progress_store(commitment=commitment)
    if commitment_statuses_derive(commitment_ids=[commitment.pk]):
        commitment.refresh_from_db(fields=["status"])
    plan_progress_recompute(plan_id=commitment.plan_id)


def commitment_statuses_derive(
    *, commitment_ids: Sequence[int], today: dt.date | None = None
) -> int:
    """Stores the status derived from the milestones (`plans.status`) of each of these
    commitments whose status the coordination has not fixed; returns how many changed."""
    today = today or timezone.localdate()
    ids = list(commitment_ids)
    states: dict[int, list[MilestoneState]] = defaultdict(list)
    rows = Milestone.objects.filter(commitment_id__in=ids, commitment__status_reason="")
    for cid, status, progress, end_on in rows.values_list(
        "commitment_id", "status", "progress", "end_on"
    ):
        states[cid].append(MilestoneState(status, progress, end_on))
    commitments = Commitment.objects.filter(pk__in=ids, status_reason="")
    changes = {
        pk: derived
        for pk, status, end_on in commitments.values_list("pk", "status", "end_on")
        if (derived := derived_status(states[pk], end_on, today)) != status
    }
    commitment_statuses_store(statuses=changes)
    return len(changes)


def commitment_statuses_store(*, statuses: Mapping[int, str]) -> None:
    """Stores derived statuses (commitment id → status): kept in the history, but without
    touching `updated_at`, so that a status the calendar moves (late) is not taken for an
    update of the commitment's information. No query when nothing changed."""
    if not statuses:
        return
    changed = list(Commitment.objects.filter(pk__in=list(statuses), status_reason=""))
    for commitment in changed:
        commitment.status = statuses[commitment.pk]
        commitment._change_reason = _("Estado derivado de los hitos")  # type: ignore[attr-defined]
        commitment.save(update_fields=["status"])
    plans_touch(plans=ActionPlan.objects.filter(pk__in={c.plan_id for c in changed}))


def commitment_derived_status(*, commitment: Commitment, today: dt.date | None = None) -> str:
    """What the milestones say the status is, whether or not the coordination fixed another."""
    milestones = commitment.milestones.values_list("status", "progress", "end_on")
    return derived_status(
        [MilestoneState(*m) for m in milestones], commitment.end_on, today or timezone.localdate()
    )


@transaction.atomic
def commitment_status_override(
    *, actor: User | None, commitment: Commitment, status: str, reason: str
) -> Commitment:
    """The coordination fixes the commitment's status with a reason (both kept in its history);
    no `status` returns it to the one derived from its milestones."""
    reason = reason.strip()
    if status and status not in CommitmentStatus.values:
        raise ValidationError({"status": _("Elige un estado de la lista.")})
    if status and not reason:
        raise ValidationError(
            {"reason": _("Explica por qué el estado no es el que dan los hitos.")}
        )
    if status:
        commitment.status, commitment.status_reason = status, reason
    else:
        commitment.status_reason = ""
    change = reason or _("Estado derivado de los hitos")
    record_save(
        instance=commitment, actor=actor, reason=change[:100], only=["status", "status_reason"]
    )
    if not status:
        commitment_statuses_derive(commitment_ids=[commitment.pk])
        commitment.refresh_from_db(fields=["status"])
    plan_progress_recompute(plan_id=commitment.plan_id)  # a withdrawn one leaves the plan's figure
    consistency_recheck(commitment_ids=[commitment.pk])
    return commitment


def commitment_progress_store(*, commitment: Commitment) -> None:
    """Stores the commitment's own progress only; imports roll the plan up once at the end."""
    locked = Commitment.objects.select_for_update().only("id").get(pk=commitment.pk)
    progress, weights_valid = commitment_progress(locked)
    Commitment.objects.filter(pk=locked.pk).update(progress=progress, weights_valid=weights_valid)
    commitment.progress, commitment.weights_valid = progress, weights_valid


def consistency_recheck(*, commitment_ids: list[int]) -> None:
    """Tells whoever listens (monitoring: its consistency rules and the commitments' followers)
    that these commitments changed, so the rules are evaluated whenever the data changes."""
    commitment_changed(commitment_ids=commitment_ids)


def plan_touch(*, plan_id: int) -> None:
    """Marks the plan's pages as changed, so that their cached fragments are not served again."""
    plans_touch(plans=ActionPlan.objects.filter(pk=plan_id))


def plans_touch(*, plans: QuerySet[ActionPlan]) -> None:
    plans.update(content_version=F("content_version") + 1)


def plan_progress_recompute(*, plan_id: int) -> None:
    plan_touch(plan_id=plan_id)
    published = Commitment.objects.filter(plan_id=plan_id, is_published=True).exclude(
        status="withdrawn"
    )
    progress = _rounded(published.aggregate(p=Avg("progress"))["p"])
    ActionPlan.objects.filter(pk=plan_id).update(progress=progress)
    exercise_id = ActionPlan.objects.filter(pk=plan_id).values_list("exercise_id", flat=True).get()
    plans = ActionPlan.objects.filter(exercise_id=exercise_id).exclude(status=PlanStatus.DRAFT)
    Exercise.objects.filter(pk=exercise_id).update(
        progress=_rounded(plans.aggregate(p=Avg("progress"))["p"])
    )


def _locked_axes(plan_id: int) -> QuerySet[PlanAxis]:
    """The plan's axes, once its row is locked (two editors of its list take turns); the plan's
    pages show its axes, so their cached fragments are marked as changed."""
    ActionPlan.objects.select_for_update().filter(pk=plan_id).first()
    plan_touch(plan_id=plan_id)
    return PlanAxis.objects.filter(plan_id=plan_id)


@transaction.atomic
def plan_axis_create(*, actor: User | None, plan: ActionPlan, name: str) -> PlanAxis:
    """A new axis at the end of the plan's list."""
    axis = PlanAxis(plan=plan)
    ordering.add(actor=actor, record=axis, siblings=_locked_axes(plan.pk), name=name)
    return axis


@transaction.atomic
def plan_axis_rename(*, actor: User | None, axis: PlanAxis, name: str) -> PlanAxis:
    siblings = _locked_axes(axis.plan_id)
    ordering.rename(actor=actor, record=axis, siblings=siblings, name=name)
    return axis


@transaction.atomic
def plan_axis_move(*, actor: User | None, axis: PlanAxis, position: int) -> PlanAxis:
    """Puts the axis at `position` (from 1) in its list."""
    siblings = _locked_axes(axis.plan_id)
    ordering.move(actor=actor, record=axis, siblings=siblings, position=position)
    return axis


@transaction.atomic
def plan_axis_retire(*, actor: User | None, axis: PlanAxis, retired: bool = True) -> PlanAxis:
    """Retires the axis (no longer offered to new entries) or restores it; what has it keeps it."""
    _locked_axes(axis.plan_id)
    ordering.retire(actor=actor, record=axis, retired=retired)
    return axis
