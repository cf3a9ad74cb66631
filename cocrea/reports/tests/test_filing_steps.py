"""Filing a report one question per page, without JavaScript (issue 15, item 7): every step's
GET and POST, the back and «Cambiar» links, «Revisa tu reporte», the receipt, complaints about
a public work, bad input per step in plain Spanish, the limit on «Enviar reporte», photos,
an expired session, and the liaisons' queue with the working days left to answer."""

import datetime as dt
import re
from io import StringIO

import pytest
import time_machine
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client

from cocrea.comptrollership.tests.factories import PublicWorkFactory
from cocrea.core.models import OrganizationRole
from cocrea.core.tests.factories import OrganizationMembershipFactory
from cocrea.core.tests.helpers import client_for
from cocrea.reports.filing import TEMP_FOLDER, filing_photos_purge
from cocrea.reports.models import Datatype, Holiday, Photo, Report
from cocrea.reports.services import Filing, report_create
from cocrea.reports.tests.factories import AttributeFactory, CategoryFactory
from cocrea.reports.tests.steps import file_report, step_url, walk
from cocrea.reports.tests.test_photos import jpeg_with_gps

pytestmark = pytest.mark.django_db
MX = dt.timezone(dt.timedelta(hours=-6))
ANSWERS = {
    "description": "Bache hondo frente a la escuela",
    "attribute_tamano": "grande",
    "attribute_cuantos": ["uno", "dos"],
    "address": "Calle Secreta 12",
    "lat": "20.676700",
    "long": "-103.347500",
    "first_name": "Ana",
    "email": "ana@example.org",
    "phone": "3312345678",
}


@pytest.fixture
def category():
    category = AttributeFactory(
        category=CategoryFactory(code="bache", name="Bache"), is_public=True
    ).category
    AttributeFactory(
        category=category,
        code="cuantos",
        datatype=Datatype.MULTI,
        description="¿Qué carriles ocupa?",
        values=[{"key": "uno", "name": "El carril uno"}, {"key": "dos", "name": "El carril dos"}],
        required=False,
        is_public=False,
        order=2,
    )
    return category


def _title(response) -> str:
    match = re.search(r"<title>(.*?)</title>", response.content.decode(), re.S)
    assert match
    return match.group(1).strip()


def test_each_step_in_turn_then_the_review_and_the_receipt(category):
    client = Client()
    choice = client.get("/reportes/nuevo/").content.decode()
    assert re.search(r"<fieldset[^>]*>\s*<legend[^>]*>¿Qué quieres reportar\?</legend>", choice)
    assert 'type="radio" name="categoria"' in choice
    chosen = client.get("/reportes/nuevo/?categoria=bache")
    assert chosen.status_code == 302 and chosen["Location"] == "/reportes/nuevo/bache/"
    pages = {
        "que-pasa": ("Paso 1 de 6", "/reportes/nuevo/"),
        "preguntas": ("Paso 2 de 6", "/reportes/nuevo/bache/"),
        "donde": ("Paso 3 de 6", "/reportes/nuevo/bache/preguntas/"),
        "fotos": ("Paso 4 de 6", "/reportes/nuevo/bache/donde/"),
        "contacto": ("Paso 5 de 6", "/reportes/nuevo/bache/fotos/"),
    }
    for step, (says, back) in pages.items():
        page = client.get(step_url("bache", step)).content.decode()
        assert says in page and f'href="{back}" class="report-step-back">Atrás' in page, step
        if step == "contacto":
            assert "nunca se publica" in page
        if step in ("que-pasa", "preguntas"):  # one question per page
            assert ('name="description"' in page) == (step == "que-pasa"), step
            assert ('name="attribute_tamano"' in page) == (step == "preguntas"), step
        if step == "donde":
            for name in ("address", "lat", "long"):
                assert f'name="{name}"' in page and f'id="id_{name}"' in page
            assert "data-place-picker" in page
        fields = {k: v for k, v in ANSWERS.items() if k in _fields(step)}
        posted = client.post(step_url("bache", step), fields)
        assert posted.status_code == 302, posted.content.decode()
    assert posted["Location"] == "/reportes/nuevo/bache/revisa/"
    review = client.get("/reportes/nuevo/bache/revisa/").content.decode()
    for shown in ("Revisa tu reporte", "Bache hondo", "Grande", "El carril uno, El carril dos"):
        assert shown in review, shown
    for shown in ("Calle Secreta 12", "20.676700, -103.347500", "Ana", "ana@example.org"):
        assert shown in review, shown
    assert review.count(">Cambiar<span") == 10 and "no se publica" in review
    assert 'href="/reportes/nuevo/bache/preguntas/?revisar=1"' in review
    assert 'href="/reportes/nuevo/bache/donde/?revisar=1"' in review
    sent = client.post("/reportes/nuevo/bache/revisa/")
    report = Report.objects.get()
    assert sent["Location"] == f"/reportes/{report.pk}/?nuevo={report.token}"
    assert report.attributes == {"tamano": "grande", "cuantos": ["uno", "dos"]}
    assert (report.email, report.phone, report.first_name) == (
        "ana@example.org",
        ANSWERS["phone"],
        "Ana",
    )
    # The answers are gone from the session: the review starts over.
    assert client.get("/reportes/nuevo/bache/revisa/")["Location"] == "/reportes/nuevo/bache/"


