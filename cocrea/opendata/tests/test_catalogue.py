import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from cocrea.core.tests.helpers import streamed
from cocrea.opendata.models import Dataset, Rating, Resource
from cocrea.opendata.tests.conftest import csv_upload, institution_of
from cocrea.opendata.tests.factories import PublicationFactory

pytestmark = pytest.mark.django_db


def _client(user=None):
    client = Client()
    if user:
        client.force_login(user)
    return client


def test_each_exercise_has_its_portal(roles, catalogue):
    Dataset.objects.filter(name="presupuesto-municipal").update(exercise=roles.exercise)
    portal = Client().get("/datos/", {"ejercicio": roles.exercise.slug}).content.decode()
    assert "1 conjunto de datos" in portal and "Presupuesto municipal" in portal
    nav = Client().get(f"/ejercicios/{roles.exercise.slug}/").content.decode()
    assert f"/datos/?ejercicio={roles.exercise.slug}" in nav
    api = Client().get("/api/3/action/package_search", {"fq": f"exercise:{roles.exercise.slug}"})
    assert api.json()["result"]["count"] == 1


def test_catalogue_page_searches_and_filters(catalogue, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):  # count, page, 3 prefetches, one for every facet
        page = Client().get("/datos/").content.decode()
    assert "Presupuesto municipal por partida" in page and "Compromisos" in page
    assert "Borrador" not in page
    found = Client().get("/datos/", {"q": "presupuesto"}).content.decode()
    assert "1 conjunto de datos" in found
    themed = Client().get("/datos/", {"tema": "presupuesto"}).content.decode()
    assert "1 conjunto de datos" in themed and "Presupuesto municipal" in themed
    assert "17 conjuntos de datos" in Client().get("/datos/", {"formato": "CSV"}).content.decode()


def test_dataset_page_previews_describes_columns_and_counts_downloads(
    catalogue, django_assert_max_num_queries
):
    url = "/datos/presupuesto-municipal/"
    with django_assert_max_num_queries(5):
        page = Client().get(url).content.decode()
    assert "<td>Bacheo</td>" in page  # the preview's rows
    assert "número" in page and "fecha (AAAA-MM-DD)" in page  # column types in plain Spanish
    resource = catalogue["resource"]
    download = f"/datos/presupuesto-municipal/recursos/{resource.identifier}/descargar/"
    response = Client().get(download)
    assert streamed(response) == csv_upload().read()
    resource.refresh_from_db()
    assert resource.download_count == 1
    platform = Client().get("/datos/cocrea-reportes-ciudadanos/").content.decode()
    assert "Latitud redondeada a tres decimales." in platform
    assert Client().get("/datos/borrador-secreto/").status_code == 404
    assert Client().get("/datos/no-existe/").status_code == 404


DATASET = {
    "title": "Obras 2026",
    "name": "obras-2026",
    "description": "Obras del año.",
    "contact_name": "Unidad de Transparencia",
    "contact_email": "ut@example.org",
    "frequency": "monthly",
    "license_id": "CC-BY-4.0",
    "keywords_text": "obra, 2026",
    "is_published": "on",
}


def test_publishing_a_dataset_by_role(roles, catalogue):
    url = "/datos/nuevo/"
    own = institution_of(roles.liaison)
    data = {**DATASET, "organization": own.pk}
    assert _client().post(url, data).status_code == 302  # to sign in
    for user in (roles.participant, roles.coordinator, roles.secretariat):
        assert _client(user).post(url, data).status_code == 403
    assert _client(roles.other_liaison).post(url, data).status_code == 400  # not their institution
    assert _client(roles.liaison).post(url, data).status_code == 302
    dataset = Dataset.objects.get(name="obras-2026")
    assert dataset.organization == own and {t.name for t in dataset.keywords.all()} == {
        "obra",
        "2026",
    }
    assert dataset.history.first().history_user == roles.liaison
    admin = _client(roles.admin).post(url, {**data, "name": "obras-2027"})
    assert admin.status_code == 302


def test_editing_a_dataset_by_role(roles, catalogue):
    url = "/datos/presupuesto-municipal/editar/"
    data = {**DATASET, "name": "presupuesto-municipal", "organization": catalogue["org"].pk}
    for user in (roles.participant, roles.other_liaison, roles.coordinator):
        assert _client(user).post(url, data).status_code == 403
    for user in (roles.liaison, roles.admin):
        assert _client(user).post(url, data).status_code == 302
    assert Dataset.objects.get(name="presupuesto-municipal").title == "Obras 2026"
    # The platform's own datasets are written by the platform, not by hand.
    platform = "/datos/cocrea-compromisos/editar/"
    assert _client(roles.admin).post(platform, data).status_code == 403


@pytest.mark.parametrize(
    "change, says",
    [
        ({"name": "nuevo"}, "reservado"),
        ({"name": "Con Espacios"}, "letras, números"),
        ({"temporal_start": "2026-05-01", "temporal_end": "2026-01-01"}, "termina antes"),
        ({"contact_email": "no-es-correo"}, "correo"),
        ({"license_id": "propietaria"}, "no está entre las opciones"),
    ],
)
def test_bad_datasets_are_shown_again(roles, catalogue, change, says):
    data = {**DATASET, "organization": catalogue["org"].pk, **change}
    response = _client(roles.liaison).post("/datos/nuevo/", data)
    assert response.status_code == 400 and says in response.content.decode()
    assert not Dataset.objects.filter(title="Obras 2026").exists()


