"""Acceptance of issue 14: a state institute runs a whole exercise itself, through the pages.

A transparency institute's coordinator, a secretariat of three sectors, the responsible
institution's liaison, a moderator, an assessor and three citizens play one cycle in a real
browser (Debian's chromium driven by Playwright), each in their own browser context signed in
through the sign-in page: from an empty exercise to a published shadow report that an anonymous
visitor reads. The platform administrator only creates the exercise and names its coordinator.

Nothing is written to the database after the setup, which only creates the administrator with
`createsuperuser` (as a new platform is set up); every other account signs up on the sign-up page
and is verified by the link of its e-mail. No page visited is under /admin/. A step the right
person cannot do through the pages is a gap (see journey_steps.py): the test fails listing them.

Outside CI the test is skipped when chromium or Playwright is missing; in CI it fails.
"""

import datetime as dt
import os
import re
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from cocrea.core.tests.helpers import PDF_BYTES
from cocrea.core.tests.journey_steps import CHROMIUM, FLAGS, PASSWORD, SAVED, Journey, field

# Transactional: the live server's thread sees what the pages write. serialized_rollback
# restores the data migrations (the 32 states) for the tests after this one.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True, databases="__all__")

ADMIN = "administracion@plataforma.example"
COORDINATOR = "coordinacion@itei.example"
MODERATOR = "moderacion@itei.example"
CIVIL = "colectivo@sociedad.example"
LIAISON = "enlace@obras.example"
ASSESSOR = "evaluacion@universidad.example"
CITIZENS = ("ana@ciudadania.example", "beto@ciudadania.example", "caro@ciudadania.example")
REPORTER = "dora@ciudadania.example"  # files a citizen's report without an account

EXERCISE = "Gobierno Abierto Jalisco 2025"
INSTITUTION = "Secretaría de Infraestructura y Obra Pública"
CONSULTATION = "Consulta para el plan local 2025"
PLAN = "Primer plan de acción local"
COMMITMENT = "Obra pública abierta"
AXES = ("Obra pública", "Seguridad", "Medio ambiente")
CATEGORY = "Obra pública detenida"
PUBLIC_QUESTION = "¿Desde cuándo está detenida la obra?"
PRIVATE_QUESTION = "¿Quién le avisó de la suspensión?"
PRIVATE_ANSWER = "El residente de obra, Julián Ortega"
DAY_OFF = "Día del servidor público de Jalisco"


@pytest.fixture
def browser_tools() -> None:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"Browser test tools missing in CI: {CHROMIUM}")
        pytest.skip(f"needs {CHROMIUM} (install Debian's chromium)")
    pytest.importorskip("playwright")


def _today() -> dt.date:
    """Today where the exercise is (the site's time zone, America/Mexico_City)."""
    return timezone.localdate()


def _iso(days: int = 0) -> str:
    return (_today() + dt.timedelta(days=days)).isoformat()


def _moment(days: int) -> str:
    """A date and time for a datetime-local field, typed in the site's time zone."""
    return (timezone.localtime() + dt.timedelta(days=days)).strftime("%Y-%m-%dT%H:%M")


def test_an_institute_runs_a_whole_exercise_through_its_pages(
    browser_tools, live_server, settings, monkeypatch, tmp_path
):
    settings.DEBUG = False
    # As a new platform is set up: the administrator by the command, verified by it (item 5).
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", PASSWORD)
    call_command("createsuperuser", email=ADMIN, interactive=False, verbosity=0)
    minutes = tmp_path / "acta.pdf"
    minutes.write_bytes(PDF_BYTES)
    # Playwright runs an event loop in this thread: the ORM is not used from here on.
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        journey = Journey(browser=browser, base_url=live_server.url)
        try:
            tracking = _play(journey, minutes)
        except Exception as error:
            gaps = "\n".join(journey.gaps)
            raise AssertionError(
                f"{error}\n\nStopped at {journey.where()}\n\nGaps so far:\n{gaps}"
            ) from error
        finally:
            browser.close()
            print("\n".join(f"{seconds:5.1f} s  {name}" for name, seconds in journey.timings))
    assert not journey.gaps, "Steps that need the admin or a missing page:\n" + "\n".join(
        journey.gaps
    )
    _reporter_mail_was_queued(tracking)


def _play(j: Journey, minutes: Path) -> str:
    with j.steps("0 accounts"):
        for email in (COORDINATOR, MODERATOR, CIVIL, LIAISON, ASSESSOR, *CITIZENS):
            j.sign_up(email)
    slug = _admin_creates_the_exercise(j)
    ex = f"/ejercicios/{slug}"
    institution = _coordinator_sets_up(j, ex, minutes)
    consultation = f"{ex}/consultas/plan-local-2025"
    proposals = _citizens_take_part(j, consultation)
    problem = _coordinator_systematizes(j, consultation, proposals, minutes)
    commitment = _coordinator_makes_the_plan(j, ex, consultation, proposals, problem, institution)
    _progress_is_reported_and_watched(j, ex, commitment)
    _assessed_and_published(j, ex, commitment, consultation, proposals)
    day_off = _coordinator_manages_report_categories(j, ex)
    tracking = _citizen_files_a_report(j, day_off)
    _liaison_handles_the_report(j, tracking)
    return tracking


# --- 1. The platform administrator ------------------------------------------------------------


