"""The reporter's side (issue 14, items 15 and 16): a receipt e-mail with the tracking address,
every e-mail through the queue and never inside a request, the answers to the category's
questions for whoever handles the report (and in public where the question is), the tracking
address on the receipt page, and dates in Mexico's time."""

import datetime as dt
import re
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from mailer.models import Message

from cocrea.core.models import OrganizationRole
from cocrea.core.services import api_key_create
from cocrea.core.tests.factories import OrganizationMembershipFactory
from cocrea.core.tests.helpers import client_for
from cocrea.reports.models import Datatype, Report, ReportStatus
from cocrea.reports.services import Filing, report_create, report_transition
from cocrea.reports.tests.factories import AttributeFactory, CategoryFactory
from cocrea.reports.tests.steps import file_report

pytestmark = pytest.mark.django_db
MX = dt.timezone(dt.timedelta(hours=-6))
UTC = dt.UTC


@pytest.fixture
def category():
    category = AttributeFactory(
        category=CategoryFactory(code="bache", name="Bache"), is_public=True
    ).category
    AttributeFactory(
        category=category,
        code="vive-ahi",
        description="¿Vives ahí?",
        values=[{"key": "si", "name": "Sí, vivo ahí"}, {"key": "no", "name": "No"}],
        required=False,
        order=2,
    )
    AttributeFactory(
        category=category,
        code="desde",
        datatype=Datatype.DATETIME,
        description="¿Desde cuándo?",
        values=[],
        required=False,
        order=3,
        is_public=True,
    )
    return category


def _form(**fields):
    data = {"description": "Bache hondo", "address": "Calle Secreta 12"}
    data.update({"attribute_tamano": "grande", "attribute_vive-ahi": "si"})
    data.update(fields)
    return data


def _liaison(category):
    return OrganizationMembershipFactory(
        organization=category.institution, role=OrganizationRole.LIAISON
    ).user


def _send():
    """What the worker's `send_mail` job does (django-mailer's queue)."""
    call_command("send_mail", stdout=StringIO(), stderr=StringIO())


