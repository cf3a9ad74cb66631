"""An institution's liaisons, named by e-mail on `/organizaciones/<slug>/enlaces/`."""

import pytest

from cocrea.core.models import OrganizationMembership, OrganizationRole
from cocrea.core.tests.factories import UserFactory
from cocrea.core.tests.helpers import client_for
from cocrea.exercises.tests.factories import ExerciseMembershipFactory
from cocrea.plans.tests.factories import CommitmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def organization(roles):
    """The liaison's institution, leading a commitment of the fixture's exercise."""
    organization = roles.liaison.org_memberships.get().organization
    CommitmentFactory(plan__exercise=roles.exercise, lead_institution=organization)
    return organization


def _url(organization, suffix=""):
    return f"/organizaciones/{organization.slug}/enlaces/{suffix}"


def _name(client, organization, email):
    return client.post(_url(organization), {"email": email})


def _liaisons(organization):
    return set(
        OrganizationMembership.objects.filter(
            organization=organization, role=OrganizationRole.LIAISON, is_active=True
        ).values_list("user__email", flat=True)
    )


@pytest.mark.parametrize("role", ["coordinator", "admin"])
def test_admin_and_the_coordination_of_an_exercise_using_it_name_a_liaison(
    roles, organization, role
):
    newcomer = UserFactory(email="enlace@example.org")
    client = client_for(getattr(roles, role))
    assert client.get(_url(organization)).status_code == 200
    response = _name(client, organization, "ENLACE@example.org")
    assert response.status_code == 302
    membership = OrganizationMembership.objects.get(user=newcomer)
    assert (membership.organization, membership.role) == (organization, OrganizationRole.LIAISON)
    assert membership.history.get().history_user == getattr(roles, role)
    assert "enlace@example.org" in client.get(_url(organization)).content.decode()


def test_the_coordination_of_an_exercise_it_supports_names_a_liaison(roles, organization):
    coordinator = ExerciseMembershipFactory().user
    commitment = CommitmentFactory(plan__exercise=coordinator.exercise_memberships.get().exercise)
    commitment.supporting_institutions.add(organization)
    UserFactory(email="enlace@example.org")
    assert _name(client_for(coordinator), organization, "enlace@example.org").status_code == 302
    assert "enlace@example.org" in _liaisons(organization)


@pytest.mark.parametrize(
    "role", ["participant", "other_liaison", "liaison", "other_coordinator", "secretariat"]
)
def test_others_cannot_see_or_name_liaisons(roles, organization, role):
    UserFactory(email="enlace@example.org")
    client = client_for(getattr(roles, role))
    assert client.get(_url(organization)).status_code == 403
    assert _name(client, organization, "enlace@example.org").status_code == 403
    assert "enlace@example.org" not in _liaisons(organization)


def test_anonymous_is_sent_to_sign_in(roles, organization):
    client = client_for(None)
    for response in (client.get(_url(organization)), _name(client, organization, "x@example.org")):
        assert response.status_code == 302
        assert response["Location"].startswith("/cuentas/login/")


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("", "Este campo es obligatorio"),
        ("no-es-correo", "Escribe un correo electrónico válido"),
        ("nadie@example.org", "No hay una cuenta activa"),
        ("pendiente@example.org", "No hay una cuenta activa"),
    ],
)
def test_bad_addresses_show_the_form_again_and_write_nothing(roles, organization, email, message):
    UserFactory(email="pendiente@example.org", verified=False)
    before = OrganizationMembership.history.count()
    response = _name(client_for(roles.coordinator), organization, email)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert OrganizationMembership.history.count() == before
    assert _liaisons(organization) == {roles.liaison.email}


