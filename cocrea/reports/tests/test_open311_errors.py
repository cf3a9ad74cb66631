"""Every refusal of the Open311 endpoints is GeoReport's error list, in the format the URL asks
for: `[{"code", "description"}]` in JSON, `<errors><error><code/><description/></error></errors>`
in XML, with the HTTP status as its code. Never Django's HTML page (CSRF's 403, a 405, a 404)."""

import pytest
from defusedxml import ElementTree
from django.core.cache import cache
from django.test import Client

from cocrea.core.services import api_key_create
from cocrea.reports.tests.factories import AttributeFactory, CategoryFactory

pytestmark = pytest.mark.django_db
V2 = "/open311/v2/"
ENDPOINTS = (
    "discovery",
    "services",
    "services/bache",
    "requests",
    "requests/1",
    "tokens/00000000-0000-0000-0000-000000000000",
)


@pytest.fixture
def category():
    return AttributeFactory(category=CategoryFactory(code="bache", name="Bache")).category


@pytest.fixture
def api_key(category):
    return api_key_create(organization=category.institution)[1]


def _georeport_error(response, status):
    """The one error GeoReport answers, read in the format the response says it is in."""
    assert response.status_code == status, response.content
    kind = response["Content-Type"]
    if kind.startswith("application/json"):
        body = response.json()
        assert isinstance(body, list) and len(body) == 1, body
        assert set(body[0]) == {"code", "description"}, body
        assert body[0]["code"] == status and body[0]["description"].strip()
        return body[0]["description"]
    assert kind.startswith("text/xml"), kind
    root = ElementTree.fromstring(response.content)
    assert root.tag == "errors" and [child.tag for child in root] == ["error"]
    assert root.findtext("error/code") == str(status)
    description = root.findtext("error/description")
    assert description and description.strip()
    return description


@pytest.mark.parametrize("fmt", ["json", "xml"])
@pytest.mark.parametrize("method", ["put", "patch", "delete"])
@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_a_method_no_endpoint_takes_is_a_georeport_405_not_csrf_html(
    category, endpoint, method, fmt
):
    client = Client(enforce_csrf_checks=True)
    response = getattr(client, method)(f"{V2}{endpoint}.{fmt}")
    _georeport_error(response, 405)
    assert "GET" in response["Allow"]


@pytest.mark.parametrize("fmt", ["json", "xml"])
@pytest.mark.parametrize("endpoint", [e for e in ENDPOINTS if e != "requests"])
def test_posting_to_a_read_only_endpoint_is_a_georeport_405(category, endpoint, fmt):
    response = Client(enforce_csrf_checks=True).post(f"{V2}{endpoint}.{fmt}", {"a": "b"})
    _georeport_error(response, 405)
    assert "POST" not in response["Allow"]


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_posting_a_request_needs_no_csrf_token_and_refuses_a_bad_key_in_georeport(category, fmt):
    client = Client(enforce_csrf_checks=True)
    response = client.post(f"{V2}requests.{fmt}", {"api_key": "nada", "service_code": "bache"})
    assert "api_key" in _georeport_error(response, 403)


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_an_unknown_service_code_is_a_georeport_404_in_both_places(api_key, fmt):
    assert "nada" in _georeport_error(Client().get(f"{V2}services/nada.{fmt}"), 404)
    posted = Client().post(f"{V2}requests.{fmt}", {"api_key": api_key, "service_code": "nada"})
    assert "nada" in _georeport_error(posted, 404)


@pytest.mark.parametrize("fmt", ["json", "xml"])
@pytest.mark.parametrize(
    "query",
    [
        {"start_date": "2024-13-45T99:99:99Z"},
        {"end_date": "ayer"},
        {"status": "a medias"},
        {"service_request_id": "1,dos"},
        {"jurisdiction_id": "atlantida"},
    ],
)
def test_a_bad_filter_is_a_georeport_400(category, fmt, query):
    _georeport_error(Client().get(f"{V2}requests.{fmt}", query), 400)


@pytest.mark.parametrize("fmt", ["json", "xml"])
@pytest.mark.parametrize("field", ["service_code", "status", "start_date", "jurisdiction_id"])
def test_a_nul_byte_in_a_query_is_a_georeport_400(category, fmt, field):
    description = _georeport_error(Client().get(f"{V2}requests.{fmt}", {field: "a\x00b"}), 400)
    assert "NUL" in description
    _georeport_error(Client().get(f"{V2}services.{fmt}", {field: "\x00"}), 400)


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_a_nul_byte_in_a_posted_field_is_a_georeport_400(api_key, fmt):
    fields = {"api_key": api_key, "service_code": "bache", "description": "Bache\x00"}
    _georeport_error(Client().post(f"{V2}requests.{fmt}", fields), 400)


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_an_unknown_request_or_token_is_a_georeport_404(category, fmt):
    _georeport_error(Client().get(f"{V2}requests/999999.{fmt}"), 404)
    _georeport_error(Client().get(f"{V2}tokens/%00.{fmt}"), 404)
    _georeport_error(Client().get(f"{V2}tokens/no-es-un-token.{fmt}"), 404)


@pytest.mark.parametrize("fmt", ["json", "xml"])
@pytest.mark.parametrize("path", ["nada", "requests/abc", "services/a/b", "discovery.html/x"])
def test_an_unknown_open311_address_is_a_georeport_404(fmt, path):
    _georeport_error(Client().get(f"{V2}{path}.{fmt}"), 404)


def test_an_unknown_open311_address_without_format_is_a_json_404():
    _georeport_error(Client().get(f"{V2}discovery.html"), 404)
    _georeport_error(Client().delete(f"{V2}"), 404)


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_control_characters_echoed_or_filed_keep_the_xml_well_formed(api_key, category, fmt):
    posted = Client().post(f"{V2}requests.{fmt}", {"api_key": api_key, "service_code": "ba\x01che"})
    assert "che" in _georeport_error(posted, 404)
    filed = {"api_key": api_key, "service_code": "bache", "attribute[tamano]": "grande"}
    filed.update({"lat": "20.6767", "long": "-103.347", "description": "Bache\x01 con \x1b"})
    assert Client().post(f"{V2}requests.json", filed).status_code == 201
    listed = Client().get(f"{V2}requests.{fmt}")
    assert listed.status_code == 200
    if fmt == "xml":
        root = ElementTree.fromstring(listed.content)
        assert root.findtext("request/description") == "Bache\ufffd con \ufffd"


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_too_many_posts_is_a_georeport_429(category, fmt):
    cache.clear()
    try:
        for _attempt in range(500):
            response = Client().post(f"{V2}requests.{fmt}", {"api_key": "nada"})
            if response.status_code != 403:
                break
        _georeport_error(response, 429)
    finally:
        cache.clear()
