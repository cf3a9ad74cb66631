import json

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db
API = "/api/3/action/"
DATASET_KEYS = {
    "id", "name", "title", "notes", "license_id", "license_title", "tags", "metadata_created",
    "metadata_modified", "organization", "private", "type", "author", "author_email",
    "maintainer", "maintainer_email", "state",
}  # fmt: skip
RESOURCE_KEYS = {
    "id", "position", "name", "description", "format", "mimetype", "size", "hash", "created",
    "last_modified", "url", "resource_type",
}  # fmt: skip


def call(action, method="get", **params):
    client = Client()
    if method == "post":
        return client.post(API + action, json.dumps(params), content_type="application/json")
    return client.get(API + action, params)


def test_package_show_has_every_key_harvesters_check(catalogue):
    body = call("package_show", id="presupuesto-municipal").json()
    assert body["success"] is True and body["help"].endswith("help_show?name=package_show")
    package = body["result"]
    assert package.keys() >= DATASET_KEYS
    assert package["id"] == str(catalogue["dataset"].identifier)
    assert package["organization"]["name"] == catalogue["org"].slug
    assert [t["name"] for t in package["tags"]] == ["obra pública", "presupuesto"]
    assert package["license_id"] == "CC-BY-4.0" and package["private"] is False
    resource = package["resources"][0]
    assert resource.keys() >= RESOURCE_KEYS
    assert resource["format"] == "CSV" and resource["size"] == len(
        catalogue["resource"].file.read()
    )
    assert resource["hash"].startswith("sha256:") and resource["url"].startswith("http")
    by_id = call("package_show", "post", id=package["id"]).json()["result"]
    assert by_id["name"] == "presupuesto-municipal"
    assert (
        Client().get("/api/action/package_show", {"id": "presupuesto-municipal"}).json()["success"]
    )


@pytest.mark.parametrize(
    "action, params, status, kind",
    [
        ("package_show", {"id": "no-existe"}, 404, "Not Found Error"),
        ("package_show", {"id": "borrador-secreto"}, 404, "Not Found Error"),
        ("package_show", {}, 409, "Validation Error"),
        ("package_search", {"rows": "5000"}, 409, "Validation Error"),
        ("package_search", {"rows": "diez"}, 409, "Validation Error"),
        ("package_search", {"start": "-1"}, 409, "Validation Error"),
        ("package_search", {"fq": "color:rojo"}, 400, "Search Query Error"),
        ("package_search", {"sort": "color desc"}, 400, "Search Query Error"),
        ("package_search", {"sort": "name sideways"}, 400, "Search Query Error"),
        ("package_search", {"facet.field": '["color"]'}, 400, "Search Query Error"),
        ("package_search", {"facet.field": '["exercise"]'}, 400, "Search Query Error"),
        ("resource_show", {"id": "no-es-uuid"}, 404, "Not Found Error"),
        ("organization_show", {"id": "nadie"}, 404, "Not Found Error"),
        ("datastore_search", {"resource_id": "x"}, 404, "Not Found Error"),
        ("no_such_action", {}, 400, "Not Found Error"),
    ],
)
def test_bad_calls_answer_in_ckans_error_format(catalogue, action, params, status, kind):
    response = call(action, **params)
    assert response.status_code == status
    body = response.json()
    assert body["success"] is False and body["error"]["__type"] == kind


def test_bad_json_body_is_a_400():
    response = Client().post(API + "package_show", "{no", content_type="application/json")
    assert response.status_code == 400 and response.json()["success"] is False


def test_package_search_text_filters_facets_and_paging(catalogue, django_assert_max_num_queries):
    with django_assert_max_num_queries(7):
        result = call(
            "package_search",
            q="presupuesto",
            fq=f"organization:{catalogue['org'].slug}",
            **{"facet.field": '["groups", "res_format", "tags"]'},
        ).json()["result"]
    assert result["count"] == 1 and result["results"][0]["name"] == "presupuesto-municipal"
    assert result["facets"]["groups"] == {"presupuesto": 1}
    assert result["search_facets"]["res_format"]["items"][0]["name"] == "CSV"
    everything = call("package_search", rows=1000).json()["result"]
    assert everything["count"] == 17  # the institution's dataset and the platform's sixteen
    assert "borrador-secreto" not in [p["name"] for p in everything["results"]]
    page = call("package_search", rows=3, start=15, sort="name asc").json()["result"]
    assert [p["name"] for p in page["results"]] == [
        "cocrea-versiones-de-iniciativas",
        "presupuesto-municipal",
    ]
    tagged = call("package_search", fq='tags:"obra pública"').json()["result"]
    assert tagged["count"] == 1
    in_q = call("package_search", q="res_format:CSV groups:presupuesto").json()["result"]
    assert in_q["count"] == 1


