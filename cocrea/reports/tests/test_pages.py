from collections.abc import Callable
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client

from cocrea.core.models import OrganizationRole, User
from cocrea.core.tests.factories import (
    OrganizationFactory,
    OrganizationMembershipFactory,
    UserFactory,
)
from cocrea.core.tests.helpers import client_for
from cocrea.reports.models import Report, ReportStatus
from cocrea.reports.services import Filing, report_create
from cocrea.reports.tests.factories import AttributeFactory, CategoryFactory
from cocrea.reports.tests.steps import file_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def category():
    return AttributeFactory(category=CategoryFactory(code="bache", name="Bache")).category


def _form(**fields):
    data = {"description": "Bache <script>x</script>", "address": "Calle Secreta 12"}
    data.update({"attribute_tamano": "grande", "email": "ana@example.org", "phone": "331234"})
    data.update(fields)
    return data


def test_filing_step_by_step_without_an_account(category):
    assert "Bache" in Client().get("/reportes/nuevo/").content.decode()
    client = Client()
    client.post("/reportes/nuevo/bache/", {"description": "Un bache"})
    form = client.get("/reportes/nuevo/bache/preguntas/").content.decode()
    assert 'name="attribute_tamano"' in form and 'type="radio"' in form
    response = file_report(Client(), "bache", _form(first_name="Ana"))
    report = Report.objects.get()
    assert response.status_code == 302 and response["Location"].startswith(
        f"/reportes/{report.pk}/?nuevo={report.token}"
    )
    receipt = Client().get(response["Location"]).content.decode()
    page = Client().get(f"/reportes/{report.pk}/").content.decode()
    assert "Reporte enviado" in receipt and "&lt;script&gt;" in page
    for private in ("Calle Secreta", "ana@example.org", "331234", "Ana"):
        assert private not in page and private not in receipt
    assert report.attributes == {"tamano": "grande"} and report.reporter is None


@pytest.mark.parametrize(
    ("fields", "says"),
    [
        ({"description": ""}, "Escribe qué pasa"),
        ({"address": ""}, "Escribe la dirección o una referencia"),
        ({"attribute_tamano": "enorme"}, "Elige una de las opciones de «¿De qué tamaño es?»"),
        ({"lat": "20.5"}, "Escribe la longitud también"),
        ({"email": "no-es-correo"}, "Escribe un correo como"),
    ],
)
def test_bad_filings_are_shown_again_with_the_error(category, fields, says):
    response = file_report(Client(), "bache", _form(**fields))
    assert response.status_code == 400 and says in response.content.decode()
    assert not Report.objects.exists()


def test_unknown_category_is_404():
    assert Client().get("/reportes/nuevo/nada/").status_code == 404
    assert Client().get("/reportes/999/").status_code == 404


def test_public_list_pins_its_queries(category, django_assert_max_num_queries):
    for _ in range(5):
        report_create(
            filing=Filing(category=category, address="x", attributes={"tamano": ["chico"]})
        )
    with django_assert_max_num_queries(4):
        body = Client().get("/reportes/?estado=open&categoria=bache").content.decode()
    assert body.count("/reportes/") >= 5


@pytest.fixture
def filed(category):
    filing = Filing(
        category=category, address="x", email="ana@example.org", attributes={"tamano": ["chico"]}
    )
    return report_create(filing=filing)


def _liaison(organization):
    return OrganizationMembershipFactory(
        organization=organization, role=OrganizationRole.LIAISON
    ).user


