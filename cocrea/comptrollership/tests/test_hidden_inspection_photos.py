"""Hidden means hidden on public works: an inspection photo moderation hid appears on no
public page, map or API answer of the work, while its visible photos still do."""

import pytest
from django.test import Client

from cocrea.comptrollership.models import Committee, PublicWork
from cocrea.core.models import OrganizationMembership
from cocrea.core.tests.factories import UserFactory
from cocrea.core.tests.helpers import client_for
from cocrea.reports.models import Photo
from cocrea.reports.services import photo_hide
from cocrea.reports.tests.test_photos import upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def photos(roles):
    """A work with an inspection sheet of two photos: the first hidden by moderation."""
    institution = OrganizationMembership.objects.get(user=roles.liaison).organization
    work = PublicWork.objects.create(name="Mercado", institution=institution)
    recorder = UserFactory()
    committee = Committee.objects.create(public_work=work, name="Comité", members=6)
    committee.recorders.add(recorder)
    sheet = {"committee": committee.pk, "held_on": "2026-05-04", "findings": "Sin techo"}
    url = f"/contraloria-social/obras/{work.pk}/cedulas/nueva/"
    response = client_for(recorder).post(url, {**sheet, "photos": [upload(), upload()]})
    assert response.status_code == 302
    hidden, shown = Photo.objects.filter(inspection__public_work=work).order_by("pk")
    photo_hide(photo=hidden, reason="Se ve un rostro", actor=roles.admin)
    return work, hidden, shown


def test_a_hidden_inspection_photo_shows_nowhere_public(photos):
    work, hidden, shown = photos
    pages = {
        "work": f"/contraloria-social/obras/{work.pk}/",
        "comptrollership": "/contraloria-social/",
        "map points": "/contraloria-social/obras/mapa.geojson",
        "api list": "/api/v1/public-works",
        "api one": f"/api/v1/public-works/{work.pk}",
    }
    for name, url in pages.items():
        response = Client().get(url)
        assert response.status_code == 200, name
        assert f"/fotos/{hidden.pk}.jpg" not in response.content.decode(), name
    assert Client().get(hidden.url).status_code == 404
    page = Client().get(pages["work"]).content.decode()
    assert shown.url in page  # the check is not vacuous: the visible photo is there


def test_only_moderation_still_opens_it(roles, photos):
    _work, hidden, _shown = photos
    assert client_for(roles.participant).get(hidden.url).status_code == 404
    assert client_for(roles.admin).get(hidden.url).status_code == 200
