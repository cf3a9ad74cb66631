"""A NUL byte, a number past any column or a digit int() refuses, in a search or filter: never
a 500 (issue 16, item 3).

PostgreSQL refuses NUL in text, so one that reaches a query crashes it: every page reads its
filters through a form or cleans them first. Protocol endpoints (Open311, CKAN) are pinned in
their own apps' tests, in their own error shapes.
"""

import pytest
from allauth.account.models import EmailAddress
from django.test import Client

from cocrea.core.capabilities import audit_pages
from cocrea.core.models import User
from cocrea.reports.models import Report

pytestmark = pytest.mark.django_db
NUL = "a\x00b"
HUGE = "9" * 30  # past the 64 bits of any column: SQLite refuses to compare with it
SQUARED = "²"  # a digit to str.isdigit(), not to int()
VALUES = pytest.mark.parametrize("value", [NUL, HUGE, SQUARED], ids=["nul", "huge", "squared"])
# Every query parameter a page reads (grep `request.GET` in views), each tried alone below.
FILTERS = {
    "/ejercicios/jalisco/": ["etapa"],
    "/ejercicios/jalisco/secretariado/": ["secretariado"],
    "/ejercicios/jalisco/sesiones/": ["integrantes", "acuerdos"],
    "/ejercicios/jalisco/planes/2/": ["tematica", "pilar", "institucion", "estado"],
    "/ejercicios/mexico-aga/consultas/consulta-4-plan-de-accion/": ["orden", "eje", "q"],
    "/ejercicios/jalisco/vigilancia/": ["csv"],
    "/informe-sombra/": ["pagina", "formato"],
    "/organizaciones/": ["sector", "q", "pagina"],
    "/territorios/": ["nivel", "entidad"],
    "/reportes/": ["categoria", "estado", "pagina", "tabla"],
    "/reportes/mapa/": ["categoria", "estado"],
    "/reportes/mapa.geojson": ["categoria", "estado"],
    "/reportes/nuevo/": ["entidad", "ejercicio", "obra"],
    "/reportes/dias-inhabiles/": ["entidad", "anio"],
    "/reportes/bandeja/": ["vencidos"],
    "/reportes/{report}/": ["nuevo"],
    "/contraloria-social/": ["institucion", "avance", "pagina"],
    "/datos/": ["q", "institucion", "tema", "formato", "licencia", "palabra", "ejercicio"],
    "/catalog.ttl": ["page"],
    "/buscar/": ["q", "tipo", "pagina"],
    "/": ["pagina"],
}
EVERY_NAME = sorted({name for names in FILTERS.values() for name in names})


@pytest.fixture
def admin_client(demo_once) -> Client:
    """An administrator on the demo (loaded once for the module, rolled back after it)."""
    admin = User.objects.create_superuser(email="admin@example.org", password="x-Cl4ve-larga")
    EmailAddress.objects.create(user=admin, email=admin.email, verified=True, primary=True)
    client = Client(raise_request_exception=False)
    client.force_login(admin)
    return client


def _answers(client: Client, url: str, query: dict[str, str]) -> tuple[str, int]:
    return url, client.get(url, query).status_code


@VALUES
def test_no_filter_value_is_a_server_error(admin_client, value):
    # Each URL is a page that exists: a filter tried on a 404 would test nothing.
    filters = {url.format(report=Report.objects.earliest("pk").pk): n for url, n in FILTERS.items()}
    assert [url for url in filters if admin_client.get(url).status_code != 200] == []
    anonymous = Client(raise_request_exception=False)
    answers = [
        _answers(client, url, {name: value})
        for url, names in filters.items()
        for name in names
        for client in (anonymous, admin_client)
    ]
    assert len(answers) == 2 * sum(len(names) for names in FILTERS.values())
    assert [answer for answer in answers if answer[1] >= 500] == []


def test_every_page_with_every_filter_at_once_holds(admin_client):
    pages = {url.split("?")[0] for url in audit_pages() + audit_pages(editor=True)}
    everything = dict.fromkeys(EVERY_NAME, NUL)
    answers = [_answers(admin_client, url, everything) for url in sorted(pages)]
    assert [answer for answer in answers if answer[1] >= 500] == []


@VALUES
def test_no_rest_list_filter_value_is_a_server_error(admin_client, value):
    schema = admin_client.get("/api/v1/openapi.json").json()
    lists = [
        (path, [p["name"] for p in operation["get"].get("parameters", []) if p["in"] == "query"])
        for path, operation in schema["paths"].items()
        if "get" in operation and "{" not in path
    ]
    assert len(lists) >= 8
    answers = [
        _answers(Client(raise_request_exception=False), f"/api/v1{path}", {name: value})
        for path, names in lists
        for name in names
    ]
    assert [answer for answer in answers if answer[1] >= 500] == []
    assert {status for _url, status in answers} <= {200, 400, 404, 422}


def test_a_page_says_which_filter_carries_the_nul_byte():
    response = Client().get("/organizaciones/", {"q": NUL, "sector": "gobierno"})
    assert response.status_code == 400
    assert "carácter nulo (%00) en «q»" in response.content.decode()
    assert "\x00" not in response.content.decode()


def test_a_page_that_reads_its_query_through_a_form_shows_the_forms_error():
    response = Client().get("/buscar/", {"q": NUL})
    assert response.status_code == 400 and "Revisa lo siguiente" in response.content.decode()
