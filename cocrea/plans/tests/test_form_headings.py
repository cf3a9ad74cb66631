"""Officials' forms name the record they act on, in the page's title and heading, and lead back
to that record: the breadcrumb trail ends at it and "Cancelar" returns to its page."""

import html
import re
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from cocrea.core.tests.helpers import client_for
from cocrea.exercises.models import ExerciseRole, SeatSector
from cocrea.exercises.tests.factories import ExerciseMembershipFactory
from cocrea.monitoring.tests.factories import ProgressReportFactory
from cocrea.plans.models import PlanAxis, PlanStage
from cocrea.plans.tests.factories import CommitmentFactory, MilestoneFactory, PlanFactory

pytestmark = pytest.mark.django_db

PLAN = "/ejercicios/jalisco-prueba/planes/1/"
COMMITMENT = PLAN + "compromisos/1/"


@pytest.fixture
def world(roles):
    own_org = roles.liaison.org_memberships.get().organization
    plan = PlanFactory(exercise=roles.exercise, number=1, name="Plan Jalisco Abierto")
    commitment = CommitmentFactory(
        plan=plan, number=1, title="Agua limpia para Tlaquepaque", lead_institution=own_org
    )
    MilestoneFactory(commitment=commitment, number=2, deliverable="Tablero de calidad del agua")
    return plan, commitment


@dataclass
class FormPage:
    title: str
    h1: str
    trail: list[str]
    cancel: str


def _found(pattern: str, text: str) -> str:
    match = re.search(pattern, text, re.S)
    assert match, pattern
    return match.group(1)


def _page(response: Any) -> FormPage:
    body = response.content.decode()
    main = body[body.index("<main") :]
    return FormPage(
        title=html.unescape(_found(r"<title>(.*?)</title>", body)),
        h1=html.unescape(re.sub(r"<[^>]+>", " ", _found(r"<h1>(.*?)</h1>", main))),
        trail=re.findall(r'<nav class="muted form-trail"[^>]*>.*?</nav>', main, re.S),
        cancel=_found(r'<a href="([^"]*)">Cancelar</a>', main),
    )


COMMITMENT_FORMS = [
    ("editar/", "Editar el compromiso", ""),
    ("ponderaciones/", "Ponderación de los hitos", "#hitos"),
    ("estado/", "Estado del compromiso", ""),
    ("hitos/nuevo/", "Nuevo hito", "#hitos"),
]


@pytest.mark.parametrize(("path", "title", "anchor"), COMMITMENT_FORMS)
def test_commitment_forms_name_the_commitment_and_go_back_to_it(roles, world, path, title, anchor):
    page = _page(client_for(roles.coordinator).get(COMMITMENT + path))
    named = "Compromiso 1: Agua limpia para Tlaquepaque"
    assert page.title.startswith(f"{title} · {named}")
    assert title in page.h1 and named in page.h1
    assert f'<a href="{COMMITMENT}">Compromiso 1</a>' in page.trail[0]
    assert f'<a href="{PLAN}">Plan Jalisco Abierto</a>' in page.trail[0]
    assert page.cancel == COMMITMENT + anchor


@pytest.mark.parametrize(
    ("path", "title"),
    [("hitos/2/editar/", "Actualizar el hito"), ("hitos/2/evidencia/", "Agregar evidencia")],
)
def test_milestone_forms_name_the_milestone_for_its_lead_liaison(roles, world, path, title):
    page = _page(client_for(roles.liaison).get(COMMITMENT + path))
    assert "Hito 2 del compromiso 1: Tablero de calidad del agua" in page.h1
    assert title in page.title and "Hito 2" in page.title
    assert page.cancel == COMMITMENT + "#hito-2"


