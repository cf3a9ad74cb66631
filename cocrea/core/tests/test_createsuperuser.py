"""`createsuperuser` makes an administrator who signs in at once: no link to follow."""

import builtins
import getpass
import io

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command, get_commands
from django.test import Client

from cocrea.core.models import User
from cocrea.core.services import superuser_email_verify
from cocrea.core.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_our_command_replaces_djangos():
    assert get_commands()["createsuperuser"] == "cocrea.core"


def test_noinput_superuser_is_verified_and_signs_in_without_a_link(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_EMAIL", "Admin@Example.org")
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", PASSWORD)
    out = io.StringIO()
    call_command("createsuperuser", "--noinput", stdout=out)
    assert "Superuser created successfully." in out.getvalue()

    user = User.objects.get(email__iexact="admin@example.org")
    assert user.is_superuser and user.is_staff
    address = EmailAddress.objects.get(user=user)
    assert (address.email, address.verified, address.primary) == ("admin@example.org", True, True)

    client = Client()
    response = client.post(
        "/cuentas/login/", {"login": "admin@example.org", "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain == [("/", 302)]
    assert response.status_code == 200
    assert client.session["_auth_user_id"] == str(user.pk)
    assert response.wsgi_request.user == user
    assert mail.outbox == []


def test_interactive_superuser_is_verified(monkeypatch):
    monkeypatch.setattr(builtins, "input", lambda prompt="": "jefa@example.org")
    monkeypatch.setattr(getpass, "getpass", lambda prompt="": PASSWORD)
    call_command("createsuperuser", stdin=_Terminal(), stdout=io.StringIO())
    user = User.objects.get(email="jefa@example.org")
    assert EmailAddress.objects.filter(user=user, verified=True, primary=True).count() == 1


def test_the_command_leaves_other_accounts_alone(monkeypatch):
    other = UserFactory(email="otra@example.org", verified=False, is_superuser=True)
    monkeypatch.setenv("DJANGO_SUPERUSER_EMAIL", "nueva@example.org")
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", PASSWORD)
    call_command("createsuperuser", "--noinput", stdout=io.StringIO())
    assert not EmailAddress.objects.filter(user=other).exists()


def test_verifying_twice_keeps_one_primary_address():
    user = User.objects.create_superuser(email="Admin@example.org", password=PASSWORD)
    first = superuser_email_verify(user=user)
    second = superuser_email_verify(user=user)
    assert first.pk == second.pk
    assert list(EmailAddress.objects.filter(user=user).values_list("verified", "primary")) == [
        (True, True)
    ]


def test_an_unverified_address_becomes_the_verified_primary_one():
    user = User.objects.create_superuser(email="admin@example.org", password=PASSWORD)
    old = EmailAddress.objects.create(user=user, email="vieja@example.org", primary=True)
    EmailAddress.objects.create(user=user, email="admin@example.org", verified=False)
    address = superuser_email_verify(user=user)
    old.refresh_from_db()
    assert not old.primary
    assert (address.email, address.verified, address.primary) == ("admin@example.org", True, True)
    assert EmailAddress.objects.filter(user=user).count() == 2


def test_only_an_administrators_address_is_verified_this_way():
    user = UserFactory(email="persona@example.org", verified=False)
    with pytest.raises(ValidationError):
        superuser_email_verify(user=user)
    assert not EmailAddress.objects.filter(user=user).exists()
