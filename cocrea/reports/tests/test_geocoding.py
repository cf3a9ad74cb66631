"""The place picker's address lookup: our server asks the geocoder (a fake transport here, never
the network), with a timeout and a User-Agent, caches the answer, and says nothing when no
geocoder is configured or it fails."""

import json
import logging
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client

from cocrea.reports import geocoding

pytestmark = pytest.mark.django_db
ANSWER = {"display_name": "Avenida Hidalgo 400, Centro, Guadalajara, Jalisco, México"}


class FakeTransport:
    """Records each call and answers with `body` (bytes), or raises `error`."""

    def __init__(self, body: bytes = b"", error: Exception | None = None) -> None:
        self.body, self.error = body, error
        self.calls: list[tuple[str, dict[str, str], float]] = []

    def __call__(self, url: str, headers: dict[str, str], timeout: float) -> bytes:
        self.calls.append((url, headers, timeout))
        if self.error is not None:
            raise self.error
        return self.body


@pytest.fixture
def geocoder(settings, monkeypatch):
    settings.GEOCODER_URL = "https://geocoder.invalid/"
    fake = FakeTransport(json.dumps(ANSWER).encode())
    monkeypatch.setattr(geocoding, "_urllib_transport", fake)
    return fake


@pytest.mark.parametrize(
    ("lat", "long", "expected"),
    [
        ("20.6767", "-103.3475", (Decimal("20.676700"), Decimal("-103.347500"))),
        (" 20.12345678 ", "-103", (Decimal("20.123457"), Decimal("-103.000000"))),
        ("90", "180", (Decimal("90.000000"), Decimal("180.000000"))),
        ("91", "0", None),
        ("0", "-180.5", None),
        ("", "-103", None),
        ("abc", "1", None),
        ("NaN", "1", None),
        ("1", "Infinity", None),
        ("1e400", "1", None),
    ],
)
def test_places_are_parsed_strictly(lat, long, expected):
    assert geocoding.place_parse(lat=lat, long=long) == expected


def test_the_geocoder_is_asked_once_per_place_with_a_timeout_and_a_user_agent(settings):
    settings.GEOCODER_URL = "https://geocoder.invalid"
    fake = FakeTransport(json.dumps(ANSWER).encode())
    lat, long = Decimal("20.676700"), Decimal("-103.347500")
    assert geocoding.address_of(lat=lat, long=long, transport=fake) == ANSWER["display_name"]
    assert geocoding.address_of(lat=lat, long=long, transport=fake) == ANSWER["display_name"]
    assert len(fake.calls) == 1  # the second came from the cache
    url, headers, timeout = fake.calls[0]
    parts = urlsplit(url)
    assert (parts.netloc, parts.path) == ("geocoder.invalid", "/reverse")
    query = parse_qs(parts.query)
    assert query["lat"] == ["20.676700"] and query["lon"] == ["-103.347500"]
    assert query["format"] == ["jsonv2"]
    assert headers["User-Agent"].startswith("Cocrea/") and 0 < timeout <= 10


def test_an_endpoint_given_in_full_is_used_as_it_is(settings):
    settings.GEOCODER_URL = "https://geocoder.invalid/nominatim/reverse"
    fake = FakeTransport(b'{"display_name": "Tonal\\u00e1"}')
    assert geocoding.address_of(lat=Decimal(1), long=Decimal(2), transport=fake) == "Tonalá"
    assert urlsplit(fake.calls[0][0]).path == "/nominatim/reverse"


@pytest.mark.parametrize(
    "fake",
    [
        FakeTransport(error=TimeoutError("timed out")),
        FakeTransport(error=ConnectionRefusedError()),
        FakeTransport(b"<html>Bad gateway</html>"),
        FakeTransport(b"[1, 2]"),
    ],
)
def test_a_failing_geocoder_gives_no_address_and_is_asked_again_later(settings, fake):
    settings.GEOCODER_URL = "https://geocoder.invalid"
    place = {"lat": Decimal("20.5"), "long": Decimal("-103.5")}
    assert geocoding.address_of(**place, transport=fake) == ""
    assert geocoding.address_of(**place, transport=fake) == ""
    assert len(fake.calls) == 2  # failures are not cached


def test_no_address_without_a_geocoder(settings):
    settings.GEOCODER_URL = ""
    fake = FakeTransport(json.dumps(ANSWER).encode())
    assert geocoding.address_of(lat=Decimal(20), long=Decimal(-103), transport=fake) == ""
    assert fake.calls == []
    response = Client().get("/reportes/lugar/", {"lat": "20.67", "long": "-103.34"})
    assert response.status_code == 200 and response.json() == {"address": ""}


def test_long_addresses_are_cut_to_the_field(settings):
    settings.GEOCODER_URL = "https://geocoder.invalid"
    fake = FakeTransport(json.dumps({"display_name": "x" * 400}).encode())
    assert len(geocoding.address_of(lat=Decimal(1), long=Decimal(1), transport=fake)) == 250


def test_the_endpoint_answers_the_address_by_get_and_post(geocoder):
    url = "/reportes/lugar/"
    response = Client().get(url, {"lat": "20.6767", "long": "-103.3475"})
    assert response.status_code == 200 and response.json() == {"address": ANSWER["display_name"]}
    assert "private" in response["Cache-Control"]
    # The place picker posts (with the form's CSRF token), so the place stays out of access logs.
    client = Client(enforce_csrf_checks=True)
    form = client.get("/cuentas/login/")
    token = form.cookies["csrftoken"].value
    posted = client.post(url, {"lat": "20.7", "long": "-103.4"}, headers={"X-CSRFToken": token})
    assert posted.status_code == 200 and posted.json()["address"] == ANSWER["display_name"]
    assert Client(enforce_csrf_checks=True).post(url, {"lat": "1", "long": "1"}).status_code == 403


@pytest.mark.parametrize(
    "query",
    [{}, {"lat": "20.6"}, {"lat": "x", "long": "y"}, {"lat": "95", "long": "0"}, {"long": "1e999"}],
)
def test_bad_places_get_400(geocoder, query):
    response = Client().get("/reportes/lugar/", query)
    assert response.status_code == 400 and "error" in response.json()
    assert geocoder.calls == []


def test_other_methods_are_refused(geocoder):
    assert Client().put("/reportes/lugar/?lat=1&long=1").status_code == 405


def test_the_endpoint_is_rate_limited_per_address(geocoder):
    client = Client(REMOTE_ADDR="198.51.100.7")
    statuses = [
        client.get("/reportes/lugar/", {"lat": "20.6", "long": f"-103.{n:02d}"}).status_code
        for n in range(31)
    ]
    assert statuses[:30] == [200] * 30 and statuses[30] == 429
    assert len(geocoder.calls) == 30
    other = Client(REMOTE_ADDR="198.51.100.8").get("/reportes/lugar/?lat=1&long=1")
    assert other.status_code == 200


def test_no_coordinate_is_logged(geocoder, caplog):
    geocoder.error = TimeoutError("timed out")
    with caplog.at_level(logging.DEBUG):
        Client().get("/reportes/lugar/", {"lat": "20.654321", "long": "-103.123456"})
        Client().get("/reportes/lugar/", {"lat": "20.654321", "long": "oops"})
    assert "20.654321" not in caplog.text and "103.123456" not in caplog.text
