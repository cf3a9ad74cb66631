import datetime as dt

import pytest
from defusedxml import ElementTree
from django.test import Client

from cocrea.core.services import api_key_create
from cocrea.core.tests.factories import state
from cocrea.reports.models import Report, ReportEvent
from cocrea.reports.tests.factories import AttributeFactory, CategoryFactory

pytestmark = pytest.mark.django_db
V2 = "/open311/v2/"
PERSONAL = ("Ana", "Pérez", "ana@example.org", "3312345678", "Calle Secreta 12", "20.676712")


@pytest.fixture
def category():
    return AttributeFactory(category=CategoryFactory(code="bache", name="Bache")).category


@pytest.fixture
def api_key(category):
    return api_key_create(organization=category.institution)[1]


def _post(key, **fields):
    data = {"api_key": key, "service_code": "bache", "lat": "20.676712", "long": "-103.347"}
    data.update({"attribute[tamano]": "grande", "description": "Bache hondo"})
    data.update(fields)
    return Client().post(V2 + "requests.json", {k: v for k, v in data.items() if v is not None})


def _filed(api_key):
    response = _post(
        api_key,
        first_name="Ana",
        last_name="Pérez",
        email="ana@example.org",
        phone="3312345678",
        address_string="Calle Secreta 12",
    )
    assert response.status_code == 201, response.content
    return Report.objects.get(pk=response.json()[0]["service_request_id"])


def test_discovery_and_services_in_json_and_xml(category, django_assert_max_num_queries):
    assert Client().get(V2 + "discovery.json").json()["endpoints"][0]["formats"]
    with django_assert_max_num_queries(1):
        services = Client().get(V2 + "services.json").json()
    assert services == [
        {
            "service_code": "bache",
            "service_name": "Bache",
            "description": "",
            "metadata": True,
            "type": "realtime",
            "keywords": "",
            "group": "Vía pública",
        }
    ]
    xml = ElementTree.fromstring(Client().get(V2 + "services.xml").content)
    assert xml.tag == "services" and xml.findtext("service/service_code") == "bache"
    assert xml.findtext("service/metadata") == "true"


def test_service_definition_lists_typed_attributes(category):
    body = Client().get(V2 + "services/bache.json").json()
    attribute = body["attributes"][0]
    assert attribute["code"] == "tamano" and attribute["datatype"] == "singlevaluelist"
    assert attribute["required"] is True and attribute["values"][1]["key"] == "grande"
    xml = ElementTree.fromstring(Client().get(V2 + "services/bache.xml").content)
    assert xml.findtext("attributes/attribute/values/value/key") == "chico"
    missing = Client().get(V2 + "services/nada.json")
    assert missing.status_code == 404 and "nada" in missing.json()[0]["description"]


def test_a_filed_report_publishes_nothing_personal(api_key):
    report = _filed(api_key)
    assert report.email == "ana@example.org" and report.institution == report.category.institution
    assert ReportEvent.objects.filter(report=report).count() == 1
    for url in (V2 + "requests.json", V2 + f"requests/{report.pk}.json", V2 + "requests.xml"):
        body = Client().get(url).content.decode()
        assert "Bache hondo" in body
        assert not [value for value in PERSONAL if value in body], url
    shown = Client().get(V2 + f"requests/{report.pk}.json").json()[0]
    assert shown["status"] == "open" and shown["lat"] == 20.677


@pytest.mark.parametrize(
    ("fields", "status", "says"),
    [
        ({"api_key": ""}, 403, "api_key"),
        ({"api_key": "falsa"}, 403, "api_key"),
        ({"service_code": "nada"}, 404, "nada"),
        ({"lat": None, "long": None}, 400, "ubicación"),
        ({"lat": "norte"}, 400, "lat"),
        ({"lat": "95"}, 400, "rango"),
        ({"attribute[tamano]": ""}, 400, "tamaño"),
        ({"attribute[tamano]": "enorme"}, 400, "enorme"),
        ({"description": "x" * 4001}, 400, "4,000"),
    ],
)
def test_bad_posts_get_their_own_error_and_store_nothing(api_key, fields, status, says):
    response = _post(api_key, **fields)
    assert response.status_code == status
    assert says in response.json()[0]["description"] and response.json()[0]["code"] == status
    assert not Report.objects.exists() and not ReportEvent.objects.exists()