@time_machine.travel(dt.datetime(2026, 11, 25, 16, 30, tzinfo=UTC), tick=False)
def test_a_receipt_with_the_tracking_address_is_queued_and_sent_by_the_worker(
    category, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://cocrea.example.org"
    with django_capture_on_commit_callbacks(execute=True):
        response = file_report(None, "bache", _form(email="ana@example.org"))
    report = Report.objects.get()
    assert response.status_code == 302 and not mail.outbox  # nothing sent inside the request
    assert Message.objects.count() == 1
    _send()
    [receipt] = mail.outbox
    assert receipt.to == ["ana@example.org"] and f"reporte {report.pk}" in receipt.subject
    assert f"https://cocrea.example.org/reportes/{report.pk}/" in receipt.body
    # 16:30 UTC is 10:30 in Mexico City; the deadline is five working days later.
    assert "10:30" in receipt.body and "16:30" not in receipt.body
    assert "25 de noviembre de 2026" in receipt.body and "2 de diciembre de 2026" in receipt.body
    _send()
    assert len(mail.outbox) == 1 and not Message.objects.exists()  # sent once


def test_no_receipt_without_an_address(category):
    file_report(None, "bache", _form())
    assert Report.objects.count() == 1 and not Message.objects.exists()


def test_an_open311_filing_with_an_email_gets_its_receipt_too(category):
    key = api_key_create(organization=category.institution)[1]
    data = {
        "api_key": key,
        "service_code": "bache",
        "address_string": "Av. Juárez 1",
        "attribute[tamano]": "chico",
        "email": "luis@example.org",
    }
    assert Client().post("/open311/v2/requests.json", data).status_code == 201
    assert not mail.outbox
    _send()
    assert mail.outbox[0].to == ["luis@example.org"]


def test_each_step_is_queued_with_its_public_note(category):
    filing = Filing(
        category=category, address="x", email="ana@example.org", attributes={"tamano": ["chico"]}
    )
    report = report_create(filing=filing)
    report_transition(report=report, to_status=ReportStatus.RESOLVED, note="Se tapó el bache")
    assert Message.objects.count() == 2 and not mail.outbox
    _send()
    step = next(m for m in mail.outbox if "resuelto" in m.subject)
    assert "Se tapó el bache" in step.body and f"/reportes/{report.pk}/" in step.body


def test_a_report_that_fails_to_be_filed_queues_nothing(category):
    filing = Filing(category=category, address="", email="ana@example.org")
    with pytest.raises(ValidationError):
        report_create(filing=filing)
    assert not Message.objects.exists()


def test_the_receipt_page_shows_the_tracking_address_to_keep(category):
    response = file_report(None, "bache", _form())
    page = Client().get(response["Location"]).content.decode()
    report = Report.objects.get()
    assert "Reporte enviado" in page and "Guarda esta dirección" in page
    assert f"http://testserver/reportes/{report.pk}/</code>" in page
    assert "5 días hábiles para responder" in page


@time_machine.travel(dt.datetime(2026, 11, 25, 16, 30, tzinfo=UTC), tick=False)
def test_answers_show_to_the_handler_and_only_public_ones_to_everyone(category):
    data = _form(**{"attribute_desde": "2026-11-20T08:15"})
    file_report(None, "bache", data)
    report = Report.objects.get()
    assert report.attributes["desde"].startswith("2026-11-20T08:15:00-06:00")
    public = Client().get(f"/reportes/{report.pk}/").content.decode()
    assert "¿De qué tamaño es?" in public and "Grande" in public
    assert "20 Nov 2026, 08:15" in public or "20 nov 2026, 08:15" in public
    assert "¿Vives ahí?" not in public and "Sí, vivo ahí" not in public
    handler = client_for(_liaison(category)).get(f"/reportes/{report.pk}/").content.decode()
    assert "¿Vives ahí?" in handler and "Sí, vivo ahí" in handler and "Grande" in handler
    # Times on the page are Mexico's: filed at 10:30 there (16:30 UTC).
    assert "25 de noviembre de 2026 a las 10:30" in public


def test_an_answer_to_a_removed_question_still_shows_to_the_handler(category):
    file_report(None, "bache", _form())
    report = Report.objects.get()
    category.attributes.filter(code="vive-ahi").delete()
    handler = client_for(_liaison(category)).get(f"/reportes/{report.pk}/").content.decode()
    assert re.search(r"<dt>vive-ahi</dt><dd>si</dd>", handler)
    assert "vive-ahi" not in Client().get(f"/reportes/{report.pk}/").content.decode()


def test_the_filing_form_says_which_answers_are_not_published(category):
    client = Client()
    client.post("/reportes/nuevo/bache/", {"description": "Un bache"})
    form = client.get("/reportes/nuevo/bache/preguntas/").content.decode()
    assert form.count("Solo la ve quien atiende el reporte.") == 1


def test_the_report_page_pins_its_queries(category, django_assert_max_num_queries):
    file_report(None, "bache", _form())
    report = Report.objects.get()
    with django_assert_max_num_queries(6):
        assert Client().get(f"/reportes/{report.pk}/").status_code == 200
    liaison = client_for(_liaison(category))
    liaison.get(f"/reportes/{report.pk}/")
    with django_assert_max_num_queries(12):
        assert liaison.get(f"/reportes/{report.pk}/").status_code == 200


@time_machine.travel(dt.datetime(2026, 11, 25, 16, 30, tzinfo=UTC), tick=False)
def test_a_report_in_baja_california_reads_its_times_in_the_northwest_zone():
    from cocrea.core.tests.factories import OrganizationFactory, state

    institution = OrganizationFactory(territory=state("02"))
    category = CategoryFactory(code="fuga", name="Fuga de agua", institution=institution)
    file_report(None, category.code, _form(email="bea@example.org"))
    report = Report.objects.get()
    # 16:30 UTC is 08:30 in Tijuana (Pacific standard time in November), 10:30 in the centre.
    page = Client().get(f"/reportes/{report.pk}/").content.decode()
    assert "08:30" in page and "10:30" not in page
    _send()
    assert "08:30" in mail.outbox[0].body and "10:30" not in mail.outbox[0].body
