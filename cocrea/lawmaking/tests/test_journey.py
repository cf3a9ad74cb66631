"""Acceptance of collaborative lawmaking, played in a real browser as each person would.

The platform's administrator registers a state congress and names its liaison; the liaison (the
committee) opens a reform, dates its contributions phase, publishes the law in force and the
initiative (pasted Markdown, then a DOCX file), answers a question of debate's worth of work:
two citizens contribute to an article, support and comment; the committee publishes a second
version that takes the contribution in, answers it, and closes the process; a visitor without
an account reads the answer, compares the versions and downloads the cuadro comparativo. No
page visited is under /admin/; nothing is written to the database after the administrator's
`createsuperuser`.

Outside CI the test is skipped when chromium or Playwright is missing; in CI it fails.
"""

import datetime as dt
import io
import os
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from cocrea.core.tests.journey_steps import CHROMIUM, FLAGS, PASSWORD, SAVED, Journey, field
from cocrea.monitoring.models import Notification

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True, databases="__all__")

ADMIN = "administracion@plataforma.example"
LIAISON = "comision@congreso.example"
CITIZENS = ("ana@ciudadania.example", "beto@ciudadania.example")
CONGRESS = "Congreso del Estado de Prueba"
TITLE = "Reforma a la Ley de Participación Ciudadana"
SLUG = "reforma-participacion"
PROCESS = f"/leyes/{SLUG}"

LAW_IN_FORCE = """# Ley de Participación Ciudadana

Artículo 1.- Esta ley regula la participación ciudadana.

Artículo 2.- Las autoridades responden en quince días.
"""

INITIATIVE = """# EXPOSICIÓN DE MOTIVOS

La ciudadanía pide participar en la elaboración de las leyes.

Artículo 1.- Esta ley regula la participación ciudadana en el proceso legislativo.

Artículo 2.- Las autoridades responden en quince días hábiles.

I. Por escrito;

II. En la plataforma.

TRANSITORIOS

Primero.- Entra en vigor al día siguiente de su publicación.
"""

PASSAGE = "quince días hábiles"
PROPOSED = "diez días hábiles"


@pytest.fixture
def browser_tools() -> None:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"Browser test tools missing in CI: {CHROMIUM}")
        pytest.skip(f"needs {CHROMIUM} (install Debian's chromium)")
    pytest.importorskip("playwright")


def _second_version_docx(path: Path) -> Path:
    """The committee's version, as a congress writes it: a Word document."""
    from docx import Document

    document = Document()
    for line in INITIATIVE.replace(PASSAGE, PROPOSED).replace("# ", "").split("\n\n"):
        document.add_paragraph(line.strip())
    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(buffer.getvalue())
    return path


def _moment(days: int) -> str:
    return (timezone.localtime() + dt.timedelta(days=days)).strftime("%Y-%m-%dT%H:%M")


def test_a_congress_and_its_citizens_make_a_law_through_the_pages(
    browser_tools, live_server, settings, monkeypatch, tmp_path
):
    settings.DEBUG = False
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", PASSWORD)
    call_command("createsuperuser", email=ADMIN, interactive=False, verbosity=0)
    docx = _second_version_docx(tmp_path / "dictamen.docx")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        journey = Journey(browser=browser, base_url=live_server.url)
        try:
            _play(journey, docx)
        except Exception as error:
            raise AssertionError(f"{error}\n\nStopped at {journey.where()}") from error
        finally:
            browser.close()
    assert not journey.gaps, "\n".join(journey.gaps)
    # The answer and the closing summary reached the contributor (queued for the worker).
    told = Notification.objects.filter(user__email=CITIZENS[0]).values_list("key", flat=True)
    assert {key.split(":")[0] for key in told} >= {"law-answer", "law-summary"}


def _play(j: Journey, docx: Path) -> None:
    with j.steps("0 accounts"):
        for email in (LIAISON, *CITIZENS):
            j.sign_up(email)
    _admin_registers_the_congress(j)
    committee = j.sign_in("committee", LIAISON)
    _committee_opens_the_process(j, committee)
    contribution = _citizens_contribute(j)
    _committee_answers(j, committee, contribution, docx)
    _visitor_reads_what_became_of_it(j, contribution)
    with j.steps("6 the committee closes the process"):
        j.go(committee, PROCESS + "/")
        committee.get_by_role("link", name="Cerrar y enviar el resumen").click()
        field(committee, "Resultado del proceso").fill("Aprobada por el Pleno con el decreto 123.")
        j.submit(committee, "Guardar")
        j.message(committee, SAVED)
        j.sees(committee, "Aprobada por el Pleno con el decreto 123.")


def _admin_registers_the_congress(j: Journey) -> None:
    with j.steps("1 admin registers the congress and names its liaison"):
        admin = j.sign_in("admin", ADMIN)
        j.go(admin, "/organizaciones/nueva/")
        field(admin, "Nombre").fill(CONGRESS)
        field(admin, "Sector").select_option(label="Gobierno: poder legislativo")
        field(admin, "Territorio").select_option(label="Jalisco")
        j.submit(admin, "Guardar")
        j.heading(admin, CONGRESS)
        slug = str(admin.url).rstrip("/").rsplit("/", 1)[-1]
        j.go(admin, f"/organizaciones/{slug}/enlaces/")
        field(admin, "Correo de la cuenta").fill(LIAISON)
        j.submit(admin, "Nombrar")
        j.message(admin, SAVED)
        admin.context.close()


