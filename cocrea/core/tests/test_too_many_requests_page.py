"""allauth's own request limits (here the plain sign-in one, per address) answer 429 with the
site's Spanish page, not allauth's English one."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_the_sign_in_limit_answers_the_spanish_page(settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "2/m/ip"}
    client = Client(REMOTE_ADDR="203.0.113.7")
    responses = [
        client.post("/cuentas/login/", {"login": f"p{n}@example.org", "password": "x"})
        for n in range(31)
    ]
    assert [r.status_code for r in responses[:2]] == [200, 200]
    assert {r.status_code for r in responses[2:]} == {429}
    body = responses[-1].content.decode()
    assert "<h1>Demasiadas solicitudes</h1>" in body
    assert "Espera un minuto y vuelve a intentarlo." in body
    assert 'href="/"' in body and "Too Many Requests" not in body
    assert '<html lang="es' in body  # the site's own layout
    # Another address is not held back by this one's count.
    other = Client(REMOTE_ADDR="203.0.113.8")
    assert (
        other.post("/cuentas/login/", {"login": "q@example.org", "password": "x"}).status_code
        == 200
    )
