"""CKAN's envelope and status codes for every refusal, the API root, and the publishers."""

import json

import pytest
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db
API = "/api/3/action/"


def assert_ckan_error(response, status, kind):
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["success"] is False and body["help"].startswith("http")
    assert body["error"]["__type"] == kind
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    return body["error"]


def post_raw(action, body, content_type="application/json"):
    return Client().post(API + action, body, content_type=content_type)


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_other_methods_are_a_405_in_ckans_shape(method):
    response = getattr(Client(), method)(API + "package_list")
    error = assert_ckan_error(response, 405, "Bad Request")
    assert method.upper() in error["message"] and "GET" in response["Allow"]


def test_head_and_a_cors_preflight_are_answered():
    assert Client().head(API + "package_list").status_code == 200
    preflight = Client().options(API + "package_search")
    assert preflight.status_code == 200 and "POST" in preflight["Access-Control-Allow-Methods"]
    assert preflight["Access-Control-Allow-Origin"] == "*"


def test_an_unknown_action_is_ckans_bad_request():
    error = assert_ckan_error(Client().get(API + "no_such_action"), 400, "Not Found Error")
    assert error["message"] == "Bad request: Action name not known: no_such_action"
    help_url = Client().get(API + "a b&c").json()["help"]
    assert help_url.endswith("help_show?name=a+b%26c")


@pytest.mark.parametrize("action", ["package_create", "resource_patch", "datastore_upsert"])
def test_write_actions_are_refused_as_ckan_refuses_an_anonymous_caller(action):
    denied = assert_ckan_error(
        post_raw(action, json.dumps({"name": "x"})), 403, "Authorization Error"
    )
    assert denied["message"].startswith("Access denied")
    by_get = assert_ckan_error(Client().get(API + action), 400, "Bad Request")
    assert "Please use POST method" in by_get["message"]


@pytest.mark.parametrize(
    "body, content_type",
    [
        ("{no", "application/json"),
        ("[1, 2]", "application/json"),
        ('"texto"', "application/json"),
        ("null", "application/json"),
        ("[" * 100_000, "application/json"),
        ("1" * 5000, "application/json"),
        ('{"id": "\\ud800"}'[:-2] + "x", "application/json"),
        (b"\xff\xfe\x00{", "application/json"),
    ],
)
def test_a_body_that_is_not_a_json_object_is_a_400(body, content_type):
    error = assert_ckan_error(post_raw("package_show", body, content_type), 400, "Bad Request")
    assert error["message"].startswith("Bad request: JSON Error")


def test_a_json_body_sent_as_a_form_is_read_as_ckan_reads_it(catalogue):
    response = post_raw(
        "package_show", '{"id": "presupuesto-municipal"}', "application/x-www-form-urlencoded"
    )
    assert response.json()["result"]["name"] == "presupuesto-municipal"
    form = post_raw("package_show", "id=presupuesto-municipal", "application/x-www-form-urlencoded")
    assert form.json()["result"]["name"] == "presupuesto-municipal"


def test_a_post_without_a_body_reads_the_query_string_as_ckan_does(catalogue):
    response = Client().post(API + "package_show?id=presupuesto-municipal")
    assert response.json()["result"]["name"] == "presupuesto-municipal"


def test_a_broken_multipart_body_is_a_400():
    response = post_raw("package_show", b"--x\r\nbroken", "multipart/form-data")
    assert_ckan_error(response, 400, "Bad Request")


@pytest.mark.parametrize(
    "name, value",
    [
        ("rows", 1e400),
        ("rows", float("nan")),
        ("rows", -1),
        ("rows", 2**70),
        ("rows", True),
        ("rows", [1]),
        ("rows", {"n": 1}),
        ("rows", 2.5),
        ("rows", "9" * 5000),
        ("start", 2**63),
        ("start", float("-inf")),
        ("facet.limit", "1e400"),
        ("facet.mincount", -3),
    ],
)
def test_numbers_out_of_range_or_not_numbers_are_validation_errors(name, value):
    # json.dumps writes 1e400 (an infinite float) as `Infinity`, which Python reads back.
    response = post_raw("package_search", json.dumps({name: value}))
    error = assert_ckan_error(response, 409, "Validation Error")
    assert name in error and error["message"].startswith(name)


