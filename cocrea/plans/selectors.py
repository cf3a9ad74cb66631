"""Reads of plans and commitments. Every list declares its queries."""

from dataclasses import dataclass
from typing import Any

from django.db.models import (
    Count,
    Prefetch,
    Q,
    QuerySet,
    Sum,
)
from django.http import Http404
from django.shortcuts import get_object_or_404

from cocrea.core.models import Organization
from cocrea.core.queries import filter_given, related_count
from cocrea.exercises.models import Exercise, ExerciseMembership, ExerciseRole
from cocrea.plans.models import (
    PILLARS,
    ActionPlan,
    Commitment,
    CommitmentStatus,
    Evidence,
    Milestone,
    PlanAxis,
    PlanStatus,
)


def plan_list(*, exercise: Exercise, include_drafts: bool) -> QuerySet[ActionPlan]:
    qs = ActionPlan.objects.filter(exercise=exercise).annotate(
        commitment_count=related_count(Commitment, "plan", is_published=True)
    )
    return qs if include_drafts else qs.exclude(status=PlanStatus.DRAFT)


def plan_get(*, exercise: Exercise, number: int) -> ActionPlan:
    return get_object_or_404(
        ActionPlan.objects.select_related("exercise__territory"), exercise=exercise, number=number
    )


@dataclass(frozen=True)
class CommitmentFilters:
    theme: str = ""
    pillar: str = ""
    institution: str = ""
    status: str = ""

    def apply(self, qs: QuerySet[Commitment]) -> QuerySet[Commitment]:
        if self.theme:
            qs = qs.filter(theme__slug=self.theme)
        if self.pillar in PILLARS:
            qs = qs.filter(**{PILLARS[self.pillar][0]: True})
        if self.institution:
            qs = qs.filter(lead_institution__slug=self.institution)
        if self.status in CommitmentStatus.values:
            qs = qs.filter(status=self.status)
        return qs


def commitment_list(
    *, plan: ActionPlan, filters: CommitmentFilters, include_unpublished: bool
) -> QuerySet[Commitment]:
    qs = (
        Commitment.objects.filter(plan=plan)
        .select_related("lead_institution", "theme")
        .only(
            "id",
            "plan_id",
            "number",
            "title",
            "status",
            "progress",
            "is_published",
            "is_example",
            "responsible_person",
            "end_on",
            "lead_institution__name",
            "lead_institution__slug",
            "theme__name",
            "theme__slug",
            *(field for field, _label in PILLARS.values()),
        )
        .annotate(milestone_count=related_count(Milestone, "commitment"))
        .order_by("number")
    )
    if not include_unpublished:
        qs = qs.filter(is_published=True)
    return filters.apply(qs)


def plan_institutions(*, plan: ActionPlan, include_unpublished: bool) -> list[Organization]:
    """The institutions that lead a commitment of the plan, by name: the plan's filter offers
    them instead of asking for an identifier. One query."""
    commitments = Commitment.objects.filter(plan=plan)
    if not include_unpublished:
        commitments = commitments.filter(is_published=True)
    return list(
        Organization.objects.filter(pk__in=commitments.values("lead_institution_id"))
        .only("name", "slug")
        .order_by("name", "pk")
    )


def commitment_counts(commitments: QuerySet[Commitment]) -> dict[str, int]:
    """Counts by status of a (filtered) list of commitments, in one query."""
    return commitments.order_by().aggregate(
        total=Count("id"),
        **{status: Count("id", filter=Q(status=status)) for status in CommitmentStatus.values},
    )


def commitment_get(*, plan: ActionPlan, number: int) -> Commitment:
    return get_object_or_404(
        Commitment.objects.select_related(
            "lead_institution", "theme", "plan__exercise"
        ).prefetch_related("supporting_institutions", "sdgs", "axes"),
        plan=plan,
        number=number,
    )


def milestones_with_evidence(*, commitment: Commitment) -> list[Milestone]:
    """The milestones in order, each with `evidence_items`, in two queries.

    Grouping the evidence here, rather than with `prefetch_related`, spares Django a queryset per
    milestone, which a commitment with fifty milestones feels.
    """
    milestones = list(Milestone.objects.filter(commitment=commitment).order_by("number"))
    grouped: dict[int, list[Evidence]] = {m.pk: [] for m in milestones}
    evidence = Evidence.objects.filter(milestone__commitment=commitment).order_by(
        "-created_at", "-id"
    )
    for item in evidence:
        grouped[item.milestone_id].append(item)
    for milestone in milestones:
        milestone.evidence_items = grouped[milestone.pk]  # type: ignore[attr-defined]
    return milestones


def commitment_header(*, plan: ActionPlan, number: int) -> Commitment:
    """What the commitment page shows above its cached body, and what permissions need."""
    commitment = get_object_or_404(
        Commitment.objects.only(
            "id",
            "plan_id",
            "number",
            "title",
            "status",
            "status_reason",
            "is_published",
            "is_example",
            "progress",
            "weights_valid",
            "lead_institution_id",
        ),
        plan=plan,
        number=number,
    )
    commitment.plan = plan  # already loaded: the permission checks read it
    return commitment


