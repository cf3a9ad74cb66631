"""The REST API's OpenAPI document tells the truth: each schema name is one class (two classes
named alike made `/progress-reports` documented with the citizen reports' schema), each
operation's success refers to its own class, and each documents the refusals it answers, in the
one error shape the API writes (`ApiError`)."""

import json
import types
import typing
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from pydantic import BaseModel

from cocrea.api import api
from cocrea.core.api_errors import ApiError
from cocrea.core.capabilities import api_routers
from cocrea.core.services import api_key_create
from cocrea.plans.tests.factories import MilestoneFactory

PREFIX = "/api/v1"
# Operations whose refusals are not declared yet (none: each is checked below).
NOT_YET_DECLARED: set[tuple[str, str]] = set()


def _operations() -> list[tuple[str, str, Any]]:
    return [
        (method.lower(), PREFIX + path, operation)
        for router in api_routers()
        for path, view in router.path_operations.items()
        for operation in view.operations
        for method in operation.methods
    ]


def _models(annotation: Any, found: set[type[BaseModel]]) -> None:
    """Every pydantic model an annotation uses, however deeply (lists, unions, fields)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation in found:
            return
        found.add(annotation)
        for field in annotation.model_fields.values():
            _models(field.annotation, found)
        return
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is not None:
        for argument in typing.get_args(annotation):
            _models(argument, found)


def _declared(operation: Any, status: int) -> Any:
    return operation.response_models[status].model_fields["response"].annotation


def _document() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(json.dumps(api.get_openapi_schema()))  # plain texts
    return document


def test_no_two_schemas_share_a_name():
    found: set[type[BaseModel]] = set()
    for _method, _path, operation in _operations():
        for status in operation.response_models:
            _models(_declared(operation, status), found)
        for model in operation.models:  # query, path and body parameters
            _models(model, found)
    by_name: dict[str, set[str]] = {}
    for model in found:
        by_name.setdefault(model.__name__, set()).add(f"{model.__module__}.{model.__qualname__}")
    shared = {name: sorted(where) for name, where in by_name.items() if len(where) > 1}
    assert not shared, shared


def _item(model: Any) -> Any:
    """The class of a list's items (ninja's paged lists keep them in `items`)."""
    if typing.get_origin(model) is list:
        return typing.get_args(model)[0]
    if "items" in getattr(model, "model_fields", {}) and "count" in model.model_fields:
        return typing.get_args(model.model_fields["items"].annotation)[0]
    return None


def _resolve(document: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def test_each_success_is_documented_with_its_own_class():
    document = _document()
    for method, path, operation in _operations():
        status = min(code for code in operation.response_models if code < 400)
        model = _declared(operation, status)
        content = document["paths"][path][method]["responses"][str(status)]["content"]
        schema = _resolve(document, content["application/json"]["schema"])
        item = _item(model)
        if item is not None:
            schema = (
                _resolve(document, schema["properties"]["items"]["items"])
                if ("properties" in schema)
                else _resolve(document, schema["items"])
            )
            model = item
        wanted = {field.alias or name for name, field in model.model_fields.items()}
        assert set(schema["properties"]) == wanted, f"{method.upper()} {path}: {model}"
        assert schema["title"] == model.__name__, f"{method.upper()} {path}"


def test_each_operation_documents_the_refusals_it_answers():
    document = _document()
    assert set(_resolve(document, {"$ref": "#/components/schemas/ApiError"})["properties"]) == {
        "error"
    }
    for method, path, operation in _document_operations(document):
        if (method, path) in NOT_YET_DECLARED:
            continue
        wanted = {"400"}
        if "{" in path:
            wanted.add("404")
        if operation.get("security"):
            wanted |= {"403", "404", "429"}
        refusals = {code for code in operation["responses"] if code >= "400"}
        assert refusals == wanted, f"{method.upper()} {path}"
        for code in refusals:
            schema = operation["responses"][code]["content"]["application/json"]["schema"]
            assert schema == {"$ref": "#/components/schemas/ApiError"}, f"{code} {path}"


def _document_operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method, path, operation)
        for path, operations in document["paths"].items()
        for method, operation in operations.items()
    ]


@pytest.fixture
def milestone(db):
    return MilestoneFactory()


def _refusal(response, status):
    assert response.status_code == status, response.content
    refusal = ApiError.model_validate(response.json())
    assert refusal.error.status == status and refusal.error.message
    return refusal.error


def test_each_refusal_is_an_api_error(milestone):
    client = Client()
    invalid = _refusal(client.get("/api/v1/commitments?plan=uno"), 400)
    assert invalid.code == "invalid" and invalid.fields and invalid.fields[0].loc[-1] == "plan"
    assert _refusal(client.get("/api/v1/commitments/987654"), 404).code == "not_found"
    patch = client.patch(
        f"/api/v1/milestones/{milestone.pk}", {"progress": 5}, content_type="application/json"
    )
    assert _refusal(patch, 403).code == "forbidden"


def test_too_many_writes_with_one_key_is_a_429_api_error(milestone):
    key = api_key_create(organization=milestone.commitment.lead_institution)[1]
    headers = {"Authorization": f"Bearer {key}"}
    cache.clear()
    try:
        for _attempt in range(200):
            response = Client().patch(
                f"/api/v1/milestones/{milestone.pk}",
                {"progress": 5},
                content_type="application/json",
                headers=headers,
            )
            if response.status_code != 200:
                break
        assert _refusal(response, 429).code == "too_many_requests"
        assert int(response["Retry-After"]) > 0
        other = api_key_create(organization=milestone.commitment.lead_institution)[1]
        separate = Client().patch(
            f"/api/v1/milestones/{milestone.pk}",
            {"progress": 6},
            content_type="application/json",
            headers={"Authorization": f"Bearer {other}"},
        )
        assert separate.status_code == 200  # counted per key, not for everyone
    finally:
        cache.clear()


UNSUPPORTED_FIRST = ("delete", "put", "post", "patch")


def _paths_and_methods() -> list[tuple[str, set[str]]]:
    by_path: dict[str, set[str]] = {}
    for method, path, _operation in _document_operations(_document()):
        by_path.setdefault(path, set()).add(method)
    return sorted(by_path.items())


@pytest.mark.parametrize(("path", "methods"), _paths_and_methods())
def test_a_method_a_path_does_not_take_is_a_405_api_error(db, path, methods):
    """ninja answers it with a plain-text 405: here it is the API's refusal, listing the methods
    the path takes (also in `Allow`)."""
    method = next(m for m in UNSUPPORTED_FIRST if m not in methods)
    url = _filled(path)
    response = getattr(Client(), method)(url)
    assert response["Content-Type"].startswith("application/json"), url
    refused = _refusal(response, 405)
    allowed = sorted(m.upper() for m in methods)
    assert refused.code == "method_not_allowed" and refused.fields is None
    assert all(m in refused.message for m in allowed), refused.message
    assert refused.message.startswith("Este recurso solo admite ")
    assert response["Allow"] == ", ".join(allowed)


def _filled(path: str) -> str:
    """The path with `1` for each of its parameters (`/plans/{plan_id}` -> `/plans/1`)."""
    while "{" in path:
        start = path.index("{")
        path = path[:start] + "1" + path[path.index("}", start) + 1 :]
    return path


def test_the_405_message_names_the_methods_in_spanish(db):
    response = Client().delete("/api/v1/plans")
    assert response.status_code == 405 and response["Allow"] == "GET"
    assert response.json() == {
        "error": {
            "status": 405,
            "code": "method_not_allowed",
            "message": "Este recurso solo admite GET.",
        }
    }
