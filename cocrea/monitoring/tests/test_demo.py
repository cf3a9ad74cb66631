"""The demo shows a commitment's whole follow-up, and no figure contradicts its records."""

import pytest

from cocrea.core import demo as core_demo
from cocrea.core.tests.helpers import rolled_back_at_the_end
from cocrea.exercises import demo as exercises_demo
from cocrea.monitoring import demo as monitoring_demo
from cocrea.monitoring.models import Assessment, Finding, ProgressReport, ReportReview
from cocrea.plans import demo as plans_demo
from cocrea.plans.models import Commitment, Evidence, Milestone
from cocrea.plans.services import commitment_derived_status

pytestmark = pytest.mark.django_db


def _load() -> None:
    core_demo.load()
    exercises_demo.load()
    plans_demo.load()
    monitoring_demo.load()


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """Loaded once for this module's tests, in a transaction rolled back after the last one;
    each test runs in a savepoint of its own inside it."""
    yield from rolled_back_at_the_end(django_db_blocker, tmp_path_factory.mktemp("media"), _load)


def test_the_demo_follows_a_commitment_through_reports_disputes_and_evidence(demo):
    original, correction = ProgressReport.objects.order_by("reported_on")
    assert correction.corrects == original
    disputed = ReportReview.objects.get(report=original)
    assert disputed.verdict == "disputed" and disputed.answer and disputed.answered_at
    assert ReportReview.objects.get(report=correction).verdict == "validated"
    assert Evidence.objects.filter(milestone__commitment=original.commitment).count() == 2
    assert Assessment.objects.filter(commitment=original.commitment).exists()
    done_without_evidence = Finding.objects.get(rule="HIT-01")
    assert done_without_evidence.resolved_at is not None  # the correction brought the evidence
    fixed = Commitment.objects.exclude(status_reason="").get()
    assert "(dato de ejemplo)" in fixed.status_reason
    open_ = Finding.objects.filter(resolved_at=None)
    assert list(open_.values_list("rule", "commitment_id", "detail")) == [
        ("EST-02", fixed.pk, "Cumplido · 0 %")
    ]


def test_no_demo_status_contradicts_its_records_without_saying_so(demo):
    for commitment in Commitment.objects.all():
        if not commitment.status_reason:
            assert commitment.status == commitment_derived_status(commitment=commitment)
    for milestone in Milestone.objects.all():
        assert (milestone.progress == 100) == (milestone.status == "completed")


def test_loading_the_demo_twice_adds_nothing(demo):
    counts = (
        Commitment.history.count(),
        Milestone.history.count(),
        Evidence.objects.count(),
        ProgressReport.objects.count(),
        ReportReview.history.count(),
        Finding.objects.count(),
    )
    monitoring_demo.load()
    plans_demo.load()
    assert counts == (
        Commitment.history.count(),
        Milestone.history.count(),
        Evidence.objects.count(),
        ProgressReport.objects.count(),
        ReportReview.history.count(),
        Finding.objects.count(),
    )
