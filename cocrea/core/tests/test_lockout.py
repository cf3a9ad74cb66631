"""The sign-in lockout counts per address and per account and address: an attacker's failures
lock only the attacker's address (429, with a way in by e-mail code), never the owner elsewhere."""

import re

import pytest
from django.core import mail
from django.test import Client

from cocrea.core.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

OWNER = "duena@example.org"
ATTACKER_IP = "203.0.113.66"
OWNER_IP = "198.51.100.10"


def _fail(client: Client, login: str = OWNER) -> int:
    return client.post("/cuentas/login/", {"login": login, "password": "adivinanza"}).status_code


def _lock_attacker_out() -> Client:
    attacker = Client(REMOTE_ADDR=ATTACKER_IP)
    assert [_fail(attacker) for _ in range(5)] == [200] * 5
    return attacker


def test_five_failures_lock_the_attackers_address_with_429_and_a_message():
    UserFactory(email=OWNER)
    attacker = _lock_attacker_out()
    response = attacker.post("/cuentas/login/", {"login": OWNER, "password": PASSWORD})
    assert response.status_code == 429
    page = response.content.decode()
    assert "Demasiados intentos" in page
    assert 'href="/cuentas/login/code/"' in page  # the way in by e-mail code
    assert "_auth_user_id" not in attacker.session  # even the right password waits


def test_the_owner_signing_in_from_another_address_is_not_locked():
    UserFactory(email=OWNER)
    _lock_attacker_out()
    owner = Client(REMOTE_ADDR=OWNER_IP)
    response = owner.post("/cuentas/login/", {"login": OWNER, "password": PASSWORD})
    assert response.status_code == 302
    assert "_auth_user_id" in owner.session


def test_the_owner_gets_in_by_e_mail_code_while_the_password_path_is_locked():
    user = UserFactory(email=OWNER)
    locked = _lock_attacker_out()  # the owner at the attacker's address (a shared network)
    assert _fail(locked) == 429
    response = locked.post("/cuentas/login/code/", {"email": OWNER})
    assert response.status_code == 302
    assert response["Location"] == "/cuentas/login/code/confirm/"
    assert mail.outbox[-1].to == [OWNER]
    code = re.search(r"^([A-Z0-9]{4}-[A-Z0-9]{4})$", str(mail.outbox[-1].body), re.MULTILINE)
    assert code, mail.outbox[-1].body
    response = locked.post("/cuentas/login/code/confirm/", {"code": code.group(1)})
    assert response.status_code == 302
    assert locked.session["_auth_user_id"] == str(user.pk)


def test_a_wrong_code_does_not_sign_in():
    UserFactory(email=OWNER)
    client = Client(REMOTE_ADDR=ATTACKER_IP)
    client.post("/cuentas/login/code/", {"email": OWNER})
    response = client.post("/cuentas/login/code/confirm/", {"code": "AAAA-AAAA"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_one_address_trying_many_accounts_is_limited_by_address():
    attacker = Client(REMOTE_ADDR=ATTACKER_IP)
    statuses = [_fail(attacker, f"persona{n}@example.org") for n in range(11)]
    assert statuses == [200] * 10 + [429]
    # Another address is untouched.
    assert _fail(Client(REMOTE_ADDR=OWNER_IP), "persona0@example.org") == 200


def test_a_spoofed_forwarded_for_does_not_escape_the_lock():
    UserFactory(email=OWNER)
    _lock_attacker_out()
    spoofing = Client(REMOTE_ADDR=ATTACKER_IP, HTTP_X_FORWARDED_FOR=OWNER_IP)
    assert _fail(spoofing) == 429


def test_the_sign_in_page_offers_the_code():
    page = Client().get("/cuentas/login/").content.decode()
    assert 'href="/cuentas/login/code/"' in page
    assert "Envíame un código para entrar" in page
