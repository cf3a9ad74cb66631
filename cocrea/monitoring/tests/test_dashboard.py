"""Dashboards: SVG charts with their tables and CSV, for the nation, an exercise, a plan and an
institution; the national figures of the 2020 cut computed from the records."""

import csv
import datetime as dt
import io

import pytest
from django.test import Client
from django.utils import timezone

from cocrea.core.models import Sector
from cocrea.core.tests.factories import OrganizationFactory, state
from cocrea.core.tests.helpers import streamed
from cocrea.exercises.models import Stage
from cocrea.exercises.tests.factories import ExerciseFactory, MemberFactory, SecretariatFactory
from cocrea.plans.models import Commitment
from cocrea.plans.tests.factories import CommitmentFactory, MilestoneFactory, PlanFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    plan = PlanFactory(exercise=ExerciseFactory(territory=state("14"), stage=Stage.PLAN_PUBLISHED))
    done = CommitmentFactory(plan=plan, pillar_transparency=True)
    Commitment.objects.filter(pk=done.pk).update(progress=100)
    late = CommitmentFactory(plan=plan, pillar_transparency=True, pillar_participation=True)
    MilestoneFactory(commitment=late, end_on=timezone.localdate() - dt.timedelta(days=3))
    CommitmentFactory(plan=plan)
    return plan


URLS = ["/tablero/", "/ejercicios/{slug}/tablero/", "/ejercicios/{slug}/planes/{n}/tablero/"]


@pytest.mark.parametrize("url", URLS)
def test_dashboards_show_charts_beside_their_tables(plan, url):
    body = Client().get(url.format(slug=plan.exercise.slug, n=plan.number)).content.decode()
    # No commitment has a theme: that chart says so in words; its (empty) table stays.
    assert body.count('role="img"') == 4
    assert body.count("Aún no hay datos para esta gráfica.") == 1
    assert body.count("<table data-own-csv>") == 5
    assert '<title id="avance-t">Distribución del avance</title>' in body
    assert '<th scope="row">Con algún hito vencido</th><td>1</td>' in body
    assert '<th scope="row">100 %</th><td>1</td>' in body
    assert '<th scope="row">Transparencia</th><td>2</td>' in body
    assert "pueden sumar más" in body


def test_csv_of_each_chart(plan):
    response = Client().get(f"/ejercicios/{plan.exercise.slug}/tablero/?csv=pilares")
    rows = list(csv.reader(io.StringIO(streamed(response).decode("utf-8-sig"))))
    assert rows[0] == ["Pilar", "Compromisos"]
    assert ["Transparencia", "2"] in rows
    assert Client().get("/tablero/?csv=nada").status_code == 404


def test_national_figures_are_computed_from_the_records(plan):
    civil = OrganizationFactory(sector=Sector.CIVIL_SOCIETY)
    guarantor = OrganizationFactory(sector=Sector.GUARANTOR)
    OrganizationFactory(sector=Sector.CIVIL_SOCIETY)  # takes part in nothing: not counted
    secretariat = SecretariatFactory(exercise=plan.exercise)
    MemberFactory(secretariat=secretariat, organization=civil)
    MemberFactory(secretariat=secretariat, organization=guarantor)
    body = Client().get("/tablero/").content.decode()
    for text in (
        "<strong>1</strong> entidad con ejercicio",
        "<strong>1</strong> secretariado instalado",
        "<strong>1</strong> plan de acción",
        "<strong>3</strong> compromisos",
        "<strong>1</strong> organización de la sociedad civil",
        "<strong>1</strong> órgano garante",
        "<strong>3</strong> autoridades",
    ):
        assert text in body, text


def test_institution_dashboard(plan):
    commitment = Commitment.objects.filter(plan=plan).first()
    assert commitment is not None
    organization = commitment.lead_institution
    body = Client().get(f"/organizaciones/{organization.slug}/tablero/").content.decode()
    assert organization.name in body and body.count('role="img"') == 4


@pytest.mark.parametrize("n", [3, 30])
def test_dashboard_queries_do_not_grow(django_assert_max_num_queries, django_assert_num_queries, n):
    plan = PlanFactory()
    for _ in range(n):
        MilestoneFactory(commitment=CommitmentFactory(plan=plan))
    url = f"/ejercicios/{plan.exercise.slug}/planes/{plan.number}/tablero/"
    with django_assert_num_queries(4):  # plan; counts and flags, pillar statistics, themes
        assert Client().get(url).status_code == 200
    with django_assert_num_queries(1):  # warm
        assert Client().get(url).status_code == 200
    with django_assert_max_num_queries(20):
        assert Client().get("/tablero/").status_code == 200
