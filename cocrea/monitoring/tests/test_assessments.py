"""IRM-style assessments: by assessors only, starred by the 2014 rule, kept with their history."""

import pytest
from django.test import Client

from cocrea.core.tests.helpers import client_for, streamed
from cocrea.exercises.models import ExerciseRole
from cocrea.exercises.tests.factories import ExerciseMembershipFactory
from cocrea.monitoring.models import Assessment
from cocrea.plans.tests.factories import CommitmentFactory, PlanFactory

pytestmark = pytest.mark.django_db

STARRED = {
    "assessed_on": "2021-01-15",
    "specificity": "high",
    "relevance_civic_participation": "on",
    "potential_impact": "moderate",
    "completion": "substantial",
    "opened_government": "major",
}


@pytest.fixture
def world(roles):
    plan = PlanFactory(exercise=roles.exercise, number=1)
    commitment = CommitmentFactory(plan=plan, number=1)
    assessor = ExerciseMembershipFactory(exercise=roles.exercise, role=ExerciseRole.ASSESSOR).user
    url = f"/ejercicios/{roles.exercise.slug}/planes/1/compromisos/1/evaluacion/"
    return commitment, assessor, url


@pytest.mark.parametrize(
    "role",
    ["participant", "liaison", "other_liaison", "coordinator", "secretariat", "other_coordinator"],
)
def test_only_assessors_assess(roles, world, role):
    _commitment, _assessor, url = world
    assert client_for(getattr(roles, role)).post(url, STARRED).status_code == 403
    assert client_for(None).post(url, STARRED).status_code == 302
    assert not Assessment.objects.exists()


@pytest.mark.parametrize("who", ["assessor", "admin"])
def test_assessors_and_admins_assess_and_the_2014_rule_stars(roles, world, who):
    commitment, assessor, url = world
    user = assessor if who == "assessor" else roles.admin
    assert client_for(user).post(url, STARRED).status_code == 302
    assessment = Assessment.objects.get(commitment=commitment)
    assert assessment.starred
    for change in (
        {"specificity": "low"},
        {"potential_impact": "minor"},
        {"completion": "limited"},
    ):
        data = STARRED | change
        client_for(user).post(url, data)
        assessment.refresh_from_db()
        assert not assessment.starred, change
    assert Assessment.history.filter(commitment_id=commitment.pk).count() == 4  # every version kept


def test_relevance_to_technology_alone_does_not_star(roles, world):
    _commitment, assessor, url = world
    data = {k: v for k, v in STARRED.items() if k != "relevance_civic_participation"} | {
        "relevance_technology": "on"
    }
    client_for(assessor).post(url, data)
    assert not Assessment.objects.get().starred


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"verifiable": "false", "results_potential": "modest"}, "no verificable no se revisa"),
        ({"assessed_on": "2999-01-01"}, "posterior a hoy"),
        ({"specificity": "enorme"}, "Elige una opción válida"),
    ],
)
def test_bad_assessments_are_refused(roles, world, change, message):
    _commitment, assessor, url = world
    response = client_for(assessor).post(url, STARRED | change)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Assessment.objects.exists()


def test_plan_summary_table_ogp_export_and_api(roles, world, django_assert_max_num_queries):
    commitment, assessor, url = world
    client_for(assessor).post(url, STARRED)
    CommitmentFactory(plan=commitment.plan, number=2)
    base = f"/ejercicios/{roles.exercise.slug}/planes/1/"
    with django_assert_max_num_queries(5):
        body = Client().get(base + "evaluaciones/").content.decode()
    assert "<strong>1</strong> de 2 compromisos evaluados" in body
    assert "★" in body and "Sin evaluar" in body
    ogp = streamed(Client().get(base + "exportar.ogp.csv")).decode()
    assert "high,moderate,substantial,major" in ogp
    api = Client().get(f"/api/v1/assessments?plan={commitment.plan_id}&starred=true").json()
    assert api["count"] == 1 and api["items"][0]["starred"] is True
    assert Client().get(f"/api/v1/assessments/{commitment.pk}").json()["reviewable"] is True
