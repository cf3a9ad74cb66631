"""Each consistency rule, on the facts it reads; `run_checks` over everything."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from cocrea.monitoring.consistency import RULES
from cocrea.monitoring.models import Finding, ReportReview
from cocrea.monitoring.services import checks_run_all, findings_refresh
from cocrea.monitoring.tests.factories import ProgressReportFactory, ReportReviewFactory
from cocrea.plans.models import Commitment, Evidence, Milestone
from cocrea.plans.services import milestone_save
from cocrea.plans.tests.factories import CommitmentFactory, MilestoneFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def _open(commitment) -> set[str]:
    findings_refresh(commitment_ids=[commitment.pk])
    return set(
        Finding.objects.filter(commitment=commitment, resolved_at=None).values_list(
            "rule", flat=True
        )
    )


def test_every_rule_has_a_code_an_explanation_and_a_fix():
    assert len(RULES) >= 10
    for code, rule in RULES.items():
        assert code == rule.code and str(rule.title) and str(rule.explanation) and str(rule.fix)


def test_a_tidy_commitment_has_no_findings():
    commitment = CommitmentFactory(responsible_person="Persona Servidora")
    MilestoneFactory(commitment=commitment)
    assert _open(commitment) == set()


def test_completed_milestone_without_evidence_then_fixed():
    commitment = CommitmentFactory(responsible_person="P")
    milestone = MilestoneFactory(commitment=commitment, status="completed", progress=100)
    assert "HIT-01" in _open(commitment)
    Evidence.objects.create(milestone=milestone, description="Acta", url="https://example.org")
    assert "HIT-01" not in _open(commitment)
    assert Finding.objects.filter(rule="HIT-01", resolved_at__isnull=False).exists()


def test_progress_without_reports():
    commitment = CommitmentFactory(responsible_person="P")
    milestone_save(actor=None, milestone=MilestoneFactory(commitment=commitment), progress=40)
    assert "AVA-01" in _open(commitment)
    ProgressReportFactory(commitment=commitment, reported_on=TODAY, narrative="Avance")
    assert "AVA-01" not in _open(commitment)


def test_overdue_milestone_without_update():
    commitment = CommitmentFactory(responsible_person="P")
    milestone = MilestoneFactory(commitment=commitment, end_on=TODAY - dt.timedelta(days=10))
    Milestone.objects.filter(pk=milestone.pk).update(
        updated_at=timezone.now() - dt.timedelta(days=20)
    )
    assert "HIT-02" in _open(commitment)
    Milestone.objects.filter(pk=milestone.pk).update(updated_at=timezone.now())
    assert "HIT-02" not in _open(commitment)


def test_milestone_outside_its_commitment_weights_and_status():
    commitment = CommitmentFactory(  # a status the coordination fixed: not derived away
        responsible_person="P",
        start_on="2020-01-01",
        end_on="2020-12-31",
        status="completed",
        status_reason="La coordinación lo dio por cumplido",
    )
    MilestoneFactory(commitment=commitment, end_on="2021-03-01", status="in_progress")
    Commitment.objects.filter(pk=commitment.pk).update(weights_valid=False)
    assert {"HIT-03", "EST-01", "POND-01"} <= _open(commitment)


def test_progress_that_went_down_needs_an_explanation():
    commitment = CommitmentFactory(responsible_person="P")
    milestone = MilestoneFactory(commitment=commitment)
    milestone_save(actor=None, milestone=milestone, progress=60)
    milestone_save(actor=None, milestone=milestone, progress=30)
    assert "AVA-02" in _open(commitment)
    milestone_save(actor=None, milestone=milestone, progress=20, reason="Se repitió la licitación")
    assert "AVA-02" not in _open(commitment)


def test_no_responsible_person():
    assert "RESP-01" in _open(CommitmentFactory(responsible_person=""))


def test_dispute_unanswered_for_30_days():
    commitment = CommitmentFactory(responsible_person="P")
    report = ProgressReportFactory(commitment=commitment, reported_on=TODAY, narrative="Avance")
    review = ReportReviewFactory(report=report, verdict="disputed", note="No coincide")
    assert "VAL-01" not in _open(commitment)
    ReportReview.objects.filter(pk=review.pk).update(
        created_at=timezone.now() - dt.timedelta(days=31)
    )
    assert "VAL-01" in _open(commitment)
    ReportReview.objects.filter(pk=review.pk).update(
        answered_at=timezone.now(), answer="Se corrige"
    )
    assert "VAL-01" not in _open(commitment)


def test_stale_information_uses_the_exercise_threshold():
    commitment = CommitmentFactory(responsible_person="P", status="in_progress")
    old = timezone.now() - dt.timedelta(days=40)
    Commitment.objects.filter(pk=commitment.pk).update(updated_at=old)
    assert "ACT-01" not in _open(commitment)  # 40 days < 90
    exercise = commitment.plan.exercise
    exercise.stale_after_days = 30
    exercise.save()
    assert "ACT-01" in _open(commitment)
    Commitment.objects.filter(pk=commitment.pk).update(status="completed", status_reason="Fijado")
    assert "ACT-01" not in _open(commitment)  # only current commitments go stale


def test_findings_follow_data_changes_without_run_checks():
    commitment = CommitmentFactory(responsible_person="P")
    milestone = MilestoneFactory(commitment=commitment)
    milestone_save(actor=None, milestone=milestone, progress=100, status="completed")
    assert Finding.objects.filter(commitment=commitment, rule="HIT-01", resolved_at=None).exists()


@pytest.mark.parametrize("n", [4, 30])
def test_run_checks_command_and_query_count(django_assert_num_queries, capsys, n):
    for i in range(n):
        commitment = CommitmentFactory(responsible_person="" if i % 2 else "P")
        MilestoneFactory(commitment=commitment, weight=Decimal(10))
    # ids; per chunk: savepoint, commitments, disputes, milestones, open keys, create, the plans'
    # content versions, release (nothing to resolve, no alert to send) — the same for 4
    # commitments as for 30
    with django_assert_num_queries(9):
        checked, found = checks_run_all()
    assert checked == n and found >= n // 2
    call_command("run_checks")
    assert f"{n} compromisos revisados" in capsys.readouterr().out