def _admin_creates_the_exercise(j: Journey) -> str:
    with j.steps("1 admin creates the exercise"):
        admin = j.sign_in("admin", ADMIN)
        j.go(admin, "/ejercicios/nuevo/")
        j.heading(admin, "Nuevo ejercicio")
        field(admin, "Territorio").select_option(label="Jalisco")
        field(admin, "Nombre").fill(EXERCISE)
        field(admin, "Descripción").fill("Ejercicio local del instituto de transparencia.")
        field(admin, "Fecha de incorporación").fill(_iso(-30))
        j.submit(admin, "Guardar")
        j.heading(admin, EXERCISE)
        j.message(admin, SAVED)
        slug = str(admin.url).rstrip("/").rsplit("/", 1)[-1]

    with j.steps("1 admin names the coordinator"):
        admin.get_by_role("link", name="Roles", exact=True).click()
        j.heading(admin, "Roles en el ejercicio")
        field(admin, "Correo de la cuenta").fill("nadie@ninguna.example")
        field(admin, "Rol").select_option(label="Coordinación")
        j.submit(admin, "Otorgar", expect_error=True)
        refusal = admin.locator(".error-summary").inner_text()
        assert "No hay una cuenta activa" in refusal, refusal
        if "nadie@ninguna.example" not in refusal:
            j.gap(f"the roles page refuses an unknown e-mail without naming it: {refusal!r}")
        field(admin, "Correo de la cuenta").fill(COORDINATOR)
        field(admin, "Rol").select_option(label="Coordinación")
        field(admin, "Sector").select_option(label="Órgano garante")
        j.submit(admin, "Otorgar")
        j.message(admin, SAVED)
        row = admin.get_by_role("row", name=re.compile(re.escape(COORDINATOR)))
        assert "Coordinación" in row.inner_text()
        admin.context.close()
    return slug


# --- 2. The coordination sets the exercise up -------------------------------------------------


def _coordinator_sets_up(j: Journey, ex: str, minutes: Path) -> str:
    coordinator = j.sign_in("coordinator", COORDINATOR)
    with j.steps("2 coordinator registers the responsible institution"):
        institution = _institution(j, coordinator, ex)

    with j.steps("2 coordinator grants the moderator and assessor roles"):
        j.go(coordinator, f"{ex}/roles/")
        for email, role in ((MODERATOR, "Moderación"), (ASSESSOR, "Evaluación")):
            field(coordinator, "Correo de la cuenta").fill(email)
            field(coordinator, "Rol").select_option(label=role)
            j.submit(coordinator, "Otorgar")
            j.message(coordinator, SAVED)
            j.sees(coordinator, email)

    with j.steps("2 coordinator installs the secretariat"):
        j.go(coordinator, f"{ex}/secretariado/")
        j.heading(coordinator, "Secretariado técnico")
        coordinator.get_by_role("link", name="Nuevo secretariado").click()
        field(coordinator, "Nombre").fill("Secretariado Técnico Local de Jalisco")
        field(coordinator, "Siglas").fill("STL")
        field(coordinator, "Periodo").fill("2025–2027")
        field(coordinator, "Fecha de instalación").fill(_iso(-20))
        j.submit(coordinator, "Guardar")
        j.message(coordinator, SAVED)
        j.sees(coordinator, "Secretariado Técnico Local de Jalisco (STL)")

    with j.steps("2 coordinator adds the members of the three sectors"):
        members = (
            ("Mtra. Laura Gómez", "Órgano garante", "Presidencia", COORDINATOR, ""),
            ("Colectivo Ciudadano", "Sociedad civil", "Integrante", CIVIL, ""),
            ("Ing. Pedro Ramírez", "Sector público", "Integrante", "", INSTITUTION),
        )
        for person, sector, role, email, organization in members:
            coordinator.get_by_role("link", name="Agregar integrante").click()
            j.heading(coordinator, "Integrante del secretariado")
            field(coordinator, "Secretariado").select_option(
                label="Secretariado Técnico Local de Jalisco"
            )
            field(coordinator, "Persona").fill(person)
            if organization:
                field(coordinator, "Organización").select_option(label=organization)
            field(coordinator, "Sector").select_option(label=sector)
            field(coordinator, "Cargo en el secretariado").select_option(label=role)
            field(coordinator, "Designación").fill(_iso(-20))
            field(coordinator, "Correo de su cuenta").fill(email)
            j.submit(coordinator, "Guardar")
            j.message(coordinator, SAVED)
            j.sees(coordinator, person)
        # Tied to their accounts, the members hold the secretariat role (issue item 3).
        j.go(coordinator, f"{ex}/roles/")
        civil_row = coordinator.get_by_role("row", name=re.compile(re.escape(CIVIL)))
        assert "Integrante del secretariado" in civil_row.inner_text()
        assert "Sociedad civil" in civil_row.inner_text()

    with j.steps("2 coordinator records the installation session"):
        j.go(coordinator, f"{ex}/sesiones/nueva/")
        j.heading(coordinator, "Sesión del secretariado")
        field(coordinator, "Secretariado").select_option(
            label="Secretariado Técnico Local de Jalisco"
        )
        field(coordinator, "Número").fill("1")
        field(coordinator, "Fecha").first.fill(_iso(-20))
        field(coordinator, "Lugar").fill("Sala del pleno del instituto")
        field(coordinator, "Resumen").fill("Instalación del secretariado técnico local.")
        field(coordinator, "Acta (PDF)").set_input_files(str(minutes))
        field(coordinator, "Asistentes: Sector público").fill("2")
        field(coordinator, "Asistentes: Sociedad civil").fill("3")
        field(coordinator, "Asistentes: Órgano garante").fill("1")
        j.submit(coordinator, "Guardar")
        j.message(coordinator, SAVED)
        j.heading(coordinator, "Sesiones del secretariado")
        session = coordinator.get_by_role("row", name=re.compile("Ordinaria 1"))
        assert "Sociedad civil: 3" in session.inner_text(), session.inner_text()

    with j.steps("2 coordinator opens the consultation with its axes"):
        j.go(coordinator, f"{ex}/consultas/nueva/")
        j.heading(coordinator, "Consulta pública")
        field(coordinator, "Título").fill(CONSULTATION)
        field(coordinator, "Identificador").fill("plan-local-2025")
        field(coordinator, "Descripción").fill("¿Qué debe resolver el plan local?")
        field(coordinator, "Lugares (colonias, localidades), uno por línea").fill(
            "Guadalajara\nZapopan\nTlaquepaque"
        )
        field(coordinator, "Apertura").fill(_moment(2))  # not open yet: axes first
        field(coordinator, "Cierre").fill(_moment(30))
        j.submit(coordinator, "Guardar")
        j.heading(coordinator, CONSULTATION)
        j.sees(
            coordinator, "por abrir" if "Cerrada o por abrir" in _main(coordinator) else "Por abrir"
        )
        coordinator.get_by_role("link", name="Ejes de la consulta").click()
        j.heading(coordinator, "Ejes de la consulta")
        for axis in AXES:
            field(coordinator, "Nombre del eje").fill(axis)
            j.submit(coordinator, "Agregar eje")
            j.message(coordinator, SAVED)
            assert coordinator.get_by_role("rowheader", name=axis, exact=True).is_visible()
        j.go(coordinator, f"{ex}/consultas/plan-local-2025/editar/")
        field(coordinator, "Apertura").fill(_moment(-1))
        j.submit(coordinator, "Guardar")
        j.sees(coordinator, "Abierta")
        filter_options = field(coordinator, "Eje").locator("option").all_inner_texts()
        assert all(axis in filter_options for axis in AXES), filter_options
    return institution