def test_errors_come_in_xml_too(api_key):
    response = Client().post(V2 + "requests.xml", {"service_code": "bache"})
    assert response.status_code == 403
    assert ElementTree.fromstring(response.content).findtext("error/code") == "403"


def test_an_address_is_enough_as_location(api_key):
    assert _post(api_key, lat=None, long=None, address_string="Av. Juárez 1").status_code == 201


def test_get_requests_filters(api_key):
    first, second = _filed(api_key), _filed(api_key)
    Report.objects.filter(pk=first.pk).update(status="resolved")
    ids = lambda url: {int(r["service_request_id"]) for r in Client().get(url).json()}  # noqa: E731
    assert ids(V2 + f"requests.json?service_request_id={first.pk}") == {first.pk}
    assert ids(V2 + "requests.json?status=open") == {second.pk}
    assert ids(V2 + "requests.json?status=closed&service_code=bache") == {first.pk}
    assert ids(V2 + "requests.json?service_code=otra") == set()
    old = (dt.datetime.now(dt.UTC) - dt.timedelta(days=91)).isoformat()
    Report.objects.filter(pk=second.pk).update(requested_at=old)
    assert ids(V2 + "requests.json") == {first.pk}  # the default window is 90 days
    start = (dt.datetime.now(dt.UTC) - dt.timedelta(days=100)).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert ids(V2 + f"requests.json?start_date={start}") == {first.pk, second.pk}
    for bad in ("status=pendiente", "start_date=ayer", "service_request_id=uno"):
        assert Client().get(V2 + "requests.json?" + bad).status_code == 400


def test_get_requests_query_count_is_fixed(api_key, django_assert_num_queries):
    for _ in range(5):
        _filed(api_key)
    with django_assert_num_queries(1):
        assert len(Client().get(V2 + "requests.json").json()) == 5


def test_tokens_lead_to_the_request(api_key):
    response = _post(api_key)
    token = response.json()[0]["token"]
    found = Client().get(V2 + f"tokens/{token}.json").json()[0]
    assert found["service_request_id"] == response.json()[0]["service_request_id"]
    assert Client().get(V2 + "tokens/no-existe.json").status_code == 404
    assert Client().get(V2 + "requests/999.json").status_code == 404
    assert Client().get(V2 + "requests.csv").status_code == 404


def test_services_and_requests_by_jurisdiction_the_state_list(api_key, category):
    durango = CategoryFactory(code="durango-luz", institution__territory=state("10"))
    assert durango.territory.inegi_code == "10" and category.territory.inegi_code == "14"
    codes = lambda url: [s["service_code"] for s in Client().get(url).json()]  # noqa: E731
    assert codes(V2 + "services.json") == ["bache", "durango-luz"]
    for jurisdiction in ("jalisco", "MX-JAL", "14"):
        assert codes(V2 + f"services.json?jurisdiction_id={jurisdiction}") == ["bache"]
    assert codes(V2 + "services.json?jurisdiction_id=mx-dur") == ["durango-luz"]
    unknown = Client().get(V2 + "services.json?jurisdiction_id=atlantida")
    assert unknown.status_code == 400 and "jurisdiction_id" in unknown.json()[0]["description"]
    report = _filed(api_key)
    ids = lambda url: [r["service_request_id"] for r in Client().get(url).json()]  # noqa: E731
    assert ids(V2 + "requests.json?jurisdiction_id=jalisco") == [str(report.pk)]
    assert ids(V2 + "requests.json?jurisdiction_id=durango") == []
    refused = _post(api_key, jurisdiction_id="durango")
    assert refused.status_code == 400 and "jurisdicción" in refused.json()[0]["description"]
    assert _post(api_key, jurisdiction_id="jalisco").status_code == 201


def test_requests_give_times_with_mexicos_offset(api_key):
    report = _filed(api_key)
    shown = Client().get(V2 + f"requests/{report.pk}.json").json()[0]
    requested = dt.datetime.fromisoformat(shown["requested_datetime"])
    assert requested == report.requested_at and shown["requested_datetime"].endswith("-06:00")
