"""Home, territories and organizations pages; language; health; error pages."""

from unittest import mock

import pytest
from django.db.utils import OperationalError
from django.test import Client

from cocrea.core.models import Sector
from cocrea.core.tests.factories import OrganizationFactory, state
from cocrea.core.tests.helpers import NON_EDITORS, client_for
from cocrea.exercises.models import Stage
from cocrea.exercises.tests.factories import ExerciseFactory, MemberFactory
from cocrea.lawmaking.tests.factories import ProcessFactory

pytestmark = pytest.mark.django_db


def test_home_shows_the_national_picture_in_spanish(django_assert_num_queries):
    ExerciseFactory(territory=state("14"), stage=Stage.PLAN_PUBLISHED, name="GA Jalisco")
    ExerciseFactory(territory=state("10"), stage=Stage.SECRETARIAT_INSTALLED)
    ExerciseFactory(territory=state("23"), stage=Stage.SENSITIZATION)
    # The national picture, states, cuts and national exercise; open consultations, commitments
    # due soon and recent reports.
    with django_assert_num_queries(7):
        response = Client().get("/")
    body = response.content.decode()
    assert '<html lang="es">' in body
    assert "Gobierno abierto en México: el panorama nacional" in body
    figures = body[
        body.index('class="figures"') : body.index("</ul>", body.index('class="figures"'))
    ]
    assert "<strong>3</strong> de 32 entidades" in figures
    assert "<strong>2</strong> tienen su secretariado" in figures
    assert "<strong>1</strong> han publicado" in figures
    assert "GA Jalisco" in body
    assert body.count('<th scope="row">') == 32
    jalisco_row = body[body.index('<th scope="row">Jalisco') :].split("</tr>")[0]
    assert jalisco_row.count("<td>sí</td>") == 2
    assert 'href="#contenido"' in body  # skip link


def test_english_is_available():
    client = Client()
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    body = client.get("/").content.decode()
    assert '<html lang="en">' in body
    assert "Open government in Mexico: the national picture" in body


@pytest.mark.parametrize("n", [3, 40])
def test_list_pages_run_a_fixed_number_of_queries(django_assert_num_queries, n):
    organization = OrganizationFactory()
    for _ in range(n):
        OrganizationFactory()
        MemberFactory(organization=organization)
        ProcessFactory(congress=organization)
    for url in ("/organizaciones/", "/territorios/", "/territorios/?nivel=state"):
        with django_assert_num_queries(2):
            assert Client().get(url).status_code == 200
    with django_assert_num_queries(4):  # + the legislative processes it leads as a congress
        assert Client().get(f"/organizaciones/{organization.slug}/").status_code == 200


def test_organizations_filter_by_sector_and_name():
    OrganizationFactory(name="Congreso del Estado", sector=Sector.LEGISLATURE)
    OrganizationFactory(name="Colectivo Ciudadano", sector=Sector.CIVIL_SOCIETY)
    body = Client().get("/organizaciones/?sector=civil_society").content.decode()
    assert "Colectivo Ciudadano" in body
    assert "Congreso del Estado" not in body
    body = Client().get("/organizaciones/?q=congreso&sector=bogus").content.decode()
    assert "Congreso del Estado" in body


def test_territories_paginate_and_filter():
    body = Client().get("/territorios/").content.decode()
    assert "33 territorios" in body
    body = Client().get("/territorios/?nivel=state&entidad=mexico").content.decode()
    assert "32 territorios" in body


@pytest.mark.parametrize("role", [None, *NON_EDITORS, "secretariat", "coordinator"])
def test_only_platform_admins_manage_organizations(roles, role):
    data = {"name": "Nueva", "sector": "civil_society", "territory": state().pk}
    response = client_for(getattr(roles, role) if role else None).post(
        "/organizaciones/nueva/", data
    )
    assert response.status_code == (302 if role is None else 403)
    assert not OrganizationFactory._meta.model.objects.filter(name="Nueva").exists()


def test_admin_creates_and_edits_an_organization(roles):
    client = client_for(roles.admin)
    data = {
        "name": "Colectivo por la Transparencia",
        "sector": "civil_society",
        "territory": state().pk,
    }
    response = client.post("/organizaciones/nueva/", data)
    assert response["Location"] == "/organizaciones/colectivo-por-la-transparencia/"
    response = client.post(
        "/organizaciones/colectivo-por-la-transparencia/editar/", {**data, "acronym": "CT"}
    )
    assert response.status_code == 302
    bad = client.post("/organizaciones/nueva/", {**data, "sector": "nope", "website": "no es url"})
    assert bad.status_code == 400
    assert "Revisa lo siguiente" in bad.content.decode()


def test_healthz_reports_the_database():
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_is_503_when_the_database_does_not_answer():
    with mock.patch("cocrea.core.views.connection.cursor", side_effect=OperationalError("down")):
        response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


def test_security_headers():
    response = Client().get("/")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_forms_require_csrf(roles):
    client = Client(enforce_csrf_checks=True)
    client.force_login(roles.coordinator)
    response = client.post(f"/ejercicios/{roles.exercise.slug}/editar/", {"name": "x"})
    assert response.status_code == 403


def test_pages_stay_in_spanish_whatever_the_browser_asks():
    body = Client(HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").get("/").content.decode()
    assert '<html lang="es">' in body
    assert "el panorama nacional" in body
