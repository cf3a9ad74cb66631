"""From proposals to commitments: ranking, problems, working tables, answers and traceability."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from cocrea.core.tests.factories import UserFactory
from cocrea.core.tests.helpers import NON_EDITORS, client_for
from cocrea.participation.models import Axis, Consultation, Problem, ProposalStatus, WorkingTable
from cocrea.participation.services import ProposalFields, proposal_submit, support_add
from cocrea.plans.tests.factories import CommitmentFactory, PlanFactory

pytestmark = pytest.mark.django_db
NOW = timezone.now()


@pytest.fixture
def world(roles):
    consultation = Consultation.objects.create(
        exercise=roles.exercise,
        title="Consulta",
        slug="consulta",
        opens_at=NOW - dt.timedelta(days=1),
        closes_at=NOW + dt.timedelta(days=5),
        supports_per_participant=5,
    )
    justice = Axis.objects.create(consultation=consultation, order=1, name="Justicia")
    welfare = Axis.objects.create(consultation=consultation, order=2, name="Bienestar")
    proposals = []
    for n in range(6):
        fields: ProposalFields = {
            "title": f"Propuesta {n}",
            "body": "x",
            "axis": justice if n < 3 else welfare,
            "place": "Centro" if n % 2 else "Oblatos",
        }
        proposals.append(proposal_submit(actor=UserFactory(), consultation=consultation, **fields))
    voters = [UserFactory() for _ in range(3)]
    for i, voter in enumerate(voters):
        for proposal in proposals[: i + 2]:
            support_add(actor=voter, proposal=proposal)
    base = f"/ejercicios/{roles.exercise.slug}/consultas/consulta/"
    return consultation, proposals, base


def test_systematization_figures_and_ranking(world, django_assert_max_num_queries):
    _consultation, _proposals, base = world
    with django_assert_max_num_queries(12):
        body = Client().get(base + "sistematizacion/").content.decode()
    assert "<strong>9</strong> personas participantes" in body  # 6 authors + 3 supporters
    assert "<strong>9</strong> apoyos" in body
    ranking = body[body.index("Las más apoyadas") : body.index("Por eje")]
    assert ranking.index("Propuesta 0") < ranking.index("Propuesta 2")
    assert "Oblatos" in body and "Centro" in body
    places = body[body.index("Las más apoyadas de cada lugar") : body.index("Por eje")]
    assert places.count("<tr>") == 7  # header and three per place


@pytest.mark.parametrize("role", [None, *NON_EDITORS])
def test_only_the_secretariat_creates_problems(roles, world, role):
    _consultation, _proposals, base = world
    response = client_for(getattr(roles, role) if role else None).post(
        base + "problematicas/nueva/", {"title": "Corrupción"}
    )
    assert response.status_code == (302 if role is None else 403)
    assert not Problem.objects.exists()


def test_from_proposals_to_a_commitment_and_back(roles, world):
    _consultation, proposals, base = world
    client = client_for(roles.coordinator)
    commitment = CommitmentFactory(plan=PlanFactory(exercise=roles.exercise))
    data = {"title": "Gasto ineficiente por la corrupción", "commitments": [commitment.pk]}
    response = client.post(base + "problematicas/nueva/", data)
    problem = Problem.objects.get()
    assert response["Location"].endswith(f"problematicas/{problem.pk}/")
    other = Consultation.objects.create(
        exercise=roles.exercise,
        title="Otra",
        slug="otra",
        opens_at=NOW,
        closes_at=NOW + dt.timedelta(days=1),
    )
    foreign = proposal_submit(actor=UserFactory(), consultation=other, title="Ajena", body="x")
    bad = client.post(
        base + f"problematicas/{problem.pk}/agrupar/",
        {"proposals": f"{proposals[0].pk}, {foreign.pk}"},
    )
    assert bad.status_code == 400 and "No son de esta consulta" in bad.content.decode()
    assert (
        client.post(
            base + f"problematicas/{problem.pk}/agrupar/", {"proposals": "uno, dos"}
        ).status_code
        == 400
    )
    ids = f"{proposals[0].pk}, {proposals[1].pk}"
    assert (
        client.post(base + f"problematicas/{problem.pk}/agrupar/", {"proposals": ids}).status_code
        == 302
    )
    table = {
        "problems": [problem.pk],
        "held_on": "2026-01-15",
        "government": 4,
        "civil_society": 6,
        "guarantor": 1,
        "others": 0,
        "outcome": "Compromiso de presupuesto abierto",
    }
    assert client.post(base + "mesas/nueva/", table).status_code == 302
    assert client.post(base + "mesas/nueva/", table | {"held_on": "2999-01-01"}).status_code == 400
    assert WorkingTable.objects.count() == 1
    proposals[0].refresh_from_db()
    assert proposals[0].status == ProposalStatus.GROUPED
    proposal_page = Client().get(base + f"propuestas/{proposals[0].pk}/").content.decode()
    assert "Gasto ineficiente" in proposal_page
    problem_page = Client().get(base + f"problematicas/{problem.pk}/").content.decode()
    assert commitment.title in problem_page and "Compromiso de presupuesto abierto" in problem_page
    commitment_page = Client().get(commitment.get_absolute_url()).content.decode()
    assert "De dónde viene" in commitment_page and "2 propuestas ciudadanas" in commitment_page
