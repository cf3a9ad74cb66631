"""The public map of reports: a filtered, paged list that works without JavaScript, and its
points in GeoJSON; only the rounded public place ever leaves the server, with no personal data."""

import pytest
from django.test import Client

from cocrea.reports.models import Report, ReportStatus
from cocrea.reports.services import Filing, report_create, report_transition
from cocrea.reports.tests.factories import CategoryFactory

pytestmark = pytest.mark.django_db
PRIVATE = ("Calle Secreta 12", "ana@example.org", "3312345678", "Ana", "Pérez", "203.0.113.9")
# Exact places (private) and their rounded public forms.
EXACT = [("20.676722", "-103.347511"), ("20.720611", "-103.391844"), ("20.640977", "-103.293366")]
ROUNDED = [("20.677", "-103.348"), ("20.721", "-103.392"), ("20.641", "-103.293")]


def _file(category, lat="", long="", **fields):
    filing = Filing(
        category=category,
        description="Un bache enorme",
        lat=lat,
        long=long,
        address="Calle Secreta 12",
        first_name="Ana",
        last_name="Pérez",
        email="ana@example.org",
        phone="3312345678",
        **fields,
    )
    report = report_create(filing=filing)
    Report.objects.filter(pk=report.pk).update(ip_address="203.0.113.9")
    return report


@pytest.fixture
def world():
    potholes = CategoryFactory(code="bache", name="Bache")
    lights = CategoryFactory(code="luminaria", name="Luminaria apagada")
    reports = [
        _file(potholes, *EXACT[0]),
        _file(potholes, *EXACT[1]),
        _file(lights, *EXACT[2]),
        _file(lights),  # no place: not on the map
    ]
    report_transition(report=reports[1], to_status=ReportStatus.RESOLVED, note="Tapado")
    return reports


def _assert_public_only(text):
    for private in PRIVATE:
        assert private not in text
    for lat, long in EXACT:
        assert lat not in text and long not in text


def test_the_map_page_lists_the_placed_reports_without_personal_data(
    world, django_assert_num_queries
):
    # Categories, the count and the page: a fixed number of queries, however many reports.
    with django_assert_num_queries(3):
        response = Client().get("/reportes/mapa/")
    page = response.content.decode()
    assert response.status_code == 200
    for report in world[:3]:
        assert f'href="/reportes/{report.pk}/"' in page
    assert f'href="/reportes/{world[3].pk}/"' not in page
    for lat, long in ROUNDED:
        assert f"{lat}, {long}" in page
    _assert_public_only(page)
    # The map is an enhancement: hidden until its script runs, configured by data- attributes.
    assert "data-points-map" in page and "hidden" in page
    assert 'data-tile-url="' in page and "<script>" not in page
    assert "/static/js/points-map.js" in page and 'src="/static/vendor/leaflet/leaflet.js"' in page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"categoria": "bache"}, [0, 1]),
        ({"categoria": "luminaria"}, [2]),
        ({"estado": "open"}, [0, 2]),
        ({"estado": "closed"}, [1]),
        ({"estado": "resolved"}, [1]),
        ({"categoria": "bache", "estado": "received"}, [0]),
        ({"categoria": "no-existe"}, []),
        ({"estado": "inventado"}, [0, 1, 2]),  # an unknown state is no filter
    ],
)
def test_filters_narrow_the_list_and_the_points_alike(world, query, expected):
    page = Client().get("/reportes/mapa/", query).content.decode()
    listed = {i for i, report in enumerate(world) if f'href="/reportes/{report.pk}/"' in page}
    assert listed == set(expected)
    points = Client().get("/reportes/mapa.geojson", query).json()
    assert {f["id"] for f in points["features"]} == {world[i].pk for i in expected}
    # The map reads the same filters as the list.
    if query.get("categoria") == "bache":
        assert 'data-points-url="/reportes/mapa.geojson?categoria=bache' in page
        assert '<option value="bache" selected>' in page


def test_points_carry_only_public_fields_and_the_rounded_place(world, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = Client().get("/reportes/mapa.geojson")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    text = response.content.decode()
    _assert_public_only(text)
    data = response.json()
    assert data["type"] == "FeatureCollection" and len(data["features"]) == 3
    by_id = {f["id"]: f for f in data["features"]}
    first = by_id[world[0].pk]
    assert first["geometry"] == {"type": "Point", "coordinates": [-103.348, 20.677]}
    assert first["properties"] == {
        "id": world[0].pk,
        "category": "bache",
        "category_name": "Bache",
        "status": "received",
        "status_name": "recibido",
        "url": f"/reportes/{world[0].pk}/",
    }
    assert by_id[world[1].pk]["properties"]["status"] == "resolved"


def test_the_list_is_paged_and_its_queries_do_not_grow(world, settings, django_assert_num_queries):
    settings.PAGE_SIZE = 2
    potholes = world[0].category
    for n in range(6):
        _file(potholes, "19.43", f"-99.1{n}")
    with django_assert_num_queries(3):
        first = Client().get("/reportes/mapa/")
    assert first.context["page"].paginator.count == 9 and len(first.context["page"]) == 2
    second = Client().get("/reportes/mapa/", {"pagina": "2", "categoria": "bache"})
    assert 'rel="prev"' in second.content.decode()
    assert second.context["page"].number == 2
    # The points are not paged: the map shows every filtered report.
    assert len(Client().get("/reportes/mapa.geojson").json()["features"]) == 9


def test_the_map_is_linked_from_the_list_with_its_filters(world):
    page = Client().get("/reportes/", {"categoria": "bache"}).content.decode()
    assert 'href="/reportes/mapa/?categoria=bache"' in page


def test_an_empty_map_says_so_and_bad_input_is_no_error(db):
    page = Client().get("/reportes/mapa/", {"pagina": "x", "categoria": "x" * 500})
    assert page.status_code == 200 and "No hay reportes con ubicación" in page.content.decode()
    assert Client().get("/reportes/mapa.geojson").json() == {
        "type": "FeatureCollection",
        "features": [],
    }
    assert Client().post("/reportes/mapa/").status_code in (403, 405)