@pytest.mark.parametrize("who", ["anonymous", "participant", "other_liaison", "liaison", "admin"])
def test_only_the_institutions_liaisons_and_admins_handle_a_report(
    filed, who, django_capture_on_commit_callbacks
):
    accounts: dict[str, Callable[[], User | None]] = {
        "anonymous": lambda: None,
        "participant": UserFactory,
        "other_liaison": lambda: _liaison(OrganizationFactory()),
        "liaison": lambda: _liaison(filed.institution),
        "admin": lambda: UserFactory(is_superuser=True, is_staff=True),
    }
    user = accounts[who]()
    data = {"status": ReportStatus.RESOLVED, "note": "Se tapó"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(user).post(f"/reportes/{filed.pk}/", data)
    filed.refresh_from_db()
    # Nothing is sent inside the request: the step waits in the queue for the worker.
    assert not mail.outbox
    call_command("send_mail", stdout=StringIO(), stderr=StringIO())  # the worker's job
    steps = [m for m in mail.outbox if "resuelto" in m.subject]
    if who in ("liaison", "admin"):
        assert response.status_code == 302 and filed.status == ReportStatus.RESOLVED
        assert len(steps) == 1 and "Se tapó" in steps[0].body
    else:
        assert response.status_code == 403 and filed.status == ReportStatus.RECEIVED
        assert not steps


def test_only_the_handling_institution_sees_where_and_whom_to_tell(filed):
    Report.objects.filter(pk=filed.pk).update(address="Calle Secreta 12")
    handler_page = client_for(_liaison(filed.institution)).get(f"/reportes/{filed.pk}/")
    assert "Calle Secreta 12" in handler_page.content.decode()
    assert "ana@example.org" in handler_page.content.decode()
    for user in (None, UserFactory(), _liaison(OrganizationFactory())):
        body = client_for(user).get(f"/reportes/{filed.pk}/").content.decode()
        assert "Calle Secreta" not in body and "ana@example.org" not in body


def test_closing_without_a_note_is_refused_on_the_page(filed):
    client = client_for(_liaison(filed.institution))
    response = client.post(f"/reportes/{filed.pk}/", {"status": ReportStatus.RESOLVED})
    assert response.status_code == 400 and "nota" in response.content.decode()


def test_the_queue_sorts_by_due_time_and_only_shows_ones_institution(
    filed, category, django_assert_max_num_queries
):
    other = report_create(
        filing=Filing(category=CategoryFactory(), address="y", description="Ajeno")
    )
    client = client_for(_liaison(filed.institution))
    client.get("/reportes/bandeja/")  # the session and the account are loaded once
    # session, account, liaison ids, count, page, and the days off of the page's lists
    with django_assert_max_num_queries(6):
        body = client.get("/reportes/bandeja/").content.decode()
    assert f"/reportes/{filed.pk}/" in body and f"/reportes/{other.pk}/" not in body
    assert client_for(UserFactory()).get("/reportes/bandeja/").status_code == 403


def test_api_lists_reports_without_personal_data(filed, django_assert_max_num_queries):
    report_create(
        filing=Filing(category=filed.category, address="y", attributes={"tamano": ["chico"]})
    )
    with django_assert_max_num_queries(2):
        body = Client().get("/api/v1/reports?status=open").json()
    assert body["count"] == 2 and body["items"][0]["service_code"] == "bache"
    assert "ana@example.org" not in str(body) and "address" not in body["items"][0]
    one = Client().get(f"/api/v1/reports/{filed.pk}").json()
    assert one["is_open"] is True and one["institution"] == filed.institution.name
    assert Client().get("/api/v1/reports/999").status_code == 404


@pytest.mark.parametrize("who", ["anonymous", "participant", "liaison", "staff_moderator", "admin"])
def test_moderation_redacts_the_public_text_and_keeps_the_original(filed, who):
    from django.contrib.auth.models import Permission

    from cocrea.reports.models import ReportRedaction

    Report.objects.filter(pk=filed.pk).update(description="Me llamo Ana, tel 331234")
    accounts: dict[str, Callable[[], User | None]] = {
        "anonymous": lambda: None,
        "participant": UserFactory,
        "liaison": lambda: _liaison(filed.institution),
        "staff_moderator": lambda: UserFactory(is_staff=True),
        "admin": lambda: UserFactory(is_superuser=True, is_staff=True),
    }
    user = accounts[who]()
    if who == "staff_moderator":
        assert user is not None
        user.user_permissions.add(Permission.objects.get(codename="change_report"))
    data = {"description": "Me llamo [dato personal]", "reason": "Datos personales"}
    response = client_for(user).post(f"/reportes/{filed.pk}/moderar/", data)
    filed.refresh_from_db()
    if who in ("staff_moderator", "admin"):
        assert response.status_code == 302 and filed.description == "Me llamo [dato personal]"
        assert ReportRedaction.objects.get().original == "Me llamo Ana, tel 331234"
        page = Client().get(f"/reportes/{filed.pk}/").content.decode()
        assert "331234" not in page and "Datos personales" in page
    else:
        assert response.status_code in (302, 403) and "331234" in filed.description
        assert not ReportRedaction.objects.exists()


def test_redaction_without_reason_is_shown_again(filed):
    admin = UserFactory(is_superuser=True, is_staff=True)
    response = client_for(admin).post(f"/reportes/{filed.pk}/moderar/", {"description": "x"})
    assert response.status_code == 400 and "reason" in response.content.decode()


def test_the_redaction_form_names_the_report_and_goes_back_to_it(filed):
    admin = UserFactory(is_superuser=True, is_staff=True)
    body = client_for(admin).get(f"/reportes/{filed.pk}/moderar/").content.decode()
    named = f"Reporte {filed.pk}: {filed.category.name}"
    assert f"<title>Editar la descripción del reporte · {named}" in body
    assert f'<span class="form-subject">{named}</span></h1>' in body
    assert f'<a href="/reportes/{filed.pk}/">Cancelar</a>' in body


def test_the_public_list_filters_by_one_status_as_its_map_does(category):
    answers = {"tamano": ["chico"]}
    received = report_create(filing=Filing(category=category, address="x", attributes=answers))
    routed = report_create(filing=Filing(category=category, address="x", attributes=answers))
    Report.objects.filter(pk=routed.pk).update(status=ReportStatus.ROUTED)
    listed = Client().get("/reportes/?estado=routed").content.decode()
    assert f'href="/reportes/{routed.pk}/"' in listed
    assert f'href="/reportes/{received.pk}/"' not in listed
    everything = Client().get("/reportes/?estado=nada").content.decode()  # unknown: no filter
    assert f'href="/reportes/{received.pk}/"' in everything
