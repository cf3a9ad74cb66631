"""Sign-up and sign-in by e-mail with verification, and the sign-in rate limit."""

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client

from cocrea.core.models import User
from cocrea.core.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_sign_up_sends_a_verification_email_and_does_not_sign_in():
    client = Client()
    response = client.post(
        "/cuentas/signup/",
        {"email": "Ciudadana@Example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    assert response["Location"] == "/cuentas/confirm-email/"
    user = User.objects.get(email__iexact="ciudadana@example.org")
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mail.outbox) == 1
    assert "ciudadana@example.org" in mail.outbox[0].to[0].lower()
    assert "_auth_user_id" not in client.session


def test_unverified_accounts_cannot_sign_in():
    UserFactory(email="sin-verificar@example.org", verified=False)
    client = Client()
    response = client.post(
        "/cuentas/login/", {"login": "sin-verificar@example.org", "password": PASSWORD}
    )
    assert "_auth_user_id" not in client.session
    assert response.status_code == 302
    assert response["Location"] == "/cuentas/confirm-email/"


def test_verified_accounts_sign_in_by_email():
    UserFactory(email="enlace@example.org")
    client = Client()
    response = client.post("/cuentas/login/", {"login": "enlace@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_duplicate_email_is_refused_whatever_its_case():
    UserFactory(email="persona@example.org")
    response = Client().post(
        "/cuentas/signup/",
        {"email": "PERSONA@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    # allauth does not reveal that the address exists: it answers as for a new account and
    # writes to the owner instead.
    assert response.status_code == 302
    assert User.objects.filter(email__iexact="persona@example.org").count() == 1


def test_failed_sign_ins_are_rate_limited():
    UserFactory(email="objetivo@example.org")
    client = Client()
    for _ in range(5):
        response = client.post(
            "/cuentas/login/", {"login": "objetivo@example.org", "password": "x"}
        )
        assert response.status_code == 200
        assert "Demasiados intentos" not in response.content.decode()
    # Past five failures even the right password is refused while the limit lasts.
    response = client.post(
        "/cuentas/login/", {"login": "objetivo@example.org", "password": PASSWORD}
    )
    assert "Demasiados intentos" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_sign_in_requests_per_address_are_rate_limited(settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "3/m/ip"}
    client = Client()
    statuses = [
        client.post("/cuentas/login/", {"login": f"p{n}@example.org", "password": "x"}).status_code
        for n in range(4)
    ]
    assert statuses == [200, 200, 200, 429]