def test_the_literal_1e400_is_a_validation_error():
    response = post_raw("package_search", '{"rows": 1e400}')
    assert assert_ckan_error(response, 409, "Validation Error")["rows"] == ["Invalid integer"]


@pytest.mark.parametrize(
    "action, name",
    [
        ("package_list", "offset"),
        ("organization_list", "offset"),
        ("group_list", "limit"),
        ("tag_list", "offset"),
        ("datastore_search", "offset"),
    ],
)
def test_list_windows_refuse_huge_or_infinite_numbers(catalogue, action, name):
    params = {"resource_id": str(catalogue["resource"].identifier)}
    for value in (2**63, 1e400, "18446744073709551616", -1, False):
        response = post_raw(action, json.dumps({**params, name: value}))
        assert assert_ckan_error(response, 409, "Validation Error")[name]


def test_a_whole_float_is_an_integer_as_in_ckan(catalogue):
    result = post_raw("package_search", json.dumps({"rows": 2.0})).json()["result"]
    assert len(result["results"]) == 2


@pytest.mark.parametrize(
    "action, name",
    [
        ("package_search", "q"),
        ("package_search", "fq"),
        ("package_search", "sort"),
        ("package_show", "id"),
        ("resource_show", "id"),
        ("organization_show", "id"),
        ("tag_list", "query"),
        ("datastore_search", "resource_id"),
        ("help_show", "name"),
    ],
)
def test_a_nul_byte_in_any_parameter_is_a_validation_error(catalogue, action, name):
    for response in (
        Client().get(API + action, {name: "presu\x00puesto"}),
        post_raw(action, json.dumps({name: "presu\x00puesto"})),
        post_raw(action, json.dumps({name: ["a", {"b": "c\x00"}]})),
    ):
        assert assert_ckan_error(response, 409, "Validation Error")[name]


def test_a_nul_byte_or_a_lone_surrogate_in_a_key_is_refused():
    assert_ckan_error(post_raw("package_search", '{"q\\u0000": "x"}'), 409, "Validation Error")
    assert_ckan_error(post_raw("package_show", '{"id": "\\udc80"}'), 409, "Validation Error")


def test_package_search_refuses_parameters_ckan_does_not_know(catalogue):
    error = assert_ckan_error(
        Client().get(API + "package_search", {"colour": "red"}), 400, "Search Query Error"
    )
    assert "colour" in error["message"]
    fine = {"include_private": "true", "ext_bbox": "1,2,3,4", "callback": "f", "fl": "name"}
    assert Client().get(API + "package_search", fine).json()["success"] is True


def test_wrong_types_for_text_and_list_parameters_are_validation_errors():
    assert_ckan_error(post_raw("package_show", '{"id": ["a"]}'), 409, "Validation Error")
    assert_ckan_error(post_raw("package_search", '{"q": {"a": 1}}'), 409, "Validation Error")
    error = assert_ckan_error(
        post_raw("package_search", '{"facet.field": [1]}'), 409, "Validation Error"
    )
    assert error["facet.field"] == ["Not a string"]


def test_the_api_root_names_its_version():
    for path in ("/api/3", "/api/3/"):
        response = Client().get(path)
        assert response.status_code == 200 and response.json() == {"version": 3}
    refused = Client().post("/api/3/")
    assert_ckan_error(refused, 405, "Bad Request")
    assert refused["Allow"] == "GET, HEAD, OPTIONS"


@pytest.mark.parametrize(
    "path",
    ["/api/3/action/", "/api/3/action/package_show/", "/api/3/nada", "/api/action/", "/api/3/a/b"],
)
def test_unknown_paths_under_the_ckan_api_are_ckans_not_found(path):
    assert_ckan_error(Client().get(path), 404, "Not Found Error")
    assert_ckan_error(Client().post(path), 404, "Not Found Error")


