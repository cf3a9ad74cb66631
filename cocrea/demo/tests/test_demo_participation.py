"""`load_demo` loads the 4th national plan's consultation and Durango's 2014 figures."""

import pytest
from django.core.management import call_command
from django.test import Client

from cocrea.participation.models import Consultation, Problem, Proposal, WorkingTable

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(demo_once):
    """The demo, loaded once for this module's tests (each runs in a savepoint inside it)."""


def test_fourth_plan_consultation_and_its_six_problems(demo):
    consultation = Consultation.objects.get(slug="consulta-4-plan-de-accion")
    assert consultation.plan is not None
    assert consultation.plan.number == 4
    assert consultation.opens_at.date().isoformat() == "2019-05-24"
    assert consultation.axes.count() == 3
    assert Problem.objects.filter(consultation=consultation).count() == 6
    dates = sorted(str(t.held_on) for t in WorkingTable.objects.filter(consultation=consultation))
    assert dates[0] == "2019-08-21" and dates[-1] == "2019-09-13"
    assert not Proposal.objects.filter(consultation=consultation, is_example=False).exists()


def test_durango_figures_are_kept_as_reported(demo):
    consultation = Consultation.objects.get(slug="consulta-ciudadana-durango-2014")
    assert (consultation.reported_participants, consultation.reported_proposals) == (5154, 14377)
    assert consultation.territory is not None
    assert consultation.territory.name == "Durango"
    body = (
        Client()
        .get("/ejercicios/durango/consultas/consulta-ciudadana-durango-2014/sistematizacion/")
        .content.decode()
    )
    assert "5,154 personas registradas" in body and "14,377 propuestas" in body


def test_examples_are_labelled_and_loading_twice_adds_nothing(demo):
    body = (
        Client().get("/ejercicios/mexico-aga/consultas/consulta-4-plan-de-accion/").content.decode()
    )
    assert body.count("dato de ejemplo</span>") == 3
    before = (Proposal.history.count(), Problem.history.count(), WorkingTable.history.count())
    call_command("load_demo")
    assert (
        Proposal.history.count(),
        Problem.history.count(),
        WorkingTable.history.count(),
    ) == before
