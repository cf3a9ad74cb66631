"""People named by e-mail before they have an account get an invitation, through the queue
(issue 14, item 2): on the roles page of an exercise and on an institution's liaisons page."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from mailer.models import Message

from cocrea.core.invitations import DAILY_LIMIT
from cocrea.core.models import Invitation
from cocrea.core.tests.factories import UserFactory
from cocrea.core.tests.helpers import client_for
from cocrea.plans.tests.factories import CommitmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def organization(roles):
    organization = roles.liaison.org_memberships.get().organization
    CommitmentFactory(plan__exercise=roles.exercise, lead_institution=organization)
    return organization


def _liaison(user, organization, email):
    return client_for(user).post(f"/organizaciones/{organization.slug}/enlaces/", {"email": email})


def _role(user, exercise, email):
    data = {"email": email, "role": "secretariat", "sector": "civil_society"}
    return client_for(user).post(f"/ejercicios/{exercise.slug}/roles/", data)


def test_an_unknown_liaison_is_refused_by_name_and_invited_through_the_queue(roles, organization):
    response = _liaison(roles.coordinator, organization, "nueva@example.org")
    assert response.status_code == 400
    page = response.content.decode()
    assert "nueva@example.org" in page and "invitación" in page
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.invited_by) == ("nueva@example.org", roles.coordinator)
    assert organization.name in invitation.purpose
    # Nothing was sent inside the request: the worker's job sends it.
    assert mail.outbox == [] and Message.objects.count() == 1
    call_command("send_mail", verbosity=0)
    (sent,) = mail.outbox
    assert sent.to == ["nueva@example.org"]
    assert "/cuentas/signup/" in sent.body and organization.name in sent.body


def test_an_unknown_person_on_the_roles_page_is_invited_too(roles):
    response = _role(roles.coordinator, roles.exercise, "secretaria@example.org")
    assert response.status_code == 400
    assert "secretaria@example.org" in response.content.decode()
    assert Invitation.objects.get().purpose.endswith(roles.exercise.name)
    assert Message.objects.count() == 1


def test_one_invitation_a_day_reaches_an_address(roles, organization):
    _liaison(roles.coordinator, organization, "nueva@example.org")
    again = _liaison(roles.admin, organization, "NUEVA@example.org")
    assert "invitación" in again.content.decode()
    assert Message.objects.count() == 1
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(days=1, minutes=1)):
        _liaison(roles.coordinator, organization, "nueva@example.org")
    assert Message.objects.count() == 2


def test_an_account_waiting_for_confirmation_is_not_invited(roles, organization):
    UserFactory(email="pendiente@example.org", verified=False)
    response = _liaison(roles.coordinator, organization, "pendiente@example.org")
    assert response.status_code == 400
    assert "confirme su correo" in response.content.decode()
    assert not Invitation.objects.exists() and not Message.objects.exists()


def test_an_account_sends_a_bounded_number_of_invitations_a_day(roles, organization):
    for n in range(DAILY_LIMIT + 2):
        _liaison(roles.coordinator, organization, f"invitada{n}@example.net")
    assert Invitation.objects.count() == DAILY_LIMIT
    assert Message.objects.count() == DAILY_LIMIT


@pytest.mark.parametrize("role", ["participant", "liaison", "other_liaison", "other_coordinator"])
def test_who_may_not_name_people_cannot_invite_them(roles, organization, role):
    _liaison(getattr(roles, role), organization, "nueva@example.org")
    _role(getattr(roles, role), roles.exercise, "nueva@example.org")
    assert not Invitation.objects.exists() and not Message.objects.exists()


def test_anonymous_visitors_cannot_invite(roles, organization):
    _liaison(None, organization, "nueva@example.org")
    _role(None, roles.exercise, "nueva@example.org")
    assert not Invitation.objects.exists()
