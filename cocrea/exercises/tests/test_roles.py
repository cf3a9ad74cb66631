"""Coordinators grant and revoke roles in their exercise."""

import pytest

from cocrea.core.tests.factories import UserFactory
from cocrea.core.tests.helpers import NON_EDITORS, client_for
from cocrea.exercises.models import ExerciseMembership, ExerciseRole

pytestmark = pytest.mark.django_db


def _grant(client, exercise, email, role="secretariat", sector="civil_society"):
    url = f"/ejercicios/{exercise.slug}/roles/"
    return client.post(url, {"email": email, "role": role, "sector": sector})


@pytest.mark.parametrize("role", ["coordinator", "admin"])
def test_coordinator_and_admin_grant_a_role_that_then_edits(roles, role):
    newcomer = UserFactory(email="osc@example.org")
    response = _grant(client_for(getattr(roles, role)), roles.exercise, "OSC@example.org")
    assert response.status_code == 302
    membership = ExerciseMembership.objects.get(user=newcomer)
    assert (membership.role, membership.sector) == (ExerciseRole.SECRETARIAT, "civil_society")
    edit = client_for(newcomer).post(f"/ejercicios/{roles.exercise.slug}/editar/", {"name": "X"})
    assert edit.status_code == 302


@pytest.mark.parametrize("role", [*NON_EDITORS, "secretariat"])
def test_others_cannot_grant_roles(roles, role):
    UserFactory(email="osc@example.org")
    response = _grant(client_for(getattr(roles, role)), roles.exercise, "osc@example.org")
    assert response.status_code == 403
    assert not ExerciseMembership.objects.filter(user__email="osc@example.org").exists()


def test_anonymous_is_sent_to_sign_in(roles):
    assert _grant(client_for(None), roles.exercise, "x@example.org").status_code == 302


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("nadie@example.org", "No hay una cuenta activa"),
        ("no-es-correo", "Escribe un correo electrónico válido"),
    ],
)
def test_unknown_or_unverified_accounts_are_refused(roles, email, message):
    UserFactory(email="pendiente@example.org", verified=False)
    for address in (email, "pendiente@example.org"):
        response = _grant(client_for(roles.coordinator), roles.exercise, address)
        assert response.status_code == 400
    assert message in _grant(client_for(roles.coordinator), roles.exercise, email).content.decode()
    assert ExerciseMembership.objects.count() == 3  # the fixture's, untouched


def test_revoking_takes_editing_away(roles):
    membership = roles.secretariat.exercise_memberships.get()
    url = f"/ejercicios/{roles.exercise.slug}/roles/{membership.pk}/retirar/"
    assert client_for(roles.participant).post(url).status_code == 403
    assert client_for(roles.coordinator).post(url).status_code == 302
    edit = client_for(roles.secretariat).post(
        f"/ejercicios/{roles.exercise.slug}/editar/", {"name": "X"}
    )
    assert edit.status_code == 403


def test_roles_page_query_count(django_assert_num_queries, roles):
    for _ in range(10):
        _grant(client_for(roles.admin), roles.exercise, UserFactory().email)
    client = client_for(roles.coordinator)
    # session, user, exercise, permission check (memberships), count, page
    with django_assert_num_queries(6):
        assert client.get(f"/ejercicios/{roles.exercise.slug}/roles/").status_code == 200


def _register(user, exercise, **extra):
    data = {"name": "Secretaría de Ejemplo", "sector": "gov_agency", **extra}
    data.setdefault("territory", exercise.territory.pk)
    return client_for(user).post(f"/ejercicios/{exercise.slug}/instituciones/nueva/", data)


@pytest.mark.parametrize("role", ["coordinator", "admin"])
def test_the_coordination_registers_an_institution_of_its_territory(roles, role):
    from cocrea.core.models import Organization

    response = _register(getattr(roles, role), roles.exercise)
    assert response.status_code == 302
    organization = Organization.objects.get(name="Secretaría de Ejemplo")
    assert organization.territory == roles.exercise.territory
    assert organization.history.get().history_user == getattr(roles, role)
    assert response["Location"] == f"/organizaciones/{organization.slug}/"


@pytest.mark.parametrize("role", [*NON_EDITORS, "secretariat"])
def test_others_cannot_register_institutions(roles, role):
    from cocrea.core.models import Organization

    client = client_for(getattr(roles, role))
    assert client.get(f"/ejercicios/{roles.exercise.slug}/instituciones/nueva/").status_code == 403
    assert _register(getattr(roles, role), roles.exercise).status_code == 403
    assert not Organization.objects.filter(name="Secretaría de Ejemplo").exists()


def test_anonymous_is_sent_to_sign_in_to_register(roles):
    response = _register(None, roles.exercise)
    assert response.status_code == 302 and response["Location"].startswith("/cuentas/login/")


def test_an_institution_of_another_state_or_without_a_name_is_refused(roles):
    from cocrea.core.models import Organization
    from cocrea.core.tests.factories import state

    other_state = _register(roles.coordinator, roles.exercise, territory=state("23").pk)
    assert other_state.status_code == 400
    no_name = _register(roles.coordinator, roles.exercise, name="")
    assert no_name.status_code == 400 and "obligatorio" in no_name.content.decode()
    assert not Organization.objects.filter(territory=state("23")).exists()
