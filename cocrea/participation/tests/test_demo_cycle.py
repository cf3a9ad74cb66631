"""`load_demo` shows, in Jalisco, a consultation whose whole cycle happened, as example data."""

import pytest
from django.core.management import call_command
from django.test import Client

from cocrea.participation.models import (
    Comment,
    Consultation,
    Proposal,
    ProposalStatus,
    Support,
    TableAttendance,
)

pytestmark = pytest.mark.django_db


def test_the_jalisco_example_consultation_goes_from_proposals_to_milestones():
    call_command("load_demo")
    call_command("load_demo")  # idempotent
    consultation = Consultation.objects.get(slug="consulta-ejemplo-jalisco-pal-2")
    proposals = Proposal.objects.filter(consultation=consultation)
    assert consultation.exercise.slug == "jalisco" and consultation.axes.count() == 3
    assert proposals.count() >= 24 and not proposals.filter(is_example=False).exists()
    assert Support.objects.filter(proposal__consultation=consultation).count() >= 60
    assert Comment.objects.filter(proposal__consultation=consultation).count() >= 10
    assert consultation.problems.count() == 3 and consultation.tables.count() == 3
    assert TableAttendance.objects.filter(table__consultation=consultation).exists()
    assert not proposals.filter(status=ProposalStatus.UNDER_REVIEW).exists()
    assert set(proposals.values_list("status", flat=True)) == {
        ProposalStatus.TAKEN,
        ProposalStatus.GROUPED,
        ProposalStatus.NOT_TAKEN,
    }
    answered = proposals.get(milestone__isnull=False)
    assert answered.commitment is not None and answered.milestone is not None
    commitment_page = Client().get(answered.commitment.get_absolute_url()).content.decode()
    assert answered.get_absolute_url() in commitment_page
    assert "Mesas de trabajo que lo produjeron" in commitment_page
    page = Client().get(answered.get_absolute_url()).content.decode()
    assert f"#hito-{answered.milestone.number}" in page
