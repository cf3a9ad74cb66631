import datetime as dt

import pytest
from django.test import Client

from cocrea.comptrollership.models import Committee, Inspection, PublicWork
from cocrea.core.tests.factories import OrganizationFactory
from cocrea.reports.models import Report
from cocrea.reports.tests.factories import AttributeFactory, CategoryFactory
from cocrea.reports.tests.steps import file_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def work():
    work = PublicWork.objects.create(
        name="Pavimentación de la calle Hidalgo",
        institution=OrganizationFactory(name="Obras Públicas"),
        budget=1_250_000,
        contractor="Constructora Ejemplo",
        starts_on=dt.date(2026, 3, 1),
        progress=40,
    )
    Committee.objects.create(
        public_work=work,
        name="Comité Hidalgo",
        members=5,
        trained_on=dt.date(2026, 2, 1),
        commitment_letter_signed=True,
        citizen_comptrollers=1,
    )
    Inspection.objects.create(
        public_work=work,
        held_on=dt.date(2026, 4, 2),
        findings="Falta señalización",
        progress_observed=35,
    )
    return work


def test_works_committees_inspections_and_computed_figures(work, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        body = Client().get("/contraloria-social/").content.decode()
    assert "Pavimentación de la calle Hidalgo" in body and "Obras Públicas" in body
    detail = Client().get(f"/contraloria-social/obras/{work.pk}/").content.decode()
    assert "Comité Hidalgo" in detail and "Falta señalización" in detail and "40 %" in detail
    assert Client().get("/contraloria-social/obras/999/").status_code == 404


def test_a_complaint_about_a_work_goes_to_the_works_institution(work):
    category = AttributeFactory(
        category=CategoryFactory(code="queja-obra", institution=work.institution)
    ).category
    url = f"/reportes/nuevo/{category.code}/?obra={work.pk}"
    assert "Pavimentación" in Client().get(url).content.decode()
    data = {"description": "Obra abandonada", "address": "Hidalgo 10", "attribute_tamano": "chico"}
    assert file_report(Client(), category.code, data, obra=work.pk).status_code == 302
    complaint = Report.objects.get()
    assert complaint.public_work == work and complaint.institution == work.institution
    assert (
        "1 queja presentada"
        in Client().get(f"/contraloria-social/obras/{work.pk}/").content.decode()
    )
    assert Client().get(f"/reportes/nuevo/{category.code}/?obra=999").status_code == 404
    assert Client().get(f"/reportes/nuevo/{category.code}/?obra=x").status_code == 404


def test_api_lists_works_with_their_committees(work, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        body = Client().get("/api/v1/public-works").json()
    assert body["count"] == 1 and body["items"][0]["committee_count"] == 1
    assert body["items"][0]["institution"] == "Obras Públicas"
    detail = Client().get(f"/api/v1/public-works/{work.pk}").json()
    assert (
        detail["committees"][0]["members"] == 5 and detail["contractor"] == "Constructora Ejemplo"
    )
    assert Client().get("/api/v1/public-works/999").status_code == 404


def test_work_page_query_count_is_fixed(work, django_assert_max_num_queries):
    # The work, its committees, inspections (count, page, photos), the categories that take
    # complaints about it, and its complaints.
    with django_assert_max_num_queries(7):
        assert Client().get(f"/contraloria-social/obras/{work.pk}/").status_code == 200