def _institution(j: Journey, coordinator: Any, ex: str) -> str:
    """The responsible institution, registered by the coordination from the exercise's page."""
    j.go(coordinator, f"{ex}/")
    coordinator.get_by_role("link", name="Registrar una institución").click()
    j.seen(coordinator)
    field(coordinator, "Nombre").fill(INSTITUTION)
    field(coordinator, "Siglas").fill("SIOP")
    field(coordinator, "Sector").select_option(label="Gobierno: dependencia o entidad")
    field(coordinator, "Territorio").select_option(label="Jalisco")
    j.submit(coordinator, "Guardar")
    j.heading(coordinator, INSTITUTION)
    return str(coordinator.url).rstrip("/").rsplit("/", 1)[-1]


# --- 3. Citizens take part; a report is moderated ---------------------------------------------


def _citizens_take_part(j: Journey, consultation: str) -> list[str]:
    ideas = (
        ("Publicar los contratos de obra pública", "Obra pública", "Guadalajara"),
        ("Bitácora abierta de cada obra", "Obra pública", "Zapopan"),
        ("Patrullaje con rendición de cuentas", "Seguridad", "Tlaquepaque"),
    )
    proposals = []
    with j.steps("3 three citizens propose"):
        for (title, axis, place), email in zip(ideas, CITIZENS, strict=True):
            citizen = j.sign_in(email, email)
            j.go(citizen, consultation + "/")
            citizen.get_by_role("link", name="Hacer una propuesta").click()
            j.heading(citizen, "Nueva propuesta")
            field(citizen, "Título").fill(title)
            field(citizen, "Tu propuesta o el problema que ves").fill(
                f"{title}: que cualquiera pueda revisarlo en línea."
            )
            field(citizen, "Eje").select_option(label=axis)
            _place(citizen, place)
            j.submit(citizen, "Guardar")
            j.heading(citizen, title)
            proposals.append(j.path(citizen))

    with j.steps("3 citizens support and comment"):
        ana, beto, caro = (j.pages[e] for e in CITIZENS)
        for citizen, proposal in ((beto, proposals[0]), (ana, proposals[1])):
            j.go(citizen, proposal)
            citizen.get_by_role("button", name="Apoyar esta propuesta").click()
            j.message(citizen, "Gracias por tu apoyo.")
            j.sees(citizen, "Retirar mi apoyo")
        # From the consultation's cards, back to the same card.
        j.go(caro, consultation + "/")
        card = caro.locator("article.proposal-card", has_text="Publicar los contratos")
        card.get_by_role("button", name=re.compile("^Apoyar")).click()
        j.message(caro, "Gracias por tu apoyo.")
        assert "/consultas/" in caro.url and "#propuesta-" in caro.url, caro.url
        card = caro.locator("article.proposal-card", has_text="Publicar los contratos")
        assert "la apoyas" in card.inner_text()
        j.go(beto, proposals[0])
        field(beto, "Tu postura").first.select_option(label="A favor")
        field(beto, "Comentario").fill("Así sabremos cuánto cuesta cada obra.")
        j.submit(beto, "Publicar comentario")
        j.message(beto, "Tu comentario se publicó.")
        j.go(caro, proposals[0])
        field(caro, "Comentario").fill("Los de la colonia de junto son unos rateros.")
        j.submit(caro, "Publicar comentario")
        j.message(caro, "Tu comentario se publicó.")
        visitor = j.visitor()
        j.go(visitor, consultation + "/")
        card = visitor.locator("article.proposal-card", has_text="Publicar los contratos")
        assert "2 apoyos" in card.inner_text(), card.inner_text()  # seen by anyone
        visitor.context.close()

    with j.steps("3 a citizen reports a comment"):
        j.go(ana, proposals[0])
        offensive = ana.locator("article.comment", has_text="rateros")
        offensive.get_by_text("Reportar este comentario").click()
        field(offensive, "¿Qué tiene de abusivo?").fill("Insulta a los vecinos.")
        offensive.get_by_role("button", name="Reportar").click()
        j.message(ana, "Gracias: la moderación revisará el comentario.")
        offensive = ana.locator("article.comment", has_text="rateros")
        offensive.get_by_text("Reportar este comentario").click()
        field(offensive, "¿Qué tiene de abusivo?").fill("Otra vez.")
        offensive.get_by_role("button", name="Reportar").click()
        j.sees(ana, "ya")  # reporting the same comment twice says so

    with j.steps("3 the moderator handles it in the moderation queue"):
        exercise = consultation.split("/consultas/")[0]
        moderator = j.sign_in("moderator", MODERATOR)
        j.go(moderator, f"{exercise}/moderacion/")
        j.heading(moderator, "Reportes por moderar")
        item = moderator.locator("article", has_text="rateros")
        assert "Insulta a los vecinos." in item.inner_text()
        field(item, "Ocultar, con un motivo público").check()
        field(item, "Motivo público").fill("Insulta a otras personas.")
        item.get_by_role("button", name="Aplicar").click()
        j.message(moderator, SAVED)
        j.sees(moderator, "No hay reportes pendientes en este ejercicio.")
        visitor = j.visitor()
        j.go(visitor, proposals[0])
        j.sees(visitor, "Comentario oculto por moderación: Insulta a otras personas.")
        j.sees_not(visitor, "rateros")
        j.sees(visitor, "Así sabremos cuánto cuesta cada obra.")
        visitor.context.close()
    return proposals


