"""Generated CKAN calls: whatever the action, method and data, no server error, and every
refusal in CKAN's envelope. Seeds are fixed and examples bounded, so the run is repeatable."""

import json
from urllib.parse import quote

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cocrea.opendata.ckan_views import ACTIONS, WRITE_ACTIONS

pytestmark = pytest.mark.django_db
FUZZ = settings(
    derandomize=True,
    max_examples=100,
    deadline=None,
    # The catalogue is built once per test; each example only reads it.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
WINDOW = ["limit", "offset", "all_fields", "sort", "q"]
# What each action reads, so that most calls get past the first check to the deeper ones.
ACTION_PARAMS = {
    "package_search": [
        "q", "fq", "fq_list", "rows", "start", "sort", "facet.field", "facet.limit",
        "facet.mincount", "include_private",
    ],
    "package_list": WINDOW,
    "organization_list": WINDOW,
    "group_list": WINDOW,
    "tag_list": [*WINDOW, "query"],
    "package_show": ["id"],
    "resource_show": ["id"],
    "organization_show": ["id"],
    "help_show": ["name"],
    "datastore_search": ["resource_id", "limit", "offset", "q", "filters", "fields", "sort"],
}  # fmt: skip
# Stands for the catalogue's CSV resource, whose id each test run makes anew.
RESOURCE = "RESOURCE-ID"
ODD_TEXT = ["", "\x00", "a\x00b", "1e400", "-1", "9" * 40, "NaN", "Infinity", "[1,", '{"a":']
ODD_TEXT += ["organization:cocrea", "tags:x -tags:y", "name asc, title desc", "score desc,"]
ODD_TEXT += ['["organization"]', "\u202e\u0301ñ😀", "presupuesto-municipal", "cocrea", RESOURCE]
ODD_TEXT += ["monto desc", '{"municipio": "Zapopan"}', "partida,monto", "   ", "true"]
ODD_NUMBERS = [1e400, float("-inf"), float("nan"), 2**63, 2**64, -(2**63) - 1, 10**30, 1e308, 2.5]
NUMERIC = {"rows", "start", "facet.limit", "facet.mincount", "limit", "offset"}

reads = st.sampled_from(sorted(ACTIONS))
# CKAN's write actions, paths that are not actions, and any text.
others = st.sampled_from(sorted([*WRITE_ACTIONS, "", "package_show/", "a/b"])) | st.text(
    max_size=30
)
# PostgreSQL stores no NUL in text: one string in two carries one.
with_nul = st.text(max_size=20).map(lambda text: text[:2] + "\x00" + text[2:])
texts = st.one_of(st.sampled_from(ODD_TEXT), st.text(max_size=40), with_nul, with_nul)
odd_numbers = st.sampled_from(ODD_NUMBERS)
numbers = st.one_of(odd_numbers, odd_numbers, st.integers(), st.floats())
scalars = st.one_of(st.none(), st.booleans(), numbers, numbers, texts, texts)
nested = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(texts, inner, max_size=4),
    max_leaves=10,
)
# A parameter's value: mostly one number or string, sometimes a list or an object.
json_values = st.one_of(scalars, scalars, nested)


def _calls(values):
    """(action, params): mostly an action that exists with up to three of its own parameters,
    now and then an unknown parameter too, or any other action name with any parameters."""

    def for_action(action):
        names = ACTION_PARAMS.get(action)
        own = st.dictionaries(st.sampled_from(names), values, max_size=3) if names else st.just({})
        extra = st.dictionaries(st.text(max_size=12), values, min_size=1, max_size=1)
        return st.tuples(st.just(action), own, st.one_of(st.just({}), st.just({}), extra)).map(
            lambda call: (call[0], {**call[2], **call[1]})
        )

    anything = st.tuples(others, st.dictionaries(st.text(max_size=12), values, max_size=3))
    return st.one_of(reads.flatmap(for_action), reads.flatmap(for_action), anything)


def _one_parameter(action):
    """One parameter of the action alone, so that its odd value is what the action meets: a
    count or an offset mostly a number past what a database holds, any other mostly text."""
    numeric = st.one_of(odd_numbers, odd_numbers, numbers, json_values)
    return st.sampled_from(ACTION_PARAMS[action]).flatmap(
        lambda name: st.tuples(
            st.just(action), st.just(name), numeric if name in NUMERIC else json_values
        )
    )


def path_of(action):
    return "/api/3/action/" + quote(action, safe="")


def real_ids(text, catalogue):
    return text.replace(RESOURCE, str(catalogue["resource"].identifier))


def assert_ckan_answer(response, method):
    assert response.status_code < 500, response.content[:500]
    if method in ("head", "options"):
        return
    body = response.json()
    assert isinstance(body.get("help"), str) and body["success"] is (response.status_code == 200)
    if response.status_code >= 400:
        error = body["error"]
        assert isinstance(error["__type"], str) and error["__type"]
        assert isinstance(error["message"], str) and error["message"]
        assert response.status_code in (400, 403, 404, 405, 409, 413)
    else:
        assert "result" in body


@settings(FUZZ, max_examples=100)
@given(
    call=_calls(texts),
    method=st.sampled_from(["get", "get", "post", "put", "patch", "delete", "head", "options"]),
)
def test_query_string_calls(catalogue, call, method):
    action, params = call
    params = {name: real_ids(value, catalogue) for name, value in params.items()}
    # GET and HEAD send the parameters in the query string, POST as a form, the rest as a body.
    response = getattr(Client(), method)(path_of(action), params)
    assert_ckan_answer(response, method)


@settings(FUZZ, max_examples=100)
@given(call=_calls(json_values))
def test_json_body_calls(catalogue, call):
    action, data = call
    # allow_nan: 1e400 (an infinite float) and NaN travel as `Infinity` and `NaN`, JSON's
    # common extensions, which CKAN's and Python's parsers read.
    body = real_ids(json.dumps(data, allow_nan=True), catalogue)
    response = Client().post(path_of(action), body, content_type="application/json")
    assert_ckan_answer(response, "post")


@settings(FUZZ, max_examples=120)
@given(call=st.sampled_from(sorted(ACTION_PARAMS)).flatmap(_one_parameter))
def test_each_parameter_alone(catalogue, call):
    action, name, value = call
    body = real_ids(json.dumps({name: value}, allow_nan=True), catalogue)
    response = Client().post(path_of(action), body, content_type="application/json")
    assert_ckan_answer(response, "post")
    if isinstance(value, str) and "\x00" in value:
        assert response.json()["error"]["__type"] == "Validation Error"


@settings(FUZZ, max_examples=60)
@given(
    action=reads,
    body=st.binary(max_size=60) | json_values.map(lambda v: json.dumps(v).encode()),
    content_type=st.sampled_from(
        [
            "application/json",
            "application/x-www-form-urlencoded",
            "multipart/form-data",
            "multipart/form-data; boundary=x",
            "text/plain",
        ]
    ),
)
def test_arbitrary_bodies(catalogue, action, body, content_type):
    response = Client().post(path_of(action), body, content_type=content_type)
    assert_ckan_answer(response, "post")
