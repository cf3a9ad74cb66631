"""A complaint about a public work offers only the categories of the work's institution in the
work's state, goes to that institution and keeps the chosen category's deadline, counted with
that state's days off (issue 14, item 4)."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.test import Client

from cocrea.comptrollership.tests.factories import PublicWorkFactory
from cocrea.core.models import Territory, TerritoryLevel
from cocrea.core.tests.factories import OrganizationFactory, UserFactory, state
from cocrea.core.tests.helpers import client_for
from cocrea.reports.models import Holiday, Report
from cocrea.reports.services import Filing, report_create
from cocrea.reports.tests.factories import CategoryFactory
from cocrea.reports.tests.steps import file_report

pytestmark = pytest.mark.django_db
MX = dt.timezone(dt.timedelta(hours=-6))


@pytest.fixture
def work():
    jalisco = state("14")
    zapopan = Territory.objects.create(
        level=TerritoryLevel.MUNICIPALITY,
        name="Zapopan",
        inegi_code="14120",
        slug="zapopan-jal",
        parent=jalisco,
    )
    # A state agency's work in one of the state's municipalities.
    agency = OrganizationFactory(name="Secretaría de Infraestructura", territory=jalisco)
    return PublicWorkFactory(name="Puente peatonal", institution=agency, municipality=zapopan)


def test_the_work_offers_only_its_institutions_categories_of_its_state(work):
    own = CategoryFactory(
        name="Queja de obra estatal", institution=work.institution, response_days=3
    )
    other_institution = CategoryFactory(name="Bache municipal")
    national = Territory.objects.get(level=TerritoryLevel.NATIONAL)
    federal = OrganizationFactory(name="Secretaría federal", territory=national)
    federal_elsewhere = CategoryFactory(
        name="Queja federal en Durango", institution=federal, territory=state("10")
    )
    page = Client().get(f"/contraloria-social/obras/{work.pk}/").content.decode()
    assert f"/reportes/nuevo/{own.code}/?obra={work.pk}" in page and "3 días hábiles" in page
    assert other_institution.name not in page
    step_one = Client().get(f"/reportes/nuevo/?obra={work.pk}").content.decode()
    assert own.name in step_one and other_institution.name not in step_one
    for category in (other_institution, federal_elsewhere):
        assert Client().get(f"/reportes/nuevo/{category.code}/?obra={work.pk}").status_code == 404
        with pytest.raises(ValidationError, match="no recibe quejas"):
            report_create(filing=Filing(category=category, address="x", public_work=work))
    # A federal institution's work in Jalisco: its national list and its Jalisco list, not
    # its Durango one.
    federal_work = PublicWorkFactory(institution=federal, municipality=work.municipality)
    country = CategoryFactory(name="Queja federal", institution=federal, territory=national)
    page = Client().get(f"/contraloria-social/obras/{federal_work.pk}/").content.decode()
    assert country.name in page and federal_elsewhere.name not in page


@time_machine.travel(dt.datetime(2026, 11, 13, 10, 0, tzinfo=MX), tick=False)
def test_a_complaint_goes_to_the_works_institution_with_the_categorys_deadline(work):
    category = CategoryFactory(institution=work.institution, response_days=2)
    Holiday.objects.create(territory=state("14"), date=dt.date(2026, 11, 17), name="Estatal")
    Holiday.objects.create(territory=state("10"), date=dt.date(2026, 11, 18), name="De Durango")
    data = {"description": "Sin barandal", "address": "Puente"}
    assert file_report(Client(), category.code, data, obra=work.pk).status_code == 302
    complaint = Report.objects.get()
    assert complaint.public_work_id == work.pk and complaint.institution == work.institution
    # Two working days from Friday 13: not Monday 16 (national), not Tuesday 17 (Jalisco's);
    # Durango's Wednesday 18 does not count here.
    assert complaint.expected_at == dt.datetime(2026, 11, 19, 10, 0, tzinfo=MX)
    assert complaint.municipality == work.municipality


def test_a_work_whose_institution_has_no_categories_says_so(work):
    page = Client().get(f"/contraloria-social/obras/{work.pk}/").content.decode()
    assert "aún no tiene categorías de reporte en esta entidad" in page
    assert "/reportes/categorias/nueva/" not in page
    admin = UserFactory(is_superuser=True, is_staff=True)
    page = client_for(admin).get(f"/contraloria-social/obras/{work.pk}/").content.decode()
    assert "/reportes/categorias/nueva/" in page


def test_the_work_page_lists_its_complaints_with_their_state(work, django_assert_max_num_queries):
    category = CategoryFactory(institution=work.institution)
    for text in ("Sin barandal", "Sin luz"):
        report_create(
            filing=Filing(category=category, address="x", description=text, public_work=work)
        )
    with django_assert_max_num_queries(7):
        page = Client().get(f"/contraloria-social/obras/{work.pk}/").content.decode()
    assert "2 quejas presentadas" in page and page.count("recibido</span>") == 2
    report = Report.objects.first()
    assert report is not None
    detail = Client().get(f"/reportes/{report.pk}/").content.decode()
    assert (
        "Queja sobre la obra pública" in detail
        and f"/contraloria-social/obras/{work.pk}/" in detail
    )