def _fields(step: str) -> set[str]:
    return {
        "que-pasa": {"description"},
        "preguntas": {"attribute_tamano", "attribute_cuantos"},
        "donde": {"address", "lat", "long"},
        "fotos": set(),
        "contacto": {"first_name", "email", "phone"},
    }[step]


def test_change_goes_back_to_the_step_and_returns_to_the_review(category):
    client = Client()
    walk(client, "bache", ANSWERS)
    change = client.get("/reportes/nuevo/bache/?revisar=1").content.decode()
    assert "Bache hondo frente a la escuela" in change  # what was typed, shown again
    assert 'href="/reportes/nuevo/bache/revisa/"' in change
    questions = client.get("/reportes/nuevo/bache/preguntas/?revisar=1").content.decode()
    assert 'value="grande" checked' in questions or 'value="grande"' in questions
    data = {**{k: ANSWERS[k] for k in _fields("que-pasa")}, "description": "Ya son dos baches"}
    changed = client.post("/reportes/nuevo/bache/?revisar=1", data)
    assert changed["Location"] == "/reportes/nuevo/bache/revisa/"
    assert "Ya son dos baches" in client.get(changed["Location"]).content.decode()
    # The back button after the review: any step still posts back to the review.
    again = client.post(step_url("bache", "contacto"), {"email": ""})
    assert again["Location"] == "/reportes/nuevo/bache/revisa/"
    assert "No lo diste" in client.get(again["Location"]).content.decode()


def test_a_complaint_about_a_public_work_keeps_the_work_through_every_step(category):
    work = PublicWorkFactory(name="Puente peatonal", institution=category.institution)
    choice = Client().get(f"/reportes/nuevo/?obra={work.pk}").content.decode()
    assert f'name="obra" value="{work.pk}"' in choice and "Puente peatonal" in choice
    client = Client()
    chosen = client.get(f"/reportes/nuevo/?obra={work.pk}&categoria=bache")
    assert chosen["Location"] == f"/reportes/nuevo/bache/?obra={work.pk}"
    assert "Puente peatonal" in client.get(chosen["Location"]).content.decode()
    reviewed = walk(client, "bache", ANSWERS, obra=work.pk)
    assert reviewed["Location"] == f"/reportes/nuevo/bache/revisa/?obra={work.pk}"
    review = client.get(reviewed["Location"]).content.decode()
    assert "Puente peatonal" in review and f"donde/?obra={work.pk}&amp;revisar=1" in review
    # The same category without the work is another filing, not started.
    assert client.get(step_url("bache", "revisa")).status_code == 302
    assert client.post(reviewed["Location"]).status_code == 302
    assert Report.objects.get().public_work_id == work.pk
    other = CategoryFactory()
    assert Client().get(step_url(other.code, "que-pasa", work.pk)).status_code == 404
    assert Client().get(step_url("bache", "que-pasa", 999)).status_code == 404
    assert Client().get("/reportes/nuevo/bache/?obra=x").status_code == 404