def _xlsx() -> bytes:
    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)
    sheet.append(["a", "b"])
    sheet.append([1, "uno"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _broken_xlsx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    "fmt, content, says",
    [
        ("CSV", b"%PDF-1.4\n%%EOF", "binario"),
        ("CSV", "partida,monto\nAlumbrado,1\n".encode("utf-16"), "binario"),
        ("CSV", "partida,año\nAlumbrado,2026\n".encode("cp1252"), "UTF-8"),
        ("PDF", b"partida,monto\n1,2\n", "no corresponde al formato declarado (PDF)"),
        ("XLSX", b"partida,monto\n1,2\n", "no corresponde al formato declarado (XLSX)"),
        ("JSON", b"{no es json", "no es JSON"),
        ("GeoJSON", b'{"a": 1}', "no es GeoJSON"),
        ("CSV", b"", "vacío"),
        ("XLSX", _broken_xlsx(), "dañado"),
    ],
)
def test_uploads_that_do_not_match_their_format_are_refused(roles, catalogue, fmt, content, says):
    upload = SimpleUploadedFile("datos.bin", content)
    data = {"name": "Otro", "format": fmt, "file": upload}
    response = _client(roles.liaison).post("/datos/presupuesto-municipal/recursos/nuevo/", data)
    assert response.status_code == 400 and says in response.content.decode()
    assert Resource.objects.filter(dataset=catalogue["dataset"]).count() == 1


def test_resources_by_role_and_kind(roles, catalogue):
    url = "/datos/presupuesto-municipal/recursos/nuevo/"
    link = {"name": "En el portal estatal", "format": "PDF", "url": "https://example.org/a.pdf"}
    for user in (roles.participant, roles.other_liaison, roles.coordinator):
        assert _client(user).post(url, link).status_code == 403
    assert _client(roles.liaison).post(url, link).status_code == 302
    xlsx = SimpleUploadedFile("libro.xlsx", _xlsx())
    assert (
        _client(roles.admin)
        .post(url, {"name": "Libro", "format": "XLSX", "file": xlsx})
        .status_code
        == 302
    )
    both = {**link, "file": csv_upload()}
    response = _client(roles.liaison).post(url, both)
    assert response.status_code == 400 and "uno de los dos" in response.content.decode()
    neither = _client(roles.liaison).post(url, {"name": "Nada", "format": "CSV"})
    assert neither.status_code == 400
    positions = list(catalogue["dataset"].resources.values_list("position", flat=True))
    assert positions == [0, 1, 2]
    workbook = Resource.objects.get(name="Libro")
    assert workbook.table_schema is not None
    assert workbook.table_schema["fields"] == [
        {"name": "a", "type": "integer"},
        {"name": "b", "type": "string"},
    ]
    csv = catalogue["resource"]
    assert csv.table_schema["fields"][2] == {"name": "monto", "type": "number"}
    assert len(csv.checksum) == 64 and csv.media_type == "text/csv"


PUBLICATION = {
    "need": "Las vecinas piden saber en qué se gasta el presupuesto de su colonia.",
    "audience": "Comités vecinales",
    "identified_on": "2026-01-05",
    "published_on": "2026-02-01",
    "dissemination": "Radio comunitaria y carteles",
    "disseminated_on": "2026-02-10",
}


def test_proactive_transparency_stages_by_role(roles, catalogue):
    url = "/datos/presupuesto-municipal/publicacion/"
    for user in (roles.participant, roles.other_liaison, roles.coordinator):
        assert _client(user).post(url, PUBLICATION).status_code == 403
    backwards = {**PUBLICATION, "published_on": "2025-12-01"}
    response = _client(roles.liaison).post(url, backwards)
    assert response.status_code == 400 and "van en orden" in response.content.decode()
    silent = {**PUBLICATION, "dissemination": ""}
    assert _client(roles.liaison).post(url, silent).status_code == 400
    assert _client(roles.liaison).post(url, PUBLICATION).status_code == 302
    page = Client().get("/datos/presupuesto-municipal/").content.decode()
    assert "Comités vecinales" in page and "Radio comunitaria" in page and "pendiente" in page


def test_people_rate_how_useful_a_publication_is(roles, catalogue):
    PublicationFactory(dataset=catalogue["dataset"], **PUBLICATION)
    url = "/datos/presupuesto-municipal/calificar/"
    assert _client().post(url, {"score": 5}).status_code == 302
    assert not Rating.objects.exists()
    assert _client(roles.participant).post(url, {"score": 4}).status_code == 302
    assert _client(roles.participant).post(url, {"score": 2}).status_code == 302  # changes it
    assert _client(roles.coordinator).post(url, {"score": 5}).status_code == 302
    bad = _client(roles.secretariat).post(url, {"score": 9}, follow=True)
    assert "del 1 al 5" in bad.content.decode()
    assert sorted(Rating.objects.values_list("score", flat=True)) == [2, 5]
    page = Client().get("/datos/presupuesto-municipal/").content.decode()
    assert "3.5 de 5 (2 votos)" in page
    no_publication = "/datos/cocrea-compromisos/calificar/"
    assert _client(roles.participant).post(no_publication, {"score": 3}).status_code == 404


def test_the_platforms_datasets_name_their_publisher_as_ckan_does(catalogue, settings):
    settings.OPEN_DATA_PUBLISHER = "Instituto de Transparencia de Prueba"
    page = Client().get("/datos/", {"q": "compromisos"}).content.decode()
    assert "Instituto de Transparencia de Prueba ·" in page and "Plataforma ·" not in page