def _place(page: Any, place: str) -> None:
    """The place, typed, or chosen when the consultation lists its places."""
    box = field(page, "Lugar")
    if box.evaluate("e => e.tagName") == "SELECT":
        box.select_option(label=place)
    else:
        box.fill(place)


# --- 4. Systematization -----------------------------------------------------------------------


def _coordinator_systematizes(
    j: Journey, consultation: str, proposals: list[str], minutes: Path
) -> str:
    coordinator = j.pages["coordinator"]
    ids = [p.rstrip("/").rsplit("/", 1)[-1] for p in proposals]
    with j.steps("4 coordinator groups proposals into a problem"):
        j.go(coordinator, consultation + "/sistematizacion/")
        j.heading(coordinator, "Sistematización de la consulta")
        figures = " ".join(coordinator.locator("ul.figures").inner_text().split())
        assert "3 personas participantes 3 propuestas 3 apoyos" in figures, figures
        by_axis = coordinator.get_by_role("table", name="Participación por eje")
        obra = by_axis.get_by_role("row", name=re.compile("Obra pública"))
        assert obra.inner_text().split() == ["Obra", "pública", "2", "3"], obra.inner_text()
        coordinator.get_by_role("link", name="Nueva problemática").click()
        field(coordinator, "Problemática").fill("Opacidad en la obra pública")
        field(coordinator, "Descripción").fill("No se sabe cuánto cuesta ni quién la hace.")
        field(coordinator, "Eje").select_option(label="Obra pública")
        j.submit(coordinator, "Guardar")
        j.heading(coordinator, "Problemática: Opacidad en la obra pública")
        problem = j.path(coordinator)
        coordinator.get_by_role("link", name="Agrupar propuestas").click()
        field(coordinator, "Números de las propuestas").fill(f"{ids[0]}, {ids[1]}")
        j.submit(coordinator, "Guardar")
        j.message(coordinator, SAVED)
        j.sees(coordinator, "Publicar los contratos de obra pública")
        j.sees(coordinator, "Bitácora abierta de cada obra")

    with j.steps("4 coordinator publishes reasoned responses"):
        j.go(coordinator, proposals[2] + "respuesta/")
        j.heading(coordinator, "Respuesta razonada")
        field(coordinator, "Respuesta").select_option(label="No incorporada")
        field(coordinator, "Respuesta razonada").fill(
            "La seguridad pública no está en el alcance de este plan; se turnó a la comisión."
        )
        j.submit(coordinator, "Guardar")
        j.message(coordinator, SAVED)
        caro = j.pages[CITIZENS[2]]
        j.go(caro, proposals[2])  # the proposer reads the answer on her proposal
        j.sees(caro, "No incorporada")
        j.sees(caro, "se turnó a la comisión")
        ana = j.pages[CITIZENS[0]]
        j.go(ana, proposals[1])
        j.sees(ana, "Agrupada en una problemática")
        j.sees(ana, "Problemática: Opacidad en la obra pública")

    with j.steps("4 coordinator records a working table with minutes and attendance"):
        j.go(coordinator, problem)
        coordinator.get_by_role("link", name="Registrar mesa de trabajo").click()
        j.heading(coordinator, "Mesa de trabajo")
        form = coordinator.locator("main form")
        form.get_by_label(re.compile("^Fecha")).first.fill(_iso(-1))
        field(form, "Lugar").fill("Auditorio del instituto")
        _attendance(j, coordinator)
        upload = form.locator("input[type=file]")
        if upload.count():
            upload.first.set_input_files(str(minutes))
        else:
            j.gap(
                "the working table page (…/problematicas/<n>/mesas/nueva/) has no PDF minutes "
                "upload, only a link (issue item 12)"
            )
        form.get_by_label(re.compile("Resultado|Acuerdos|Conclusi", re.I)).first.fill(
            "Publicar contratos y bitácoras de obra en formato abierto."
        )
        j.submit(coordinator, "Guardar")
        j.message(coordinator, SAVED)
        j.sees(coordinator, "Auditorio del instituto")
        j.table = j.path(coordinator) if "/mesas/" in j.path(coordinator) else ""
    return problem