@pytest.mark.parametrize(
    ("step", "data", "says"),
    [
        ("que-pasa", {}, "Escribe qué pasa, con tus palabras."),
        ("preguntas", {"attribute_cuantos": "uno"}, "Responde «¿De qué tamaño es?»."),
        ("que-pasa", {"description": "x" * 4001}, "llevas 4001"),
        ("donde", {}, "Escribe la dirección o una referencia del lugar, o márcalo en el mapa."),
        ("donde", {"lat": "91", "long": "1"}, "La latitud debe estar entre -90 y 90; si no la"),
        ("donde", {"lat": "1", "long": "-181"}, "La longitud debe estar entre -180 y 180"),
        ("donde", {"lat": "norte", "long": "1"}, "La latitud debe ser un número, como 20.6767"),
        ("donde", {"long": "1", "address": "x"}, "Escribe la latitud también"),
        ("fotos", {"photos": "bogus"}, "no es una foto JPEG, PNG o WebP"),
        ("contacto", {"email": "ana@"}, "Escribe un correo como nombre@ejemplo.com"),
    ],
)
def test_bad_input_on_each_step_is_shown_again_in_plain_spanish(category, step, data, says):
    client = Client()
    order = ("que-pasa", "preguntas", "donde", "fotos", "contacto")
    for earlier in order[: order.index(step)]:
        fields = {k: v for k, v in ANSWERS.items() if k in _fields(earlier)}
        assert client.post(step_url("bache", earlier), fields).status_code == 302
    if data.get("photos") == "bogus":
        data = {"photos": SimpleUploadedFile("recibo.jpg", b"no soy una foto", "image/jpeg")}
    response = client.post(step_url("bache", step), data)
    body = response.content.decode()
    assert response.status_code == 400 and says in body
    assert _title(response).startswith("Error: ")
    assert 'class="error-summary"' in body and re.search(r'<li><a href="#id_\w+">', body)
    assert "fuera de rango" not in body and "Introduzca" not in body
    assert not Report.objects.exists()


def test_the_category_choice_without_a_choice_is_an_error(category):
    response = Client().get("/reportes/nuevo/?categoria=")
    assert response.status_code == 400 and _title(response).startswith("Error: ")
    assert "Elige qué quieres reportar." in response.content.decode()
    assert 'href="#categoria-bache"' in response.content.decode()
    assert Client().get("/reportes/nuevo/?categoria=nada").status_code == 400


def test_help_text_and_errors_are_tied_to_their_field(category):
    client = Client()
    page = client.post("/reportes/nuevo/bache/", {"description": ""}).content.decode()
    assert 'aria-describedby="id_description_helptext id_description_error"' in page
    assert 'id="id_description_helptext"' in page and 'id="id_description_error"' in page
    client.post("/reportes/nuevo/bache/", {"description": "Un bache"})
    page = client.post("/reportes/nuevo/bache/preguntas/", {}).content.decode()
    groups = re.findall(r'<fieldset class="form-row" aria-describedby="([^"]+)">\s*<legend>', page)
    assert groups == ["id_attribute_tamano_error", "id_attribute_cuantos_helptext"]
    assert 'id="id_attribute_cuantos_helptext"' in page
    assert 'href="#id_attribute_tamano_0"' in page


def test_only_sending_counts_towards_the_limit_and_a_refusal_keeps_the_answers(category):
    client = Client()
    for _ in range(10):
        assert file_report(client, "bache", ANSWERS).status_code == 302
    walk(client, "bache", ANSWERS)  # four more POSTs, not counted
    refused = client.post("/reportes/nuevo/bache/revisa/")
    assert refused.status_code == 429 and "espera una hora" in refused.content.decode()
    assert _title(refused).startswith("Error: ")
    assert Report.objects.count() == 10
    assert "Bache hondo" in client.get("/reportes/nuevo/bache/revisa/").content.decode()


