"""`load_demo` loads Jalisco's 2nd local plan and Mexico's four national plans."""

import pytest
from django.core.management import call_command
from django.test import Client

from cocrea.plans.models import ActionPlan, Commitment, Milestone

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(demo_once):
    """The demo, loaded once for this module's tests (each runs in a savepoint inside it)."""


def test_jalisco_second_plan_with_its_stages_and_eight_commitments(demo):
    plan = ActionPlan.objects.get(exercise__slug="jalisco", number=2)
    assert plan.objective.startswith("Fomentar instituciones abiertas")
    first_stage = plan.stages.order_by("order").first()
    assert first_stage is not None
    assert first_stage.name == "Identificación de problemas"
    assert plan.stages.count() == 4
    commitments = plan.commitments.order_by("number")
    assert commitments.count() == 8
    first = commitments[0]
    assert first.lead_institution.name == "Congreso del Estado de Jalisco"
    assert first.responsible_person == "Carlos Daniel Barba Rodríguez"
    assert first.problem.startswith("Falta de Participación")
    assert commitments[4].lead_institution.territory.name == "Zapopan"


def test_invented_milestones_are_labelled_as_example_data(demo):
    assert Milestone.objects.exists()
    assert not Milestone.objects.filter(is_example=False).exists()
    commitment = Commitment.objects.get(plan__exercise__slug="jalisco", number=5)
    assert str(commitment.progress) == "58.00"
    body = Client().get("/ejercicios/jalisco/planes/2/compromisos/5/").content.decode()
    assert "dato de ejemplo" in body


def test_national_plans(demo):
    plans = {p.number: p for p in ActionPlan.objects.filter(exercise__slug="mexico-aga")}
    assert set(plans) == {1, 2, 3, 4}
    assert plans[2].axes.count() == 5
    assert plans[2].period_label == "2013-2015"
    assert "26 compromisos" in plans[2].description
    assert (str(plans[4].period_start), str(plans[4].period_end)) == ("2019-12-01", "2021-08-31")
    consultation = plans[4].stages.get(order=1)
    assert (consultation.name, str(consultation.start_on)) == ("Consulta pública", "2019-05-24")


def test_loading_plans_twice_adds_nothing(demo):
    counts = (ActionPlan.history.count(), Commitment.history.count(), Milestone.history.count())
    call_command("load_demo")
    assert (
        ActionPlan.history.count(),
        Commitment.history.count(),
        Milestone.history.count(),
    ) == counts