def milestone_get(*, commitment: Commitment, number: int) -> Milestone:
    return get_object_or_404(
        Milestone.objects.select_related("commitment__plan__exercise"),
        commitment=commitment,
        number=number,
    )


def evidence_get(*, commitment: Commitment, evidence_id: int) -> Evidence:
    return get_object_or_404(Evidence, milestone__commitment=commitment, pk=evidence_id)


def plan_search(*, exercise_id: int | None) -> QuerySet[ActionPlan]:
    qs = (
        ActionPlan.objects.exclude(status=PlanStatus.DRAFT)
        .select_related("exercise")
        .annotate(commitment_count=related_count(Commitment, "plan", is_published=True))
        .order_by("exercise_id", "number")
    )
    return filter_given(qs, exercise_id=exercise_id)


def public_plan(*, plan_id: int) -> ActionPlan:
    return get_object_or_404(plan_search(exercise_id=None), pk=plan_id)


def public_commitments() -> QuerySet[Commitment]:
    return commitments_visible_to(organization_id=None)


def commitments_visible_to(*, organization_id: int | None) -> QuerySet[Commitment]:
    """The commitments whose pages an institution's liaisons open (`plans.view_plan` and
    `plans.view_commitment` in rules.py), for its API key: the published ones and those it leads
    though still unpublished, never any of a draft plan (only its exercise's editors see those,
    and they have no key). With no institution, what everyone sees."""
    visible = Q(is_published=True)
    if organization_id is not None:
        visible |= Q(lead_institution_id=organization_id)
    return Commitment.objects.filter(visible).exclude(plan__status=PlanStatus.DRAFT)


def commitment_search(
    *, plan_id: int | None, exercise_id: int | None, filters: CommitmentFilters
) -> QuerySet[Commitment]:
    qs = (
        public_commitments()
        .select_related("lead_institution", "theme")
        .order_by("plan_id", "number")
    )
    return filters.apply(filter_given(qs, plan_id=plan_id, plan__exercise_id=exercise_id))


def public_commitment(*, commitment_id: int) -> Commitment:
    milestones = Milestone.objects.order_by("number").prefetch_related("evidence")
    return get_object_or_404(
        public_commitments()
        .select_related("lead_institution", "theme")
        .prefetch_related(
            "supporting_institutions", "sdgs", Prefetch("milestones", queryset=milestones)
        ),
        pk=commitment_id,
    )


def public_milestone(*, milestone_id: int, organization_id: int | None = None) -> Milestone:
    """The milestone, or 404 (the same for one that does not exist and one the institution, or
    the public, may not see): see `commitments_visible_to`."""
    visible = commitments_visible_to(organization_id=organization_id)
    qs = Milestone.objects.select_related("commitment").prefetch_related("evidence")
    return get_object_or_404(qs.filter(commitment__in=visible), pk=milestone_id)


def plan_axis_list(*, plan: ActionPlan) -> QuerySet[PlanAxis]:
    """Every axis of the plan, retired ones too, in their order."""
    return PlanAxis.objects.filter(plan=plan).order_by("order", "pk")


def plan_axis_get(*, plan: ActionPlan, axis_id: int) -> PlanAxis:
    return get_object_or_404(PlanAxis, plan=plan, pk=axis_id)


def plan_visible(*, user: Any, exercise_slug: str, number: int) -> ActionPlan:
    """The plan, or 404 for whoever may not see it (drafts are not revealed)."""
    plan = get_object_or_404(
        ActionPlan.objects.select_related("exercise__territory"),
        exercise__slug=exercise_slug,
        number=number,
    )
    if not user.has_perm("plans.view_plan", plan):
        raise Http404
    return plan


def commitment_visible(*, user: Any, plan: ActionPlan, number: int) -> Commitment:
    commitment = commitment_get(plan=plan, number=number)
    if not user.has_perm("plans.view_commitment", commitment):
        raise Http404
    return commitment


def content_version_of(*, plans: QuerySet[ActionPlan]) -> tuple[int, int]:
    """A version for pages that sum up many plans: it moves whenever any of them changes."""
    figures = plans.aggregate(total=Sum("content_version"), n=Count("id"))
    return figures["total"] or 0, figures["n"]


def coordinates_exercise_using(*, user: Any, organization: Organization) -> bool:
    """Whether `user` coordinates an exercise with a commitment that `organization` leads or
    supports (drafts included: the institution is named in them too)."""
    if not getattr(user, "is_authenticated", False):
        return False
    # Memoised on the user for the request: a page asks it for more than one permission.
    known: dict[int, bool] = user.__dict__.setdefault("_coordinates_using", {})
    if organization.pk not in known:
        uses = Q(exercise__plans__commitments__lead_institution=organization) | Q(
            exercise__plans__commitments__supporting_institutions=organization
        )
        known[organization.pk] = (
            ExerciseMembership.objects.filter(
                user=user, role=ExerciseRole.COORDINATOR, is_active=True
            )
            .filter(uses)
            .exists()
        )
    return known[organization.pk]