def test_revoking_ends_the_liaison_and_keeps_its_history(roles, organization):
    membership = roles.liaison.org_memberships.get()
    url = _url(organization, f"{membership.pk}/retirar/")
    assert client_for(None).post(url).status_code == 302
    for role in ("participant", "other_liaison", "liaison", "other_coordinator"):
        assert client_for(getattr(roles, role)).post(url).status_code == 403
    assert client_for(roles.coordinator).get(url).status_code == 405
    assert client_for(roles.coordinator).post(url).status_code == 302
    membership.refresh_from_db()
    assert not membership.is_active
    assert membership.history.latest().history_user == roles.coordinator
    assert (
        roles.liaison.email not in client_for(roles.admin).get(_url(organization)).content.decode()
    )


def test_a_liaison_of_another_institution_cannot_be_revoked_here(roles, organization):
    other = roles.other_liaison.org_memberships.get()
    url = _url(organization, f"{other.pk}/retirar/")
    assert client_for(roles.admin).post(url).status_code == 404


def test_naming_again_restores_a_revoked_liaison(roles, organization):
    membership = roles.liaison.org_memberships.get()
    client = client_for(roles.admin)
    client.post(_url(organization, f"{membership.pk}/retirar/"))
    assert _name(client, organization, roles.liaison.email).status_code == 302
    assert OrganizationMembership.objects.get(pk=membership.pk).is_active


def test_public_organization_page_shows_no_email(roles, organization):
    roles.liaison.public_name = "Enlace Público"
    roles.liaison.save()
    body = client_for(None).get(f"/organizaciones/{organization.slug}/").content.decode()
    assert roles.liaison.email not in body
    assert "@example.org" not in body


def test_liaison_list_query_count(django_assert_num_queries, roles, organization):
    client = client_for(roles.admin)
    for _ in range(10):
        _name(client, organization, UserFactory().email)
    client = client_for(roles.coordinator)
    # session, user, organization, permission check (coordination), count, page
    with django_assert_num_queries(6):
        assert client.get(_url(organization)).status_code == 200


def _institution_admin(organization):
    from cocrea.core.tests.factories import OrganizationMembershipFactory

    return OrganizationMembershipFactory(
        organization=organization, role=OrganizationRole.ADMIN
    ).user


@pytest.mark.parametrize("role", ["coordinator", "admin"])
def test_the_coordination_and_the_platform_name_the_institutions_administration(
    roles, organization, role
):
    UserFactory(email="titular@example.org")
    client = client_for(getattr(roles, role))
    response = client.post(_url(organization), {"email": "titular@example.org", "role": "admin"})
    assert response.status_code == 302
    membership = OrganizationMembership.objects.get(user__email="titular@example.org")
    assert (membership.role, membership.is_active) == (OrganizationRole.ADMIN, True)
    assert "Administración de la institución" in client.get(_url(organization)).content.decode()


def test_the_institutions_administration_names_liaisons_but_not_administrators(roles, organization):
    chief = _institution_admin(organization)
    UserFactory(email="enlace@example.org")
    UserFactory(email="otro@example.org")
    client = client_for(chief)
    page = client.get(_url(organization)).content.decode()
    assert 'value="admin"' not in page  # the option is not offered
    assert _name(client, organization, "enlace@example.org").status_code == 302
    assert "enlace@example.org" in _liaisons(organization)
    refused = client.post(_url(organization), {"email": "otro@example.org", "role": "admin"})
    assert refused.status_code == 400
    assert not OrganizationMembership.objects.filter(user__email="otro@example.org").exists()
    # nor retires another administrator
    other_admin = OrganizationMembership.objects.filter(
        organization=organization, role=OrganizationRole.ADMIN
    ).get()
    assert client.post(_url(organization, f"{other_admin.pk}/retirar/")).status_code == 403
    other_admin.refresh_from_db()
    assert other_admin.is_active


def test_an_administrator_of_another_institution_cannot_name_liaisons(roles, organization):
    from cocrea.core.tests.factories import OrganizationFactory

    outsider = _institution_admin(OrganizationFactory())
    UserFactory(email="enlace@example.org")
    assert _name(client_for(outsider), organization, "enlace@example.org").status_code == 403
    assert "enlace@example.org" not in _liaisons(organization)
