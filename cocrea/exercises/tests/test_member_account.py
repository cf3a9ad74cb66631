"""A secretariat member tied to the account of the person, by its e-mail, never published."""

import pytest

from cocrea.core.tests.factories import OrganizationFactory, UserFactory
from cocrea.core.tests.helpers import EDITORS, NON_EDITORS, client_for
from cocrea.exercises.models import ExerciseMembership, ExerciseRole, SecretariatMember
from cocrea.exercises.tests.factories import MemberFactory, SecretariatFactory

pytestmark = pytest.mark.django_db

EMAIL = "integrante@example.org"


@pytest.fixture
def secretariat(roles):
    return SecretariatFactory(exercise=roles.exercise)


def _data(secretariat, email=EMAIL, **extra):
    return {
        "secretariat": secretariat.pk,
        "person_name": "Ana Pérez",
        "sector": "civil_society",
        "role": "member",
        "account_email": email,
        **extra,
    }


def _create(client, secretariat, email=EMAIL, **extra):
    url = f"/ejercicios/{secretariat.exercise.slug}/integrantes/nuevo/"
    return client.post(url, _data(secretariat, email, **extra))


@pytest.mark.parametrize("role", EDITORS)
def test_editors_tie_a_member_to_an_account_that_then_edits(roles, secretariat, role):
    person = UserFactory(email=EMAIL)
    response = _create(client_for(getattr(roles, role)), secretariat, EMAIL.upper())
    assert response.status_code == 302, response.content.decode()[:2000]
    member = SecretariatMember.objects.get(person_name="Ana Pérez")
    assert member.account == person
    membership = ExerciseMembership.objects.get(user=person)
    assert (membership.role, membership.sector) == (ExerciseRole.SECRETARIAT, "civil_society")
    assert membership.history.get().history_user == getattr(roles, role)
    edit = client_for(person).post(f"/ejercicios/{roles.exercise.slug}/editar/", {"name": "X"})
    assert edit.status_code == 302


def test_a_member_without_an_account_is_allowed(roles, secretariat):
    assert _create(client_for(roles.coordinator), secretariat, "").status_code == 302
    assert SecretariatMember.objects.get(person_name="Ana Pérez").account is None
    assert ExerciseMembership.objects.count() == 3  # the fixture's


def test_a_ceased_member_is_tied_but_gets_no_role(roles, secretariat):
    person = UserFactory(email=EMAIL)
    extra = {"designated_on": "2019-01-01", "ceased_on": "2020-01-01"}
    assert _create(client_for(roles.coordinator), secretariat, **extra).status_code == 302
    assert SecretariatMember.objects.get(person_name="Ana Pérez").account == person
    assert not ExerciseMembership.objects.filter(user=person).exists()


def test_editing_shows_the_tied_address_and_an_empty_field_unties(roles, secretariat):
    person = UserFactory(email=EMAIL)
    member = MemberFactory(secretariat=secretariat, account=person)
    url = f"/ejercicios/{roles.exercise.slug}/integrantes/{member.pk}/editar/"
    client = client_for(roles.coordinator)
    assert EMAIL in client.get(url).content.decode()
    assert client.post(url, _data(secretariat, "")).status_code == 302
    member.refresh_from_db()
    assert member.account is None


@pytest.mark.parametrize("role", NON_EDITORS)
def test_others_cannot_tie_an_account(roles, secretariat, role):
    UserFactory(email=EMAIL)
    assert _create(client_for(getattr(roles, role)), secretariat).status_code == 403
    assert not SecretariatMember.objects.exists()
    assert not ExerciseMembership.objects.filter(user__email=EMAIL).exists()


def test_anonymous_is_sent_to_sign_in(roles, secretariat):
    response = _create(client_for(None), secretariat)
    assert response.status_code == 302
    assert response["Location"].startswith("/cuentas/login/")
    assert not SecretariatMember.objects.exists()


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("no-es-correo", "Escribe un correo electrónico válido"),
        ("nadie@example.org", "No hay una cuenta activa"),
        ("pendiente@example.org", "No hay una cuenta activa"),
    ],
)
def test_unknown_or_invalid_addresses_are_refused_and_nothing_is_written(
    roles, secretariat, email, message
):
    UserFactory(email="pendiente@example.org", verified=False)
    response = _create(client_for(roles.coordinator), secretariat, email)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not SecretariatMember.objects.exists()
    assert ExerciseMembership.objects.count() == 3


def test_no_email_on_public_pages(roles, secretariat):
    person = UserFactory(email=EMAIL)
    organization = OrganizationFactory()
    response = _create(client_for(roles.coordinator), secretariat, organization=organization.pk)
    assert response.status_code == 302
    member = SecretariatMember.objects.get(account=person)
    anonymous = client_for(None)
    slug = roles.exercise.slug
    for url in (
        f"/ejercicios/{slug}/secretariado/",
        f"/ejercicios/{slug}/integrantes/{member.pk}/historial/",
        f"/ejercicios/{slug}/secretariado/{secretariat.pk}/historial/?integrantes=1",
        f"/organizaciones/{organization.slug}/",
        f"/api/v1/secretariat-members/{member.pk}",
    ):
        response = anonymous.get(url)
        assert response.status_code == 200, url
        assert EMAIL not in response.content.decode(), url
    assert "Ana Pérez" in anonymous.get(f"/ejercicios/{slug}/secretariado/").content.decode()