@pytest.mark.parametrize(
    ("path", "cancel"),
    [
        ("editar/", PLAN),
        ("etapas/nueva/", PLAN),
        ("documentos/nuevo/", PLAN),
        ("compromisos/nuevo/", PLAN),
        ("ejes/nuevo/", PLAN + "ejes/"),
    ],
)
def test_plan_forms_name_the_plan_and_go_back_to_it(roles, world, path, cancel):
    page = _page(client_for(roles.secretariat).get(PLAN + path))
    assert "Plan Jalisco Abierto" in page.h1 and "Plan Jalisco Abierto" in page.title
    assert page.cancel == cancel


def test_a_stage_and_an_axis_page_lead_back_to_their_plan(roles, world):
    plan, _commitment = world
    stage = PlanStage.objects.create(plan=plan, name="Implementación", order=1)
    axis = PlanAxis.objects.create(plan=plan, name="Agua", order=1)
    client = client_for(roles.coordinator)
    assert _page(client.get(PLAN + f"etapas/{stage.pk}/editar/")).cancel == PLAN
    page = _page(client.get(PLAN + f"ejes/{axis.pk}/nombre/"))
    assert "«Agua»" in page.h1 and page.cancel == PLAN + "ejes/"


def test_a_new_plan_goes_back_to_the_exercise_plans(roles, world):
    page = _page(client_for(roles.coordinator).get("/ejercicios/jalisco-prueba/planes/nuevo/"))
    assert page.h1.strip() == "Nuevo plan de acción"
    assert page.cancel == "/ejercicios/jalisco-prueba/planes/"


@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 302), ("participant", 403), ("other_liaison", 403), ("liaison", 403)],
)
def test_the_named_forms_still_refuse_whoever_may_not_use_them(roles, world, who, status):
    client = Client() if who == "anonymous" else client_for(getattr(roles, who))
    assert client.get(COMMITMENT + "estado/").status_code == status


def test_bad_input_shows_the_named_form_again(roles, world):
    response = client_for(roles.coordinator).post(COMMITMENT + "hitos/nuevo/", {"number": ""})
    assert response.status_code == 400
    page = _page(response)
    assert page.title.startswith("Error:") and "Agua limpia" in page.title
    assert page.cancel == COMMITMENT + "#hitos"


# Monitoring's forms, on the same commitment.


def test_the_progress_report_names_the_commitment(roles, world):
    page = _page(client_for(roles.liaison).get(COMMITMENT + "reportes/nuevo/"))
    assert "Reporte de avance" in page.h1 and "Agua limpia para Tlaquepaque" in page.h1
    assert page.cancel == COMMITMENT + "#reportes"
    assert f'<a href="{COMMITMENT}">Compromiso 1</a>' in page.trail[0]


def test_the_review_and_the_assessment_name_the_commitment(roles, world):
    _plan, commitment = world
    report = ProgressReportFactory(commitment=commitment, reported_on="2020-06-01")
    civil = ExerciseMembershipFactory(
        exercise=roles.exercise, role=ExerciseRole.SECRETARIAT, sector=SeatSector.CIVIL_SOCIETY
    ).user
    page = _page(client_for(civil).get(COMMITMENT + f"reportes/{report.pk}/validar/"))
    assert "2020-06-01" in page.h1 and "Agua limpia para Tlaquepaque" in page.h1
    assert page.cancel == COMMITMENT + "#reportes"
    assessor = ExerciseMembershipFactory(exercise=roles.exercise, role=ExerciseRole.ASSESSOR).user
    page = _page(client_for(assessor).get(COMMITMENT + "evaluacion/"))
    assert "Agua limpia para Tlaquepaque" in page.h1 and page.cancel == COMMITMENT


def test_a_form_without_a_named_record_keeps_its_old_heading(roles):
    """Other apps' forms pass only a title and the exercise: link and "Cancelar" to it."""
    page = _page(client_for(roles.coordinator).get("/ejercicios/jalisco-prueba/editar/"))
    assert page.trail == []
    assert page.cancel == "/ejercicios/jalisco-prueba/"