def _photo(name: str = "IMG_0001.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, jpeg_with_gps(), "image/jpeg")


def _temporary() -> list[str]:
    if not default_storage.exists(TEMP_FOLDER):
        return []
    days = default_storage.listdir(TEMP_FOLDER)[0]
    return [f for day in days for f in default_storage.listdir(f"{TEMP_FOLDER}/{day}")[1]]


def test_photos_wait_cleaned_are_listed_by_name_and_are_deleted_once_filed(category):
    client = Client()
    walk(client, "bache", {**ANSWERS, "photos": [_photo("bache-1.jpg"), _photo("bache-2.jpg")]})
    [first, second] = _temporary()
    for waiting in (first, second):
        day = default_storage.listdir(TEMP_FOLDER)[0][0]
        raw = default_storage.open(f"{TEMP_FOLDER}/{day}/{waiting}").read()
        assert b"TelefonoDePrueba" not in raw  # kept already without its metadata
    review = client.get("/reportes/nuevo/bache/revisa/").content.decode()
    assert "bache-1.jpg, bache-2.jpg" in review
    # Choosing others replaces them; the replaced copies are deleted.
    fotos = client.get(step_url("bache", "fotos")).content.decode()
    assert "Ya elegiste: bache-1.jpg, bache-2.jpg" in fotos
    client.post(step_url("bache", "fotos"), {"photos": [_photo("otra.jpg")]})
    assert len(_temporary()) == 1
    assert client.post("/reportes/nuevo/bache/revisa/").status_code == 302
    assert Photo.objects.count() == 1 and _temporary() == []


def test_photos_may_be_dropped_and_abandoned_ones_are_swept(category):
    client = Client()
    walk(client, "bache", {**ANSWERS, "photos": [_photo()]})
    client.post(step_url("bache", "fotos"), {"remove": "on"})
    assert (
        _temporary() == [] and "Ninguna" in client.get(step_url("bache", "revisa")).content.decode()
    )
    walk(Client(), "bache", {**ANSWERS, "photos": [_photo()]})
    assert filing_photos_purge() == 0
    with time_machine.travel(dt.datetime.now(tz=MX) + dt.timedelta(days=3)):
        out = StringIO()
        call_command("purge_filing_photos", stdout=out)  # the worker's nightly job
        assert out.getvalue().strip() == "1 foto borrada"
    assert _temporary() == []


def test_photos_swept_before_sending_are_asked_for_again(category):
    client = Client()
    walk(client, "bache", {**ANSWERS, "photos": [_photo()]})
    with time_machine.travel(dt.datetime.now(tz=MX) + dt.timedelta(days=3)):
        filing_photos_purge()
    response = client.post("/reportes/nuevo/bache/revisa/", follow=True)
    assert response.redirect_chain[-1][0] == "/reportes/nuevo/bache/fotos/"
    assert "Tus fotos ya no estaban guardadas" in response.content.decode()
    assert not Report.objects.exists()


@pytest.mark.parametrize("step", ["donde", "fotos", "contacto", "revisa"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_starting_mid_flow_or_after_the_session_expired_starts_over(category, step, method):
    client = Client()
    response = getattr(client, method)(step_url("bache", step), follow=True)
    assert response.status_code == 200
    assert response.redirect_chain == [("/reportes/nuevo/bache/", 302)]
    assert "Empieza de nuevo" in response.content.decode()
    assert not Report.objects.exists()
    assert Client().get("/reportes/nuevo/bache/nada/").status_code == 404


def test_the_receipt_needs_the_token_and_shows_no_personal_data(category):
    response = file_report(Client(), "bache", ANSWERS)
    report = Report.objects.get()
    receipt = Client().get(response["Location"]).content.decode()
    assert "Reporte enviado" in receipt and f"<strong>{report.pk}</strong>" in receipt
    assert f"http://testserver/reportes/{report.pk}/</code>" in receipt
    assert "5 días hábiles para responder" in receipt and "Qué sigue" in receipt
    for private in ("Calle Secreta", "ana@example.org", "3312345678", "Ana", "20.6767"):
        assert private not in receipt, private
    for wrong in ("x", "00000000-0000-0000-0000-000000000000"):
        page = Client().get(f"/reportes/{report.pk}/?nuevo={wrong}").content.decode()
        assert "Reporte enviado" not in page and "Bache hondo" in page
    elsewhere = Client().get(f"/reportes/999/?nuevo={report.token}")
    assert elsewhere.status_code == 404


def _liaison(category):
    return OrganizationMembershipFactory(
        organization=category.institution, role=OrganizationRole.LIAISON
    ).user


@time_machine.travel(dt.datetime(2026, 11, 20, 10, 0, tzinfo=MX), tick=False)
def test_the_queue_says_the_working_days_left_and_how_late(category, django_assert_num_queries):
    Holiday.objects.create(territory=category.territory, date=dt.date(2026, 11, 24), name="Local")
    report = report_create(
        filing=Filing(category=category, address="x", attributes={"tamano": ["chico"]})
    )
    late = report_create(
        filing=Filing(category=category, address="y", attributes={"tamano": ["chico"]})
    )
    # Due on Monday 30 (Friday 20 + five working days, without Tuesday 24, a local day off).
    assert report.expected_at == dt.datetime(2026, 11, 30, 10, 0, tzinfo=MX)
    Report.objects.filter(pk=late.pk).update(expected_at=dt.datetime(2026, 11, 16, 9, 0, tzinfo=MX))
    client = client_for(_liaison(category))
    client.get("/reportes/bandeja/")
    with django_assert_num_queries(6):
        body = client.get("/reportes/bandeja/").content.decode()
    # Friday 20 to Monday 30: Monday 23, Wednesday 25 to Friday 27, Monday 30.
    assert "Quedan 5 días hábiles" in body
    # Monday 16 (a national holiday too) to Friday 20: Tuesday 17 to Friday 20.
    assert "Vencido hace 4 días hábiles" in body
    overdue = client.get("/reportes/bandeja/?vencidos=1").content.decode()
    assert f"/reportes/{late.pk}/" in overdue and f'/reportes/{report.pk}/"' not in overdue
    with time_machine.travel(dt.datetime(2026, 11, 30, 8, 0, tzinfo=MX), tick=False):
        assert "Vence hoy" in client.get("/reportes/bandeja/").content.decode()