def test_the_other_actions(catalogue):
    assert call("package_list").json()["result"][-1] == "presupuesto-municipal"
    assert "borrador-secreto" not in call("package_list").json()["result"]
    # The institution, and the platform's publisher of its own sixteen tables (sorted by title).
    assert call("organization_list").json()["result"] == ["cocrea", catalogue["org"].slug]
    orgs = call("organization_list", all_fields="true").json()["result"]
    assert [o["package_count"] for o in orgs] == [16, 1]
    assert orgs[1]["is_organization"] is True and orgs[1]["title"] == catalogue["org"].name
    org = call("organization_show", id=orgs[1]["id"]).json()["result"]
    assert org["name"] == catalogue["org"].slug and org["package_count"] == 1
    assert call("group_list").json()["result"] == ["presupuesto"]
    assert call("group_list", all_fields="true").json()["result"][0]["package_count"] == 1
    assert "obra pública" in call("tag_list").json()["result"]
    assert call("tag_list", query="obra").json()["result"] == ["obra pública", "obras-publicas"]
    licenses = {item["id"] for item in call("license_list").json()["result"]}
    assert {"CC-BY-4.0", "CC0-1.0", "ODbL-1.0"} <= licenses
    assert call("status_show").json()["result"]["ckan_version"].startswith("2.")
    resource = call("resource_show", id=str(catalogue["resource"].identifier)).json()["result"]
    assert resource["name"] == "Presupuesto 2026" and resource["datastore_active"] is True
    assert "package_show" in call("help_show", name="package_show").json()["result"]


def _search(**params):
    return call("datastore_search", **params)


def test_datastore_search_over_an_uploaded_csv(catalogue):
    rid = str(catalogue["resource"].identifier)
    everything = _search(resource_id=rid).json()["result"]
    assert everything["total"] == 4
    assert everything["fields"][0] == {"id": "_id", "type": "int"}
    assert {"id": "monto", "type": "numeric"} in everything["fields"]
    assert everything["records"][0] == {
        "_id": 1,
        "partida": "Alumbrado",
        "municipio": "Zapopan",
        "monto": 1500.5,
        "fecha": "2026-01-10",
    }
    zapopan = _search(resource_id=rid, filters='{"municipio": "Zapopan"}').json()["result"]
    assert zapopan["total"] == 2
    assert _search(resource_id=rid, q="bache").json()["result"]["total"] == 1
    ranked = _search(resource_id=rid, sort="monto desc", limit=2, fields="partida,monto")
    assert [r["partida"] for r in ranked.json()["result"]["records"]] == ["Agua", "Bacheo"]
    assert set(ranked.json()["result"]["records"][0]) == {"_id", "partida", "monto"}
    second = _search(resource_id=rid, limit=1, offset=1, sort="monto asc").json()["result"]
    assert second["records"][0]["partida"] == "Alumbrado" and second["total"] == 4
    for bad in ({"filters": '{"color": "x"}'}, {"fields": "color"}, {"sort": "color"}):
        assert _search(resource_id=rid, **bad).status_code == 409
    assert _search(resource_id=rid, limit="mucho").status_code == 409


def test_datastore_search_over_a_platform_table(catalogue, roles):
    resource = call("package_show", id="cocrea-ejercicios").json()["result"]["resources"][0]
    result = _search(
        resource_id=resource["id"], filters=json.dumps({"identificador": "jalisco-prueba"})
    )
    records = result.json()["result"]["records"]
    assert len(records) == 1 and records[0]["nombre"] == roles.exercise.name


def test_cached_facets_follow_every_write(catalogue, roles, django_capture_on_commit_callbacks):
    from cocrea.opendata.models import Dataset
    from cocrea.opendata.services import dataset_save

    def themed():
        result = call("package_search", **{"facet.field": '["groups"]'}).json()["result"]
        return result["facets"]["groups"]

    assert themed() == {"presupuesto": 1}
    with django_capture_on_commit_callbacks(execute=True):
        dataset_save(
            actor=roles.liaison,
            dataset=Dataset(),
            name="presupuesto-2027",
            title="Presupuesto 2027",
            description="Montos aprobados.",
            organization=catalogue["org"],
            contact_name="Unidad",
            contact_email="u@example.org",
            frequency="annual",
            groups=[catalogue["theme"]],
        )
    assert themed() == {"presupuesto": 2}


@pytest.mark.parametrize(
    "action, params, queries",
    [
        ("package_list", {}, 1),
        ("package_list", {"limit": "2", "offset": "1"}, 1),
        ("organization_list", {"all_fields": "true"}, 1),
        ("group_list", {"all_fields": "true", "limit": "1"}, 1),
        ("tag_list", {"all_fields": "true"}, 1),
        ("resource_show", None, 1),
    ],
)
def test_list_actions_pin_their_queries(
    catalogue, action, params, queries, django_assert_num_queries
):
    params = params if params is not None else {"id": str(catalogue["resource"].identifier)}
    with django_assert_num_queries(queries):
        assert call(action, **params).json()["success"]


def test_list_actions_page_with_limit_and_offset(catalogue):
    everything = call("package_list").json()["result"]
    assert call("package_list", limit=2, offset=1).json()["result"] == everything[1:3]
    assert call("tag_list", limit=1).json()["result"] == call("tag_list").json()["result"][:1]
    assert call("group_list", limit=0).json()["result"] == []
    assert call("organization_list", limit=5000).status_code == 409
