"""The core part of /api/v1/ and the OpenAPI document."""

import pytest
from django.test import Client
from openapi_spec_validator import validate

from cocrea.core.tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def test_openapi_document_is_valid():
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    spec = response.json()
    validate(spec)
    paths = set(spec["paths"])
    for noun in (
        "territories",
        "organizations",
        "exercises",
        "secretariat-members",
        "secretariat-sessions",
    ):
        assert f"/api/v1/{noun}" in paths


def test_docs_page_is_served():
    response = Client().get("/api/v1/docs")
    assert response.status_code == 200
    assert b"swagger" in response.content.lower()


@pytest.mark.parametrize("n", [2, 30])
def test_lists_run_a_fixed_number_of_queries(django_assert_num_queries, n):
    for _ in range(n):
        OrganizationFactory()
    for url in ("/api/v1/territories", "/api/v1/organizations", "/api/v1/territories?level=state"):
        with django_assert_num_queries(2):
            response = Client().get(url)
        assert response.status_code == 200
        assert set(response.json()) == {"items", "count"}


def test_territories_paginate_with_limit_and_offset():
    body = Client().get("/api/v1/territories?level=state&limit=10&offset=30").json()
    assert body["count"] == 32
    assert [t["inegi_code"] for t in body["items"]] == ["31", "32"]
    assert body["items"][0]["parent"]["inegi_code"] == "00"


def test_organization_detail_and_filters():
    organization = OrganizationFactory(name="Ayuntamiento de Zapopan", sector="gov_municipality")
    body = Client().get(f"/api/v1/organizations/{organization.pk}").json()
    assert body["sector_label"] == "Gobierno: ayuntamiento"
    assert body["territory"]["inegi_code"] == "14"
    assert Client().get("/api/v1/organizations?sector=gov_municipality").json()["count"] == 1
    assert Client().get("/api/v1/organizations?sector=invalid").status_code == 400
    assert Client().get("/api/v1/organizations/0").json()["error"]["code"] == "not_found"
