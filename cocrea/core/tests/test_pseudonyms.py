"""Public histories show an author without a public name by a pseudonym of the exercise: the
same on every page of one exercise, another in each other exercise, never the account's id."""

import re

import pytest
from django.test import Client

from cocrea.core.history import CODE_ALPHABET, CODE_LENGTH, exercise_scope, pseudonym
from cocrea.core.tests.factories import UserFactory
from cocrea.core.tests.helpers import client_for
from cocrea.exercises.tests.factories import ExerciseFactory, ExerciseMembershipFactory
from cocrea.participation.services import proposal_submit
from cocrea.participation.tests.factories import ConsultationFactory

pytestmark = pytest.mark.django_db

SHOWN = re.compile(rf"Persona participante ([{CODE_ALPHABET}]{{{CODE_LENGTH}}})")


def _shown(body: str) -> set[str]:
    return set(SHOWN.findall(body))


def _proposal_page(user, consultation, title: str) -> str:
    proposal = proposal_submit(actor=user, consultation=consultation, title=title, body="Texto")
    response = Client().get(proposal.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def _exercise_history(coordinator, exercise, name: str) -> str:
    edit = client_for(coordinator).post(f"/ejercicios/{exercise.slug}/editar/", {"name": name})
    assert edit.status_code == 302
    return Client().get(f"/ejercicios/{exercise.slug}/historial/").content.decode()


def test_one_person_has_one_pseudonym_within_an_exercise():
    person = UserFactory()
    exercise = ExerciseFactory()
    first = _proposal_page(person, ConsultationFactory(exercise=exercise), "Más árboles")
    second = _proposal_page(person, ConsultationFactory(exercise=exercise), "Más bancas")
    assert (
        _shown(first)
        == _shown(second)
        == {pseudonym(user_id=person.pk, scope=exercise_scope(exercise))}
    )


def test_one_person_has_another_pseudonym_in_another_exercise():
    person = UserFactory()
    here = _proposal_page(person, ConsultationFactory(), "Más árboles")
    there = _proposal_page(person, ConsultationFactory(), "Más árboles")
    assert len(_shown(here)) == len(_shown(there)) == 1
    assert _shown(here) != _shown(there)


def test_the_same_holds_on_every_kind_of_history_page():
    """An exercise's own history and a proposal's history name one coordinator alike."""
    membership = ExerciseMembershipFactory()
    coordinator, exercise = membership.user, membership.exercise
    history = _exercise_history(coordinator, exercise, "Ejercicio renombrado")
    proposal = _proposal_page(coordinator, ConsultationFactory(exercise=exercise), "Una idea")
    elsewhere = ExerciseMembershipFactory(user=coordinator).exercise
    other_history = _exercise_history(coordinator, elsewhere, "Otro nombre")
    assert _shown(history) == _shown(proposal) != _shown(other_history)


def test_the_account_id_and_e_mail_are_nowhere():
    person = UserFactory()
    body = _proposal_page(person, ConsultationFactory(), "Un parque")
    (code,) = _shown(body)
    assert str(person.pk) not in code
    assert f"n.º {person.pk}" not in body
    assert "Persona usuaria" not in body
    assert person.email not in body


def test_a_person_with_a_public_name_is_shown_by_it():
    person = UserFactory(public_name="Colectivo Bosque Urbano")
    body = _proposal_page(person, ConsultationFactory(), "Un parque")
    assert "Colectivo Bosque Urbano" in body
    assert not _shown(body)


def test_the_pseudonym_depends_on_the_secret_key(settings):
    """Without the server's key nobody can work the code out from an account's number."""
    exercise = ExerciseFactory()
    before = pseudonym(user_id=7, scope=exercise_scope(exercise))
    settings.SECRET_KEY = "otra-llave-secreta-del-servidor-" * 2
    assert pseudonym(user_id=7, scope=exercise_scope(exercise)) != before


def test_pseudonyms_of_one_exercise_rarely_collide():
    """A thousand people of one exercise get a thousand distinct codes."""
    codes = {pseudonym(user_id=n, scope="exercise:1") for n in range(1, 1001)}
    assert len(codes) == 1000
