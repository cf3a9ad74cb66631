import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from cocrea.comptrollership.models import Inspection
from cocrea.exercises.models import Exercise
from cocrea.monitoring.models import Assessment, ProgressReport
from cocrea.opendata.models import Dataset
from cocrea.participation.models import Comment, Consultation, Participant, Proposal, Support
from cocrea.plans.models import Commitment, Milestone
from cocrea.reports.models import Photo, Report

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor == "postgresql", reason="SQLite's own answer")
def test_on_sqlite_it_says_what_it_needs():
    with pytest.raises(CommandError, match="PostgreSQL"):
        call_command("generate_scale_data", "--scale", "small")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="set-based SQL of PostgreSQL")
def test_small_scale_fills_every_capability_and_is_labelled():
    out, err = io.StringIO(), io.StringIO()
    call_command("generate_scale_data", "--scale", "small", stdout=out, stderr=err)
    assert "11/11" in err.getvalue()  # the progress bar reached its last step
    assert Exercise.objects.filter(slug__startswith="escala-").count() == 33
    assert Commitment.objects.filter(title__contains="sintético").count() == 500
    assert Milestone.objects.filter(deliverable__contains="sintético").count() == 5_000 + 40
    # The shapes of the plan and commitment page targets.
    first_plan = Commitment.objects.filter(plan__exercise__slug="escala-1").order_by("pk")[0].plan
    assert first_plan.commitments.count() == 100
    deep = first_plan.commitments.get(number=1)
    assert deep.milestones.count() == 50 and deep.history.count() == 200
    # The national consultation has the shape of the consultation targets; the states, the rest.
    national = Proposal.objects.filter(consultation__exercise__slug="escala-1")
    assert (
        national.count() == 2_500
        and Support.objects.filter(proposal__in=national).count() == 50_000
    )
    assert Proposal.objects.filter(title__contains="sintética").count() == 2_820
    assert Support.objects.count() == 50_000 + 2 * 4 * 320
    assert not Consultation.objects.filter(slug__startswith="escala-", proposal_count=0).exists()
    assert Comment.objects.filter(depth=1).count() == 4_000 and Comment.objects.count() == 20_000
    assert Report.objects.filter(description__contains="sintético").count() == 10_000
    assert Photo.objects.filter(report__description__contains="sintético").count() == 1_000
    assert Dataset.objects.filter(name__startswith="escala-").count() == 100
    assert ProgressReport.objects.count() == 500 and Assessment.objects.count() == 100
    assert Inspection.objects.filter(public_work__name__contains="sintética").count() == 200
    # Counts kept on the rows match the rows, and nobody supports beyond the limit.
    sample = Proposal.objects.order_by("-support_count").first()
    assert sample is not None
    assert sample.support_count == Support.objects.filter(proposal=sample).count() > 0
    assert max(Participant.objects.values_list("supports_used", flat=True)) <= 10
    call_command("generate_scale_data", "--scale", "small", stdout=out, stderr=err)
    assert "se reutilizan" in out.getvalue() and Support.objects.count() == 52_560
