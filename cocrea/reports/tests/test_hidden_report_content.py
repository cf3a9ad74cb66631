"""Hidden means hidden in citizens' reports: a photo moderation hid and the text it replaced
appear on no public page, map, search, Open311 answer or API item; moderation and whoever
handles the report still see the photo, with why it was hidden."""

import pytest
from django.test import Client

from cocrea.core.tests.factories import UserFactory
from cocrea.core.tests.helpers import client_for
from cocrea.reports.models import Photo, Report
from cocrea.reports.services import photo_hide, report_redact
from cocrea.reports.tests.factories import CategoryFactory
from cocrea.reports.tests.steps import file_report
from cocrea.reports.tests.test_photos import upload

pytestmark = pytest.mark.django_db

MARKER = "Zarzamorilla"  # searched for: a search echoes its query
SECRET = "Tlacuachito"  # beside it in the redacted text: never shown once redacted


@pytest.fixture
def moderated():
    """A report whose text moderation replaced and whose only photo it hid."""
    category = CategoryFactory(code="bache")
    text = f"Bache frente a la casa de {MARKER} {SECRET}, tel 331234"
    assert file_report(None, category.code, {"description": text, "address": "Hidalgo 10"})
    report = Report.objects.get()
    with_photo = {"description": "Con foto", "address": "Morelos 1", "photos": [upload()]}
    assert file_report(None, category.code, with_photo)
    photo = Photo.objects.get()
    admin = UserFactory(is_superuser=True, is_staff=True)
    report_redact(report=report, description="Bache [dato personal]", reason="Datos", actor=admin)
    photo_hide(photo=photo, reason="Se ve una placa", actor=admin)
    return report, photo, admin


def _public(report: Report, photo: Photo) -> dict[str, str]:
    return {
        "report": f"/reportes/{report.pk}/",
        "photo's report": f"/reportes/{photo.report_id}/",
        "list": "/reportes/",
        "map": "/reportes/mapa/",
        "map points": "/reportes/mapa.geojson",
        "search": f"/buscar/?q={MARKER}",
        "search, reports": f"/buscar/?q={MARKER}&tipo=reportes",
        "open311 list json": "/open311/v2/requests.json",
        "open311 list xml": "/open311/v2/requests.xml",
        "open311 one": f"/open311/v2/requests/{report.pk}.json",
        "open311 photo's": f"/open311/v2/requests/{photo.report_id}.xml",
        "api list": "/api/v1/reports",
        "api one": f"/api/v1/reports/{report.pk}",
        "api photo's": f"/api/v1/reports/{photo.report_id}",
    }


def test_redacted_text_and_hidden_photo_show_nowhere_public(moderated):
    report, photo, _admin = moderated
    for name, url in _public(report, photo).items():
        response = Client().get(url)
        assert response.status_code == 200, name
        body = response.content.decode()
        assert SECRET not in body and "331234" not in body, name
        assert f"/fotos/{photo.pk}.jpg" not in body, name
        if "q=" not in url:
            assert MARKER not in body, name
    assert Client().get(photo.url).status_code == 404


def test_the_public_sees_the_reasons_and_the_new_text(moderated):
    report, photo, _admin = moderated
    page = Client().get(f"/reportes/{report.pk}/").content.decode()
    assert "Bache [dato personal]" in page and "Datos" in page
    assert "Se ve una placa" in Client().get(f"/reportes/{photo.report_id}/").content.decode()


@pytest.mark.parametrize("who", ["participant", "liaison", "other_liaison", "coordinator"])
def test_accounts_outside_moderation_see_no_more(roles, moderated, who):
    report, photo, _admin = moderated
    client = client_for(getattr(roles, who))
    assert client.get(photo.url).status_code == 404
    body = client.get(f"/reportes/{photo.report_id}/").content.decode()
    assert photo.url not in body
    assert SECRET not in client.get(f"/reportes/{report.pk}/").content.decode()


def test_moderation_still_sees_the_hidden_photo_and_why(moderated):
    _report, photo, admin = moderated
    body = client_for(admin).get(f"/reportes/{photo.report_id}/").content.decode()
    assert photo.url in body and "Foto oculta por moderación: Se ve una placa" in body
    assert client_for(admin).get(photo.url).status_code == 200


def test_the_checks_are_not_vacuous_a_visible_photo_is_published():
    category = CategoryFactory(code="bache")
    with_photo = {"description": "Con foto", "address": "Morelos 1", "photos": [upload()]}
    assert file_report(None, category.code, with_photo)
    photo = Photo.objects.get()
    assert photo.url in Client().get(f"/reportes/{photo.report_id}/").content.decode()
    assert photo.url in Client().get("/open311/v2/requests.json").content.decode()