def _attendance(j: Journey, page: Any) -> None:
    """Attendance by sector (numbers) and by organization, as the working table page asks."""
    for label, count in (("obierno|úblico", "4"), ("ociedad civil", "6"), ("arante", "2")):
        inputs = page.locator("main form").get_by_label(re.compile(label))
        if not inputs.count():
            j.gap(f"the working table page asks no attendance for /{label}/")
            continue
        inputs.first.fill(count)
    form = page.locator("main form")
    if field(form, "Organización 1").count():  # one row per organization, with its people
        field(form, "Organización 1").select_option(label=INSTITUTION)
        field(form, "Personas de la organización 1").fill("3")
    elif field(form, "Organizaciones").count():
        field(form, "Organizaciones").select_option(label=INSTITUTION)
    else:
        j.gap("the working table page records no attendance by organization")


# --- 5. The plan ------------------------------------------------------------------------------


def _coordinator_makes_the_plan(
    j: Journey,
    ex: str,
    consultation: str,
    proposals: list[str],
    problem: str,
    institution: str,
) -> str:
    coordinator = j.pages["coordinator"]
    plan = f"{ex}/planes/1"
    with j.steps("5 coordinator creates the plan and its axes"):
        j.go(coordinator, f"{ex}/planes/nuevo/")
        j.heading(coordinator, re.compile("plan de acción", re.I))
        field(coordinator, "Número").fill("1")
        field(coordinator, "Nombre").fill(PLAN)
        coordinator.get_by_label(re.compile("Inicio del periodo|Inicio", re.I)).first.fill(_iso())
        coordinator.get_by_label(re.compile("Fin del periodo|Fin", re.I)).first.fill(_iso(365))
        field(coordinator, "Estado").select_option(label="Borrador (no público)")
        j.submit(coordinator, "Guardar")
        j.heading(coordinator, PLAN)
        j.go(coordinator, plan + "/ejes/")
        j.heading(coordinator, "Ejes del plan")
        for axis in ("Transparencia en obra pública", "Participación ciudadana"):
            field(coordinator, "Nombre del eje").fill(axis)
            j.submit(coordinator, "Agregar eje")
            j.message(coordinator, SAVED)
            assert coordinator.get_by_role("rowheader", name=axis).is_visible()
        visitor = j.visitor()
        j.go(visitor, plan + "/", expect_status=404)  # a draft is nobody else's business yet
        visitor.context.close()

    with j.steps("5 coordinator writes the commitment and its milestones"):
        j.go(coordinator, plan + "/compromisos/nuevo/")
        # The form names the plan it adds to.
        j.heading(coordinator, re.compile(f"^Nuevo compromiso\\W+{re.escape(PLAN)}$"))
        field(coordinator, "Número").fill("1")
        field(coordinator, "Título").fill(COMMITMENT)
        field(coordinator, "Problema público").fill("Los contratos no son públicos.")
        field(coordinator, "Objetivo").fill("Publicar contratos y bitácoras de obra.")
        field(coordinator, "Institución responsable").select_option(label=INSTITUTION)
        field(coordinator, "Persona responsable").fill("Ing. Pedro Ramírez")
        coordinator.get_by_role("checkbox", name="Transparencia en obra pública").check()
        coordinator.get_by_label(re.compile("^Inicio|Fecha de inicio")).first.fill(_iso())
        coordinator.get_by_label(re.compile("^Fin|Fecha de (fin|término)")).first.fill(_iso(300))
        coordinator.get_by_role("checkbox", name="Publicado").check()
        j.submit(coordinator, "Guardar")
        j.heading(coordinator, f"Compromiso 1: {COMMITMENT}")
        commitment = j.path(coordinator)
        milestones = (
            ("1", "Portal de contratos de obra publicado", 60),  # done by the first report
            ("2", "Bitácoras de obra en formato abierto", 5),  # still pending: due this week
        )
        for number, deliverable, due in milestones:
            coordinator.get_by_role("link", name="Agregar hito").click()
            j.heading(
                coordinator, re.compile(f"^Nuevo hito\\W+Compromiso 1: {re.escape(COMMITMENT)}")
            )
            field(coordinator, "Número").fill(number)
            field(coordinator, "Entregable verificable").fill(deliverable)
            field(coordinator, "Responsable").fill("Dirección de Obra Pública")
            coordinator.get_by_label(re.compile("^Inicio|Fecha de inicio")).first.fill(_iso())
            coordinator.get_by_label(re.compile("^Fin|Fecha de (fin|término)")).first.fill(
                _iso(due)
            )
            j.submit(coordinator, "Guardar")
            j.message(coordinator, SAVED)
            j.sees(coordinator, f"{number}. {deliverable}")

    with j.steps("5 coordinator ties the problem and the proposals to the commitment"):
        j.go(coordinator, problem + "editar/")
        coordinator.get_by_role("checkbox", name=re.compile(COMMITMENT)).check()
        j.submit(coordinator, "Guardar")
        j.sees(coordinator, COMMITMENT)
        j.go(coordinator, proposals[0] + "respuesta/")
        field(coordinator, "Respuesta").select_option(label="Incorporada a un compromiso")
        field(coordinator, "Respuesta razonada").fill("Se incorporó como compromiso 1.")
        field(coordinator, "Compromiso").select_option(label=f"1. {COMMITMENT}")
        j.submit(coordinator, "Guardar")
        j.message(coordinator, SAVED)
        assert coordinator.get_by_role("link", name=re.compile(COMMITMENT)).count()

    with j.steps("5 coordinator records the commitment the working table produced"):
        if j.table:
            j.go(coordinator, j.table + "editar/")
            coordinator.get_by_role("checkbox", name=re.compile(COMMITMENT)).check()
            j.submit(coordinator, "Guardar")
            j.message(coordinator, SAVED)
        else:
            j.gap("a working table has no page of its own to tie it to the commitments it produced")

    with j.steps("5 coordinator names the liaison by e-mail"):
        j.go(coordinator, f"/organizaciones/{institution}/enlaces/")
        j.heading(coordinator, re.compile(r"^Enlaces (y administración )?de la institución"))
        field(coordinator, "Correo de la cuenta").fill(LIAISON)
        j.submit(coordinator, "Nombrar")
        j.message(coordinator, SAVED)
        assert coordinator.get_by_role("rowheader", name=re.compile(re.escape(LIAISON))).count()

    with j.steps("5 coordinator publishes the plan"):
        j.go(coordinator, plan + "/editar/")
        field(coordinator, "Estado").select_option(label="Publicado")
        j.submit(coordinator, "Guardar")
        j.message(coordinator, SAVED)
        visitor = j.visitor()
        j.go(visitor, plan + "/")
        j.heading(visitor, PLAN)
        j.sees(visitor, COMMITMENT)
        j.go(visitor, commitment)
        j.sees(visitor, "Portal de contratos de obra publicado")
        j.sees(visitor, "Problemática: Opacidad en la obra pública")  # where it comes from
        if "Auditorio del instituto" not in visitor.locator("main").inner_text():
            j.gap(
                "the commitment's public page does not show the working table that produced "
                "it (issue item 12)"
            )
        visitor.context.close()
    return commitment