def test_the_platforms_datasets_carry_their_publisher(catalogue):
    platform = Client().get(API + "package_show", {"id": "cocrea-ejercicios"}).json()["result"]
    org = platform["organization"]
    assert org["name"] == "cocrea" and org["title"] == "Cocrea" and org["type"] == "organization"
    assert platform["owner_org"] == org["id"] and platform["author"] == "Cocrea"
    shown = Client().get(API + "organization_show", {"id": org["id"]}).json()["result"]
    assert shown["name"] == "cocrea" and shown["package_count"] == 16
    by_name = Client().get(API + "organization_show", {"id": "cocrea"}).json()["result"]
    assert by_name == shown
    results = Client().get(API + "package_search", {"rows": 100}).json()["result"]["results"]
    assert all(p["organization"] and p["owner_org"] for p in results)


def test_the_publisher_is_a_filter_and_a_facet(catalogue):
    found = Client().get(
        API + "package_search",
        {"fq": "organization:cocrea", "facet.field": '["organization"]', "rows": "100"},
    )
    result = found.json()["result"]
    assert result["count"] == 16
    assert {p["name"] for p in result["results"]} >= {"cocrea-ejercicios"}
    everything = Client().get(API + "package_search", {"facet.field": '["organization"]'})
    facet = everything.json()["result"]["facets"]["organization"]
    assert facet == {"cocrea": 16, catalogue["org"].slug: 1}
    rest = Client().get("/api/v1/datasets", {"organization": "cocrea", "limit": "100"}).json()
    assert rest["count"] == 16 and {d["organization"] for d in rest["items"]} == {"cocrea"}


@override_settings(OPEN_DATA_PUBLISHER="Gobierno Abierto de Jalisco")
def test_the_publisher_follows_the_settings(catalogue):
    names = Client().get(API + "organization_list").json()["result"]
    assert "gobierno-abierto-de-jalisco" in names
    platform = Client().get(API + "package_show", {"id": "cocrea-ejercicios"}).json()["result"]
    assert platform["organization"]["title"] == "Gobierno Abierto de Jalisco"


def test_organization_list_sorts_filters_and_gives_all_fields(catalogue):
    slug = catalogue["org"].slug

    def names(**params):
        return Client().get(API + "organization_list", params).json()["result"]

    assert names(sort="package_count desc") == ["cocrea", slug]
    assert names(sort="package_count") == ["cocrea", slug]
    assert names(sort="name desc") == sorted(["cocrea", slug], reverse=True)
    assert names(q="COCREA") == ["cocrea"]
    assert names(limit=1, offset=1) == [slug]
    full = names(all_fields="True", q="cocrea")[0]
    assert full["package_count"] == 16 and full["is_organization"] is True
    for bad in ("color asc", "name sideways", "name asc, title asc"):
        response = Client().get(API + "organization_list", {"sort": bad})
        assert assert_ckan_error(response, 409, "Validation Error")["sort"]


def test_an_organization_that_publishes_nothing_yet_is_still_shown(roles):
    from cocrea.core.models import Organization

    org = Organization.objects.first()
    assert org is not None
    shown = Client().get(API + "organization_show", {"id": org.slug}).json()["result"]
    assert shown["name"] == org.slug and shown["package_count"] == 0


def test_dcat_names_the_same_publisher(catalogue):
    graph = Client().get("/dataset/cocrea-ejercicios.ttl").content.decode()
    assert '"Cocrea"@es' in graph


def test_a_real_organization_with_the_publishers_slug_is_the_same_publisher(catalogue, roles):
    from cocrea.core.tests.factories import OrganizationFactory
    from cocrea.opendata.models import Dataset
    from cocrea.opendata.services import dataset_save

    real = OrganizationFactory(slug="cocrea", name="Cocrea A. C.")
    dataset_save(
        actor=roles.admin,
        dataset=Dataset(),
        name="informe-anual",
        title="Informe anual",
        description="Lo que hizo la asociación.",
        organization=real,
        contact_name="Cocrea",
        contact_email="c@example.org",
        frequency="annual",
    )
    orgs = Client().get(API + "organization_list", {"all_fields": "true"}).json()["result"]
    ours = [org for org in orgs if org["name"] == "cocrea"]
    assert len(ours) == 1 and ours[0]["package_count"] == 17
    assert ours[0]["title"] == "Cocrea A. C."
