"""One function says who the client is (cocrea/core/client_ip.py), and both kinds of limits
(django-ratelimit's and allauth's) use it: REMOTE_ADDR, or the configured proxy's header read
from the right, never what a client writes into X-Forwarded-For itself."""

import pytest
from django.http import HttpRequest
from django.test import Client, RequestFactory
from django_ratelimit.core import is_ratelimited

from cocrea.core.client_ip import client_ip

CLIENT, PROXY, FORGED = "198.51.100.23", "10.0.0.2", "203.0.113.99"


def _request(**headers: str) -> HttpRequest:
    return RequestFactory().get("/", REMOTE_ADDR=PROXY, headers=headers)


def test_without_a_trusted_header_the_peer_is_the_client_whatever_it_claims():
    request = _request(**{"X-Forwarded-For": FORGED, "X-Real-IP": FORGED})
    assert client_ip(request) == PROXY


def test_a_trusted_real_ip_header_names_the_client(settings):
    settings.TRUSTED_PROXY_HEADER = "X-Real-IP"
    assert client_ip(_request(**{"X-Real-IP": CLIENT, "X-Forwarded-For": FORGED})) == CLIENT


def test_forwarded_for_is_read_from_the_right_so_a_forged_entry_is_ignored(settings):
    settings.TRUSTED_PROXY_HEADER = "X-Forwarded-For"
    # The client sent "X-Forwarded-For: FORGED"; the proxy appended the address it saw.
    assert client_ip(_request(**{"X-Forwarded-For": f"{FORGED}, {CLIENT}"})) == CLIENT
    settings.TRUSTED_PROXY_COUNT = 2  # two proxies: the client's entry is second from the right
    assert client_ip(_request(**{"X-Forwarded-For": f"{FORGED}, {CLIENT}, {PROXY}"})) == CLIENT


@pytest.mark.parametrize("value", ["", "no-es-una-ip", "300.1.1.1"])
def test_a_missing_or_malformed_header_falls_back_to_the_peer(settings, value):
    settings.TRUSTED_PROXY_HEADER = "X-Real-IP"
    assert client_ip(_request(**{"X-Real-IP": value})) == PROXY


def test_too_few_hops_falls_back_to_the_peer(settings):
    settings.TRUSTED_PROXY_HEADER = "X-Forwarded-For"
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(_request(**{"X-Forwarded-For": CLIENT})) == PROXY


@pytest.mark.django_db
def test_django_ratelimit_counts_by_the_same_address(settings):
    settings.TRUSTED_PROXY_HEADER = "X-Forwarded-For"

    def limited(forwarded_for: str) -> bool:
        request = _request(**{"X-Forwarded-For": forwarded_for})
        return bool(is_ratelimited(request, group="t", key="ip", rate="2/h", increment=True))

    # One client behind the proxy, changing its forged entry each time: still one count.
    assert [limited(f"10.9.9.{n}, {CLIENT}") for n in range(3)] == [False, False, True]
    assert limited(f"{FORGED}") is False  # another client (as the proxy saw it)


@pytest.mark.django_db
def test_allauth_counts_by_the_same_address(settings):
    settings.TRUSTED_PROXY_HEADER = "X-Real-IP"
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "2/m/ip"}

    def status(real_ip: str) -> int:
        client = Client(REMOTE_ADDR=PROXY, HTTP_X_REAL_IP=real_ip)
        return client.post(
            "/cuentas/login/", {"login": "x@example.org", "password": "x"}
        ).status_code

    assert [status(CLIENT) for _ in range(3)] == [200, 200, 429]
    assert status(FORGED) == 200  # everyone behind the proxy is not one address
