"""Public version history: who, when and what, at a constant query cost."""

import pytest
from django.test import Client

from cocrea.core.history import exercise_scope, pseudonym
from cocrea.core.tests.helpers import client_for
from cocrea.exercises.models import Exercise
from cocrea.exercises.tests.factories import (
    AgreementFactory,
    MemberFactory,
    SecretariatFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db


def test_exercise_history_shows_who_when_and_what(roles):
    coordinator = roles.coordinator
    coordinator.public_name = "Coordinación del órgano garante"
    coordinator.save()
    slug = roles.exercise.slug
    client_for(coordinator).post(f"/ejercicios/{slug}/editar/", {"name": "Gobierno Abierto Jal."})
    body = Client().get(f"/ejercicios/{slug}/historial/").content.decode()
    assert "Coordinación del órgano garante" in body
    assert "modificó" in body
    assert "Gobierno Abierto Jal." in body
    assert roles.exercise.name in body  # the value before the change
    assert coordinator.email not in body


def test_editors_without_a_public_name_appear_without_personal_data(roles):
    slug = roles.exercise.slug
    client_for(roles.secretariat).post(f"/ejercicios/{slug}/editar/", {"name": "Nuevo nombre"})
    body = Client().get(f"/ejercicios/{slug}/historial/").content.decode()
    code = pseudonym(user_id=roles.secretariat.pk, scope=exercise_scope(roles.exercise))
    assert f"Persona participante {code}" in body
    assert f"n.º {roles.secretariat.pk}" not in body
    assert roles.secretariat.email not in body
    assert roles.secretariat.username not in body


def test_member_history_names_the_organization_not_its_id(roles):
    member = MemberFactory(secretariat=SecretariatFactory(exercise=roles.exercise))
    slug = roles.exercise.slug
    data = {
        "secretariat": member.secretariat_id,
        "person_name": member.person_name,
        "sector": "government",
        "role": "member",
        "ceased_on": "2021-01-15",
        "designated_on": "2019-03-01",
        "organization": member.organization_id,
    }
    assert (
        client_for(roles.coordinator)
        .post(f"/ejercicios/{slug}/integrantes/{member.pk}/editar/", data)
        .status_code
        == 302
    )
    body = Client().get(f"/ejercicios/{slug}/integrantes/{member.pk}/historial/").content.decode()
    assert "2021-01-15" in body
    assert "Conclusión" in body
    assert member.organization.name in body


def test_session_and_agreement_history(roles):
    session = SessionFactory(secretariat=SecretariatFactory(exercise=roles.exercise))
    agreement = AgreementFactory(session=session, number="1")
    slug = roles.exercise.slug
    data = {"number": "1", "text": agreement.text, "status": "fulfilled"}
    url = f"/ejercicios/{slug}/sesiones/{session.pk}/acuerdos/{agreement.pk}/editar/"
    assert client_for(roles.admin).post(url, data).status_code == 302
    base = f"/ejercicios/{slug}/sesiones/{session.pk}/historial/"
    assert "Ordinaria" in Client().get(base).content.decode()
    body = Client().get(base + "?acuerdos=1").content.decode()
    assert "Pendiente" in body
    assert "Cumplido" in body


@pytest.mark.parametrize("edits", [2, 40])
def test_history_page_query_count_does_not_grow(django_assert_num_queries, roles, edits):
    exercise = roles.exercise
    for n in range(edits):
        exercise.name = f"Nombre {n}"
        exercise.save()
    # exercise, count, page with predecessors' ids, predecessors, territory names (FK)
    with django_assert_num_queries(5):
        response = Client().get(f"/ejercicios/{exercise.slug}/historial/")
    assert response.status_code == 200
    assert Exercise.history.filter(id=exercise.pk).count() == edits + 1