# --- 6. Progress, its validation by civil society, and the watch page -------------------------


def _progress_is_reported_and_watched(j: Journey, ex: str, commitment: str) -> None:
    with j.steps("6 the liaison reports progress with evidence"):
        liaison = j.sign_in("liaison", LIAISON)
        for narrative, first, second, evidence in (
            ("Se publicó el portal de contratos.", "100", "20", "Captura del portal en línea"),
            ("Primeras bitácoras publicadas.", "100", "40", "Bitácoras de enero"),
        ):
            j.go(liaison, commitment)
            liaison.get_by_role("link", name="Presentar reporte de avance").click()
            j.heading(liaison, "Reporte de avance")
            field(liaison, "Fecha del reporte").fill(_iso())
            field(liaison, "Qué se avanzó").fill(narrative)
            liaison.get_by_label(re.compile("Avance del hito 1")).fill(first)
            liaison.get_by_label(re.compile("Avance del hito 2")).fill(second)
            field(liaison, "Evidencia 1: descripción").fill(evidence)
            field(liaison, "Evidencia 1: enlace").fill("https://obras.example/contratos")
            j.submit(liaison, "Guardar")
            j.message(liaison, SAVED)
            j.sees(liaison, narrative)
        # A milestone reported at 100 % is done, with the report's evidence (items 7 and 8).
        first = liaison.locator("ol.timeline > li").first.inner_text()
        if "Cumplido" not in first:
            j.gap(
                f"a milestone reported at 100 % is not done: {' '.join(first.split()[:12])!r} "
                "(issue item 7)"
            )
        if "Captura del portal en línea" not in first:
            j.gap("the evidence given in the progress report is not the milestone's (item 8)")

    with j.steps("6 civil society disputes one report and validates the other"):
        civil = j.sign_in("civil", CIVIL)
        for narrative, verdict, note in (
            ("Se publicó el portal de contratos.", "Cuestionado", "El portal no abre."),
            ("Primeras bitácoras publicadas.", "Validado", ""),
        ):
            j.go(civil, commitment)
            report = civil.locator("article.report", has_text=narrative)
            report.get_by_role("link", name="Validar o cuestionar").click()
            j.heading(civil, "Validar o cuestionar el reporte")
            civil.get_by_label(verdict).check()
            field(civil, "Nota").fill(note)  # a validation needs no note
            j.submit(civil, "Guardar")
            j.message(civil, SAVED)
        j.sees(civil, "El portal no abre.")

    with j.steps("6 the liaison answers the dispute"):
        j.go(liaison, commitment)
        report = liaison.locator("article.report", has_text="Se publicó el portal de contratos.")
        report.get_by_role("link", name="Responder al cuestionamiento").click()
        field(liaison, "Respuesta de la institución").fill(
            "El portal cambió de dirección; ya abre en la nueva."
        )
        j.submit(liaison, "Guardar")
        j.message(liaison, SAVED)
        j.sees(liaison, "ya abre en la nueva")

    with j.steps("6 the coordination watches the deadlines and runs the checks now"):
        coordinator = j.pages["coordinator"]
        j.go(coordinator, f"{ex}/vigilancia/")
        j.heading(coordinator, "Vigilancia de plazos")
        due = coordinator.get_by_role("row", name=re.compile("Hitos que vencen esta semana"))
        count = due.get_by_role("cell").inner_text().strip()
        assert count == "1", f"milestones due this week: {count}"
        j.sees(coordinator, COMMITMENT)
        coordinator.get_by_role("button", name="Revisar las reglas ahora").click()
        j.message(coordinator, "Reglas revisadas:")


def _main(page: Any) -> str:
    return str(page.locator("main").inner_text())


# --- 7. Assessment and the published shadow report --------------------------------------------


