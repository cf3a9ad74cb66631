"""A public work's place: edited by whoever edits the work, shown on its page, and drawn with the
other works on the works' map (a filtered, paged list that works without JavaScript)."""

from decimal import Decimal

import pytest
from django.core.management import call_command
from django.test import Client

from cocrea.comptrollership.models import PublicWork
from cocrea.comptrollership.tests.factories import PublicWorkFactory
from cocrea.core.models import OrganizationMembership

pytestmark = pytest.mark.django_db
WORK = {"name": "Mercado", "progress": "20", "latitude": "20.676900", "longitude": "-103.346900"}


def _client(user):
    client = Client()
    if user:
        client.force_login(user)
    return client


@pytest.fixture
def work(roles):
    institution = OrganizationMembership.objects.get(user=roles.liaison).organization
    return PublicWorkFactory(name="Mercado", institution=institution)


def test_the_place_is_edited_by_those_who_edit_the_work(roles, work):
    url = f"/contraloria-social/obras/{work.pk}/editar/"
    data = {**WORK, "institution": work.institution_id}
    assert "/cuentas/" in _client(None).post(url, data)["Location"]
    for user in (roles.participant, roles.other_liaison, roles.coordinator):
        assert _client(user).post(url, data).status_code == 403
    assert PublicWork.objects.get(pk=work.pk).latitude is None
    form = _client(roles.liaison).get(url).content.decode()
    assert 'name="latitude"' in form and 'name="longitude"' in form
    assert _client(roles.liaison).post(url, data).status_code == 302
    work.refresh_from_db()
    assert (work.latitude, work.longitude) == (Decimal("20.676900"), Decimal("-103.346900"))
    moved = {**data, "latitude": "24.027700", "longitude": "-104.653200"}
    assert _client(roles.admin).post(url, moved).status_code == 302
    work.refresh_from_db()
    assert work.latitude == Decimal("24.027700")
    assert work.history.first().history_user == roles.admin
    page = Client().get(f"/contraloria-social/obras/{work.pk}/").content.decode()
    assert "latitud 24.027700, longitud -104.653200" in page
    assert f"/contraloria-social/obras/mapa.geojson?obra={work.pk}" in page
    # Emptying both fields removes the place.
    cleared = {**data, "latitude": "", "longitude": ""}
    assert _client(roles.liaison).post(url, cleared).status_code == 302
    work.refresh_from_db()
    assert work.latitude is None and work.longitude is None
    page = Client().get(f"/contraloria-social/obras/{work.pk}/").content.decode()
    assert "data-points-map" not in page


@pytest.mark.parametrize(
    ("change", "says"),
    [
        ({"latitude": "95"}, "menor o igual que 90"),
        ({"longitude": "-181"}, "mayor o igual"),
        ({"longitude": ""}, "la latitud y la longitud, o ninguna"),
        ({"latitude": ""}, "la latitud y la longitud, o ninguna"),
        ({"latitude": "norte"}, "número"),
        ({"latitude": "20.1234567"}, "6 decimales"),
    ],
)
def test_bad_places_are_shown_again_with_the_error(roles, work, change, says):
    url = f"/contraloria-social/obras/{work.pk}/editar/"
    response = _client(roles.liaison).post(
        url, {**WORK, "institution": work.institution_id, **change}
    )
    assert response.status_code == 400 and says in response.content.decode()
    work.refresh_from_db()
    assert work.latitude is None


@pytest.fixture
def mapped(roles):
    institution = OrganizationMembership.objects.get(user=roles.liaison).organization
    other = OrganizationMembership.objects.get(user=roles.other_liaison).organization
    place = {"latitude": Decimal("20.6"), "longitude": Decimal("-103.3")}
    return [
        PublicWorkFactory(name="Plaza", institution=institution, progress=0, **place),
        PublicWorkFactory(name="Puente", institution=institution, progress=50, **place),
        PublicWorkFactory(name="Unidad deportiva", institution=other, progress=100, **place),
        PublicWorkFactory(name="Sin lugar", institution=other, progress=50),
    ]


def test_the_works_map_lists_the_placed_works(mapped, django_assert_num_queries):
    # The institutions of the filter, the count and the page.
    with django_assert_num_queries(3):
        response = Client().get("/contraloria-social/mapa/")
    page = response.content.decode()
    assert response.status_code == 200
    for work in mapped[:3]:
        assert f'href="/contraloria-social/obras/{work.pk}/"' in page
    assert "Sin lugar" not in page
    assert (
        "data-points-map" in page
        and 'data-points-url="/contraloria-social/obras/mapa.geojson' in page
    )
    assert "/contraloria-social/mapa/" in Client().get("/contraloria-social/").content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"avance": "sin-iniciar"}, [0]),
        ({"avance": "en-proceso"}, [1]),
        ({"avance": "concluida"}, [2]),
        ({"avance": "otro"}, [0, 1, 2]),
        ({"institucion": "99999999999999999999"}, [0, 1, 2]),
        ({"institucion": "x"}, [0, 1, 2]),
    ],
)
def test_filters_narrow_the_works_list_and_points(mapped, query, expected):
    page = Client().get("/contraloria-social/mapa/", query).content.decode()
    listed = {
        i for i, w in enumerate(mapped) if f'href="/contraloria-social/obras/{w.pk}/"' in page
    }
    assert listed == set(expected)
    points = Client().get("/contraloria-social/obras/mapa.geojson", query).json()
    assert {f["id"] for f in points["features"]} == {mapped[i].pk for i in expected}


def test_filtering_by_institution(mapped):
    institution = mapped[2].institution_id
    query = {"institucion": str(institution)}
    page = Client().get("/contraloria-social/mapa/", query).content.decode()
    assert "Unidad deportiva" in page and "Puente" not in page
    assert f'<option value="{institution}" selected>' in page


def test_work_points_in_geojson(mapped, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = Client().get("/contraloria-social/obras/mapa.geojson")
    assert response["Content-Type"] == "application/geo+json"
    features = {f["id"]: f for f in response.json()["features"]}
    plaza = features[mapped[0].pk]
    assert plaza["geometry"] == {"type": "Point", "coordinates": [-103.3, 20.6]}
    assert plaza["properties"] == {
        "id": mapped[0].pk,
        "name": "Plaza",
        "institution": mapped[0].institution.name,
        "progress": 0,
        "url": f"/contraloria-social/obras/{mapped[0].pk}/",
    }
    one = Client().get("/contraloria-social/obras/mapa.geojson", {"obra": mapped[1].pk}).json()
    assert [f["id"] for f in one["features"]] == [mapped[1].pk]


def test_the_works_map_is_paged(mapped, settings):
    settings.PAGE_SIZE = 2
    response = Client().get("/contraloria-social/mapa/", {"pagina": "2"})
    assert response.context["page"].number == 2 and len(response.context["page"]) == 1


def test_the_demo_places_its_works(db):
    call_command("load_demo")
    call_command("load_demo")
    placed = PublicWork.objects.filter(is_example=True, latitude__isnull=False)
    assert placed.count() >= 5
    # Real places of Jalisco, approximately: the metropolitan area of Guadalajara.
    for work in placed:
        assert work.latitude is not None and work.longitude is not None
        assert 20.3 < work.latitude < 20.9 and -103.6 < work.longitude < -103.1
    points = Client().get("/contraloria-social/obras/mapa.geojson").json()["features"]
    assert len(points) == placed.count()
