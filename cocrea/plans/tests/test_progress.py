"""Progress rolls up milestones → commitment → plan → exercise, stored on every change."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from cocrea.plans.models import Commitment, PlanStatus
from cocrea.plans.services import milestone_save, milestone_weights_set
from cocrea.plans.tests.factories import CommitmentFactory, MilestoneFactory, PlanFactory

pytestmark = pytest.mark.django_db


def _set(milestone, progress, status="in_progress"):
    milestone_save(actor=None, milestone=milestone, progress=progress, status=status)


def test_plain_mean_without_weights():
    commitment = CommitmentFactory()
    first, second = MilestoneFactory(commitment=commitment), MilestoneFactory(commitment=commitment)
    _set(first, 100, "completed")
    _set(second, 50)
    commitment.refresh_from_db()
    assert commitment.progress == Decimal("75.00")
    assert commitment.weights_valid


def test_weighted_mean_when_weights_add_up_to_100():
    commitment = CommitmentFactory()
    first, second = MilestoneFactory(commitment=commitment), MilestoneFactory(commitment=commitment)
    milestone_weights_set(
        actor=None, commitment=commitment, weights={first.pk: Decimal(20), second.pk: Decimal(80)}
    )
    _set(first, 100, "completed")
    _set(second, 50)
    commitment.refresh_from_db()
    assert commitment.progress == Decimal("60.00")  # 0.2·100 + 0.8·50


@pytest.mark.parametrize(
    "weights",
    [
        {0: Decimal(20), 1: Decimal(70)},
        {0: Decimal(100), 1: None},
        {0: Decimal(60), 1: Decimal(60)},
    ],
)
def test_weights_that_do_not_add_up_are_refused_and_nothing_changes(weights):
    commitment = CommitmentFactory()
    milestones = [MilestoneFactory(commitment=commitment) for _ in range(2)]
    with pytest.raises(ValidationError) as error:
        milestone_weights_set(
            actor=None,
            commitment=commitment,
            weights={milestones[i].pk: w for i, w in weights.items()},
        )
    assert "deben sumar 100" in str(error.value)
    assert all(m.weight is None for m in commitment.milestones.all())


def test_a_milestone_added_after_weighting_falls_back_to_the_plain_mean_and_says_so():
    commitment = CommitmentFactory()
    first, second = MilestoneFactory(commitment=commitment), MilestoneFactory(commitment=commitment)
    milestone_weights_set(
        actor=None, commitment=commitment, weights={first.pk: Decimal(50), second.pk: Decimal(50)}
    )
    _set(first, 100, "completed")
    third = MilestoneFactory(commitment=commitment)
    _set(third, 20)
    commitment.refresh_from_db()
    assert not commitment.weights_valid
    assert commitment.progress == Decimal("40.00")  # (100 + 0 + 20) / 3


def test_cancelled_milestones_do_not_count():
    commitment = CommitmentFactory()
    done, cancelled = (
        MilestoneFactory(commitment=commitment),
        MilestoneFactory(commitment=commitment),
    )
    _set(done, 100, "completed")
    _set(cancelled, 0, "cancelled")
    commitment.refresh_from_db()
    assert commitment.progress == Decimal("100.00")


def test_plan_and_exercise_progress_follow_their_published_commitments():
    plan = PlanFactory()
    exercise = plan.exercise
    a, b = CommitmentFactory(plan=plan), CommitmentFactory(plan=plan)
    CommitmentFactory(plan=plan, is_published=False)  # a draft does not count
    _set(MilestoneFactory(commitment=a), 80)
    _set(MilestoneFactory(commitment=b), 40)
    plan.refresh_from_db()
    exercise.refresh_from_db()
    assert plan.progress == Decimal("60.00")
    other = PlanFactory(exercise=exercise)
    _set(MilestoneFactory(commitment=CommitmentFactory(plan=other)), 20)
    PlanFactory(exercise=exercise, status=PlanStatus.DRAFT)  # drafts do not count either
    exercise.refresh_from_db()
    assert exercise.progress == Decimal("40.00")  # (60 + 20) / 2


def test_progress_is_stored_not_computed_on_view(django_assert_num_queries):
    commitment = CommitmentFactory()
    _set(MilestoneFactory(commitment=commitment), 30)
    Commitment.objects.filter(pk=commitment.pk).update(progress=Decimal("12.00"))
    from django.test import Client

    plan = commitment.plan
    body = Client().get(f"/ejercicios/{plan.exercise.slug}/planes/{plan.number}/").content.decode()
    assert "12 %" in body  # what is stored, not a fresh computation


def test_rolled_up_fields_leave_no_history_noise():
    commitment = CommitmentFactory()
    milestone = MilestoneFactory(commitment=commitment)
    before = Commitment.history.filter(id=commitment.pk).count()
    _set(milestone, 10)  # its derived status moves once (not started → in progress): history
    started = Commitment.history.filter(id=commitment.pk)
    assert started.count() == before + 1
    assert started.first().status == "in_progress"
    _set(milestone, 20)  # the progress moves again, the status does not: no new entry
    assert Commitment.history.filter(id=commitment.pk).count() == before + 1