def _assessed_and_published(
    j: Journey, ex: str, commitment: str, consultation: str, proposals: list[str]
) -> None:
    with j.steps("7 the assessor records an assessment"):
        assessor = j.sign_in("assessor", ASSESSOR)
        j.go(assessor, commitment)
        assessor.get_by_role("link", name="Evaluar (estilo MRI)").click()
        j.heading(assessor, "Evaluación del compromiso")
        field(assessor, "Fecha de la evaluación").fill(_iso())
        for label in ("Especificidad", "Impacto potencial", "Cumplimiento"):
            assessor.get_by_label(label).select_option(index=1)
        assessor.get_by_role("checkbox", name="Relevante: acceso a la información").check()
        field(assessor, "Notas").fill("Compromiso verificable y relevante.")
        j.submit(assessor, "Guardar")
        j.message(assessor, SAVED)

    with j.steps("7 the anonymous visitor reads the shadow report and the commitment"):
        visitor = j.visitor()
        j.go(visitor, f"{ex}/informe-sombra/")
        j.heading(visitor, f"Informe sombra: {EXERCISE}")
        row = visitor.get_by_role("row", name=re.compile(re.escape(COMMITMENT)))
        assert INSTITUTION in row.inner_text(), row.inner_text()
        current = visitor.get_by_role("row", name=re.compile("Vigentes"))
        assert "1" in current.inner_text(), current.inner_text()
        j.go(visitor, f"{ex}/planes/1/evaluaciones/")
        j.sees(visitor, COMMITMENT)
        j.go(visitor, commitment)
        j.heading(visitor, f"Compromiso 1: {COMMITMENT}")
        for seen in (
            INSTITUTION,
            "Portal de contratos de obra publicado",
            "Se publicó el portal de contratos.",
            "Cuestionado",
            "El portal no abre.",
            "ya abre en la nueva",
            "Validado",
        ):
            j.sees(visitor, seen)
        j.go(visitor, proposals[0])  # the proposer's proposal links down to the commitment
        j.sees(visitor, "Incorporada a un compromiso")
        assert visitor.get_by_role("link", name=re.compile(COMMITMENT)).count()
        j.go(visitor, consultation + "/sistematizacion/")
        j.sees(visitor, "Opacidad en la obra pública")
        visitor.context.close()


# --- 8. Citizens' reports: categories and days off per state, filing, handling ----------------


def _next_weekday() -> dt.date:
    day = _today() + dt.timedelta(days=1)
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def _coordinator_manages_report_categories(j: Journey, ex: str) -> dt.date:
    """The category, its two questions and the state's day off; returns that day."""
    coordinator = j.pages["coordinator"]
    with j.steps("8 coordinator creates a report category for the institution"):
        j.go(coordinator, f"{ex}/")
        tab = coordinator.get_by_role("link", name="Categorías de reporte", exact=True)
        if tab.count():
            tab.click()
        else:
            j.gap("the exercise's pages have no tab «Categorías de reporte»")
            j.go(coordinator, f"/reportes/categorias/?ejercicio={ex.rsplit('/', 1)[-1]}")
        j.heading(coordinator, "Categorías de reporte: Jalisco")  # the exercise's state
        coordinator.get_by_role("link", name="Nueva categoría").click()
        j.heading(coordinator, "Nueva categoría de reporte")
        field(coordinator, "Nombre").fill(CATEGORY)
        field(coordinator, "Código").fill("jal-obra-detenida")
        field(coordinator, "Entidad").select_option(label="Jalisco")
        field(coordinator, "Institución responsable").select_option(label=INSTITUTION)
        # One working day: the state's day off added below is what moves the deadline.
        field(coordinator, "Días hábiles para responder").fill("1")
        field(coordinator, "Descripción").fill("Obras suspendidas o abandonadas sin aviso.")
        j.submit(coordinator, "Guardar")
        j.heading(coordinator, CATEGORY)
        j.sees(coordinator, INSTITUTION)
        j.sees(coordinator, "1 día hábil")

    with j.steps("8 coordinator adds a public and a private question"):
        for question, kind, public in (
            (PUBLIC_QUESTION, "una opción de una lista", True),
            (PRIVATE_QUESTION, "texto corto", False),
        ):
            field(coordinator, "Pregunta").fill(question)
            field(coordinator, "Tipo").select_option(label=kind)
            if public:
                field(coordinator, "Opciones (para listas)").fill("Menos de un mes\nMás de un mes")
                field(coordinator, "Obligatorio").check()
                field(coordinator, "Respuesta pública").check()
            j.submit(coordinator, "Agregar la pregunta")
            j.message(coordinator, SAVED)
            j.heading(coordinator, CATEGORY)
            row = coordinator.get_by_role("row", name=re.compile(re.escape(question)))
            shown = "pública" if public else "solo para quien atiende"
            assert shown in row.inner_text(), row.inner_text()

    with j.steps("8 coordinator adds a state non-working day"):
        day_off = _next_weekday()
        j.go(coordinator, "/reportes/categorias/?entidad=jalisco")
        coordinator.get_by_role(
            "link", name="Días inhábiles de la entidad (agregar o quitar)"
        ).click()
        j.heading(coordinator, "Días inhábiles")
        j.sees(coordinator, "Agregar un día inhábil en Jalisco")
        field(coordinator, "Fecha").fill(day_off.isoformat())
        field(coordinator, "Motivo").fill(DAY_OFF)
        j.submit(coordinator, "Agregar")
        j.message(coordinator, SAVED)
        field(coordinator, "Año").select_option(str(day_off.year))  # the next day may be in January
        j.submit(coordinator, "Ver")
        row = coordinator.get_by_role("row", name=re.compile(DAY_OFF))
        assert "Jalisco" in row.inner_text(), row.inner_text()
        assert row.get_by_role("button", name=re.compile("Quitar")).count()
    return day_off