def _committee_opens_the_process(j: Journey, committee) -> None:
    with j.steps("2 the committee opens a reform"):
        j.go(committee, "/leyes/")
        committee.get_by_role("link", name="Abrir un proceso legislativo").click()
        field(committee, "Título de la iniciativa").fill(TITLE)
        field(committee, "Identificador").fill(SLUG)
        field(committee, "Congreso").select_option(label=CONGRESS)
        field(committee, "Tipo").select_option(label="Reforma a una ley vigente")
        field(committee, "Ley que se reforma").fill("Ley de Participación Ciudadana")
        field(committee, "Comisión dictaminadora").fill("Comisión de Participación Ciudadana")
        field(committee, "Apoyos para destacar una aportación").fill("1")
        j.submit(committee, "Guardar")
        j.heading(committee, TITLE)

    with j.steps("2 the committee dates the contributions phase"):
        committee.get_by_text("Fijar las fechas de una fase").click()
        committee.get_by_role("link", name="Aportaciones al texto").click()
        field(committee, "Inicio").fill(_moment(-1))
        field(committee, "Fin").fill(_moment(10))
        j.submit(committee, "Guardar")
        j.message(committee, SAVED)
        j.sees(committee, "abierta")

    for label, text, law_in_force in (
        ("Texto vigente", LAW_IN_FORCE, True),
        ("Iniciativa", INITIATIVE, False),
    ):
        with j.steps(f"2 the committee publishes «{label}»"):
            j.go(committee, PROCESS + "/")
            committee.get_by_role("link", name="Publicar una nueva versión").click()
            field(committee, "Nombre de la versión").fill(label)
            if law_in_force:
                committee.get_by_label(re.compile("Es el texto vigente")).check()
            field(committee, "O pega el texto").fill(text)
            j.submit(committee, "Importar y revisar")
            j.sees(committee, "Artículo 2")
            j.submit(committee, "Publicar esta versión")
            j.heading(committee, TITLE)


def _citizens_contribute(j: Journey) -> str:
    ana, beto = (j.sign_in(email, email) for email in CITIZENS)
    with j.steps("3 a citizen proposes a change to an article"):
        j.go(ana, PROCESS + "/")
        ana.get_by_role("link", name=re.compile(r"^Artículo 2")).first.click()
        j.heading(ana, "Artículo 2")
        field(ana, "Parte del artículo").select_option(index=1)
        ana.get_by_role("radio", name="Cambiar el texto").check()
        field(ana, "Pasaje del texto").fill(PASSAGE)
        field(ana, "Texto que propones").fill(PROPOSED)
        field(ana, "Justificación o comentario").fill("Quince días es demasiado.")
        j.submit(ana, "Publicar aportación")
        j.sees(ana, PROPOSED)
        contribution = j.path(ana).split("#")[0]
    with j.steps("3 another citizen supports and comments"):
        j.go(beto, contribution)
        j.submit(beto, "Apoyar esta aportación")
        j.sees(beto, "Retirar mi apoyo")
        field(beto, "Comentario").fill("De acuerdo, y que sea en la plataforma.")
        j.submit(beto, "Publicar comentario")
        j.sees(beto, "De acuerdo, y que sea en la plataforma.")
        j.sees_not(beto, CITIZENS[1])
    return contribution


def _committee_answers(j: Journey, committee, contribution: str, docx: Path) -> None:
    with j.steps("4 the committee publishes its version from a DOCX"):
        j.go(committee, PROCESS + "/versiones/nueva/")
        field(committee, "Nombre de la versión").fill("Dictamen")
        field(committee, "Archivo con el texto").set_input_files(str(docx))
        j.submit(committee, "Importar y revisar")
        j.sees(committee, "Artículo 2")
        j.submit(committee, "Publicar esta versión")
    with j.steps("4 the committee answers the contribution"):
        j.go(committee, contribution)
        field(committee, "Respuesta").select_option(label="Incorporada")
        field(committee, "Versión que la incorpora").select_option(label="Dictamen")
        field(committee, "Respuesta razonada de la comisión").fill("Se incorpora: diez días.")
        j.submit(committee, "Publicar la respuesta")
        j.sees(committee, "Se incorpora: diez días.")


def _visitor_reads_what_became_of_it(j: Journey, contribution: str) -> None:
    visitor = j.visitor()
    with j.steps("5 a visitor reads the answer on the article"):
        j.go(visitor, PROCESS + "/texto/articulo-2/")
        j.sees(visitor, "Se incorpora: diez días.")
        j.sees_not(visitor, CITIZENS[0])
    with j.steps("5 a visitor compares the versions"):
        j.go(visitor, PROCESS + "/comparar/?de=1&a=2")
        assert visitor.locator("main del").filter(has_text="quince").count()
        assert visitor.locator("main ins").filter(has_text="diez").count()
    with j.steps("5 a visitor downloads the cuadro comparativo"):
        j.go(visitor, PROCESS + "/cuadro-comparativo/")
        j.sees(visitor, "Las autoridades responden en quince días.")  # the law in force
        for suffix, magic in ((".pdf", b"%PDF"), (".docx", b"PK")):
            response = visitor.request.get(PROCESS + "/cuadro-comparativo" + suffix)
            assert response.status == 200 and response.body().startswith(magic)
        response = visitor.request.get(PROCESS + "/resumen.csv")
        assert response.status == 200 and PROPOSED in response.text()
    visitor.context.close()
