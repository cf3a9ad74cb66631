"""Suggested groups of similar proposals, confirmed or changed by a person."""

import datetime as dt

import pytest
from django.utils import timezone

from cocrea.core.tests.factories import UserFactory
from cocrea.core.tests.helpers import NON_EDITORS, client_for
from cocrea.participation.models import Consultation, Problem, ProposalStatus
from cocrea.participation.services import proposal_submit
from cocrea.participation.suggestions import suggest_groups

pytestmark = pytest.mark.django_db
NOW = timezone.now()
TEXTS = [
    ("Más alumbrado público en la colonia", "Las calles están oscuras y faltan luminarias"),
    ("Luminarias para las calles oscuras", "Reparar el alumbrado de las calles"),
    ("Alumbrado en el parque", "El parque no tiene luminarias y está oscuro"),
    ("Más rutas de transporte público", "Los camiones del transporte tardan mucho"),
    (
        "Camiones de transporte nocturno",
        "Que el transporte público funcione de noche con más camiones",
    ),
    ("Clases de música para jóvenes", "Talleres culturales en la casa de la cultura"),
]


@pytest.fixture
def consultation(roles):
    consultation = Consultation.objects.create(
        exercise=roles.exercise,
        title="C",
        slug="c",
        opens_at=NOW - dt.timedelta(days=1),
        closes_at=NOW + dt.timedelta(days=1),
    )
    for title, body in TEXTS:
        proposal_submit(actor=UserFactory(), consultation=consultation, title=title, body=body)
    return consultation


def test_similar_spanish_proposals_are_grouped(consultation):
    groups = [{p.title for p in g.proposals} for g in suggest_groups(consultation=consultation)]
    lighting = {t for t, _ in TEXTS[:3]}
    transport = {t for t, _ in TEXTS[3:5]}
    assert lighting in groups and transport in groups
    assert all("Clases de música para jóvenes" not in g for g in groups)


@pytest.mark.parametrize("role", [None, *NON_EDITORS])
def test_only_the_secretariat_sees_and_confirms_suggestions(roles, consultation, role):
    url = f"/ejercicios/{roles.exercise.slug}/consultas/c/sugerencias/"
    client = client_for(getattr(roles, role) if role else None)
    assert client.get(url).status_code == (302 if role is None else 403)
    assert client.post(url, {"titulo": "x", "propuestas": ["1"]}).status_code == (
        302 if role is None else 403
    )
    assert not Problem.objects.exists()


def test_a_person_confirms_a_changed_group(roles, consultation):
    url = f"/ejercicios/{roles.exercise.slug}/consultas/c/sugerencias/"
    client = client_for(roles.coordinator)
    page = client.get(url).content.decode()
    assert "Grupo 1" in page and "Confirmar como problemática" in page
    group = suggest_groups(consultation=consultation)[0]
    kept = [str(p.pk) for p in group.proposals][:2]  # the person drops one
    response = client.post(url, {"titulo": "Falta de alumbrado", "propuestas": kept})
    assert response.status_code == 302
    problem = Problem.objects.get()
    assert problem.title == "Falta de alumbrado"
    assert sorted(str(p.pk) for p in problem.proposals.all()) == sorted(kept)
    assert {p.status for p in problem.proposals.all()} == {ProposalStatus.GROUPED}
    assert client.post(url, {"titulo": "", "propuestas": kept}).status_code == 400
    assert (
        len(suggest_groups(consultation=consultation)) < 3
    )  # grouped proposals leave the suggestions