def _citizen_files_a_report(j: Journey, day_off: dt.date) -> str:
    """An anonymous citizen files a report one question per page, checks the answers and
    sends it; the tracking address on the receipt, kept."""
    with j.steps("8 an anonymous citizen files a report answering both questions"):
        visitor = j.visitor()
        j.go(visitor, "/reportes/nuevo/")
        j.heading(visitor, "¿Qué quieres reportar?")
        visitor.get_by_label("Entidad").select_option(label="Jalisco")
        visitor.get_by_role("button", name="Ver sus categorías").click()
        visitor.get_by_role("radio", name=CATEGORY, exact=True).check()
        j.submit(visitor, "Continuar")
        j.heading(visitor, "¿Qué pasa?")
        j.sees(visitor, CATEGORY)
        field(visitor, "¿Qué pasa?").fill("La obra de la avenida lleva semanas sin trabajadores.")
        j.submit(visitor, "Continuar")
        j.heading(visitor, "Cuéntanos un poco más")  # the category's own questions
        group = visitor.get_by_role("group", name=re.compile(re.escape(PUBLIC_QUESTION)))
        answer = group if group.count() else visitor.locator("main form")
        answer.get_by_role("radio", name="Más de un mes").check()
        field(visitor, PRIVATE_QUESTION).fill(PRIVATE_ANSWER)
        j.submit(visitor, "Continuar")
        j.heading(visitor, "¿Dónde?")
        field(visitor, "Dirección o referencia del lugar").fill("Av. Juárez y Calle 8, Guadalajara")
        j.submit(visitor, "Continuar")
        j.heading(visitor, "Fotos")
        j.submit(visitor, "Continuar")
        j.heading(visitor, "¿Cómo te avisamos?")
        field(visitor, "Correo para avisarte del avance (opcional)").fill(REPORTER)
        j.submit(visitor, "Continuar")
        j.heading(visitor, "Revisa tu reporte")
        for seen in ("Más de un mes", PRIVATE_ANSWER, "Av. Juárez y Calle 8", REPORTER):
            j.sees(visitor, seen)
        j.submit(visitor, "Enviar reporte")
        j.heading(visitor, "Reporte enviado")
        j.sees(visitor, "Guarda esta dirección para seguirlo")
        tracking = str(visitor.locator("main code").first.inner_text()).strip()
        assert re.fullmatch(re.escape(j.base_url) + r"/reportes/\d+/", tracking), tracking
        assert REPORTER not in visitor.locator("main").inner_text()
        visitor.goto(tracking)
        j.heading(visitor, CATEGORY)
        j.sees(visitor, INSTITUTION)
        # The state's day off does not count: one working day falls after it.
        expected = visitor.locator("dt:has-text('Respuesta esperada') + dd time")
        due = dt.datetime.fromisoformat(str(expected.get_attribute("datetime"))).date()
        assert due > day_off, f"due {due}: the state's day off {day_off} was counted"
        # The receipt waits in the mail queue; it is not sent inside the request.
        assert not [m for m in mail.outbox if REPORTER in m.to], "a receipt sent in the request"
        visitor.context.close()
    return tracking


def _liaison_handles_the_report(j: Journey, tracking: str) -> None:
    report = j.path_of(tracking)
    number = report.strip("/").rsplit("/", 1)[-1]
    liaison = j.pages["liaison"]
    with j.steps("8 the liaison finds the report in the queue and reads both answers"):
        j.go(liaison, "/reportes/bandeja/")
        j.heading(liaison, "Bandeja de reportes")
        row = liaison.get_by_role("row", name=re.compile(re.escape(CATEGORY)))
        assert "recibido" in row.inner_text(), row.inner_text()
        row.get_by_role("link", name=number, exact=True).click()
        j.heading(liaison, f"Reporte {number}: {CATEGORY}")
        j.sees(liaison, "Respuestas a las preguntas de la categoría")
        for seen in (PUBLIC_QUESTION, "Más de un mes", PRIVATE_QUESTION, PRIVATE_ANSWER, REPORTER):
            j.sees(liaison, seen)

    with j.steps("8 the liaison moves the report on with a public note"):
        field(liaison, "Nuevo estado").select_option(label="en atención")
        field(liaison, "Nota pública").fill("Supervisión de obra visitará el sitio esta semana.")
        j.submit(liaison, "Guardar el paso")
        j.message(liaison, SAVED)
        j.sees(liaison, "en atención")

    with j.steps("8 the anonymous visitor follows the report: public answers only"):
        visitor = j.visitor()
        j.go(visitor, report)
        j.heading(visitor, f"Reporte {number}: {CATEGORY}")
        for seen in (
            "en atención",
            "visitará el sitio esta semana",
            PUBLIC_QUESTION,
            "Más de un mes",
        ):
            j.sees(visitor, seen)
        for unseen in (PRIVATE_QUESTION, PRIVATE_ANSWER, REPORTER, "Av. Juárez"):
            j.sees_not(visitor, unseen)
        visitor.context.close()


def _reporter_mail_was_queued(tracking: str) -> None:
    """After the browser: the receipt (with the tracking address) and the step's e-mail wait in
    the mail queue for the worker; none went out inside a request."""
    from mailer.models import Message

    queued = [m for m in Message.objects.all() if REPORTER in m.to_addresses]
    receipts = [m for m in queued if m.subject.startswith("Recibimos tu reporte")]
    assert len(receipts) == 1, [m.subject for m in queued]
    path = tracking.split("://", 1)[-1].split("/", 1)[-1]
    assert f"/{path}" in receipts[0].email.body, receipts[0].email.body
    assert len(queued) == 2, [m.subject for m in queued]  # the receipt and the step
    assert not [m for m in mail.outbox if REPORTER in m.to], "an e-mail to the reporter was sent"
