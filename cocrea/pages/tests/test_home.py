"""The home page leads with what a citizen can do today, then the national picture and map."""

import datetime as dt
from unittest import mock

import pytest
from django.test import Client
from django.urls import NoReverseMatch
from django.utils import timezone

from cocrea.core.models import Territory, TerritoryLevel
from cocrea.core.tests.factories import state
from cocrea.exercises.models import Stage
from cocrea.exercises.tests.factories import ExerciseFactory
from cocrea.pages import selectors
from cocrea.participation.tests.factories import ConsultationFactory
from cocrea.plans.models import CommitmentStatus, PlanStatus
from cocrea.plans.tests.factories import CommitmentFactory, PlanFactory
from cocrea.reports.services import Filing, report_create
from cocrea.reports.tests.factories import CategoryFactory

pytestmark = pytest.mark.django_db


def _home() -> str:
    response = Client().get("/")
    assert response.status_code == 200
    return response.content.decode()


def _section(body: str, anchor: str) -> str:
    start = body.index(f'id="{anchor}"')
    return body[start : body.index("</ul>", start)]


def _due(days: int, **extra):
    return CommitmentFactory(end_on=timezone.localdate() + dt.timedelta(days=days), **extra)


def _municipality() -> Territory:
    return Territory.objects.create(
        level=TerritoryLevel.MUNICIPALITY,
        name="Zapopan",
        inegi_code="14120",
        slug="zapopan",
        parent=state("14"),
    )


def test_an_empty_platform_says_so_in_plain_spanish():
    body = _home()
    assert "No hay consultas abiertas ahora." in _section(body, "consultas-abiertas")
    assert "Ningún compromiso vence en estos días." in _section(body, "compromisos-por-vencer")
    assert "Aún no hay reportes ciudadanos." in _section(body, "reportes-recientes")


def test_three_actions_and_a_search_come_first():
    body = _home()
    actions = body[
        body.index('class="home-actions"') : body.index("</ul>", body.index("home-actions"))
    ]
    assert 'href="#consultas-abiertas">Participa</a>' in actions
    assert 'href="/reportes/nuevo/">Reporta un problema</a>' in actions
    assert 'href="#compromisos-por-vencer">Sigue un compromiso</a>' in actions
    form = body[body.index('<form class="home-search"') :].split("</form>")[0]
    assert 'method="get"' in form and 'name="q"' in form and 'for="home-q"' in form
    assert 'action="/buscar/"' in form  # `search:results`, or its address until it is mounted
    # What is open now comes before the national picture.
    assert body.index("home-actions") < body.index('id="consultas-abiertas"')
    assert body.index('id="reportes-recientes"') < body.index('id="panorama"')


def test_open_consultations_link_to_proposing_and_supporting():
    exercise = ExerciseFactory(name="GA Jalisco", slug="jalisco")
    ConsultationFactory(exercise=exercise, title="Consulta abierta", slug="abierta")
    now = timezone.now()
    ConsultationFactory(
        exercise=exercise,
        title="Consulta cerrada",
        opens_at=now - dt.timedelta(days=30),
        closes_at=now - dt.timedelta(days=1),
    )
    ConsultationFactory(exercise=exercise, title="Consulta futura", opens_at=now + dt.timedelta(1))
    section = _section(_home(), "consultas-abiertas")
    assert "Consulta abierta" in section and "GA Jalisco" in section
    assert 'href="/ejercicios/jalisco/consultas/abierta/propuestas/nueva/"' in section
    assert 'href="/ejercicios/jalisco/consultas/abierta/">Apoya propuestas' in section
    assert "recibe propuestas y apoyos hasta el" in section and "0 propuestas" in section
    assert "Consulta cerrada" not in section and "Consulta futura" not in section


def test_commitments_due_soon_are_public_open_and_near():
    soon = _due(10, title="Vence pronto")
    _due(5, title="Antes", status=CommitmentStatus.IN_PROGRESS)
    _due(200, title="Vence lejos")
    _due(-1, title="Ya venció")
    _due(3, title="Cumplido", status=CommitmentStatus.COMPLETED)
    _due(3, title="Retirado", status=CommitmentStatus.WITHDRAWN)
    _due(3, title="Sin publicar", is_published=False)
    _due(3, title="En borrador", plan=PlanFactory(status=PlanStatus.DRAFT))
    section = _section(_home(), "compromisos-por-vencer")
    plan = soon.plan
    url = f"/ejercicios/{plan.exercise.slug}/planes/{plan.number}/compromisos/{soon.number}/"
    assert f'href="{url}">Vence pronto</a>' in section
    assert section.index("Antes") < section.index("Vence pronto")
    for hidden in ("Vence lejos", "Ya venció", "Cumplido", "Retirado", "Sin publicar", "borrador"):
        assert hidden not in section


def test_recent_reports_show_only_public_fields():
    category = CategoryFactory(name="Bache en la calle")
    filing = Filing(
        category=category,
        description="Un hoyo enorme frente a mi casa",
        address="Av. Patria 1234",
        first_name="Rosa",
        last_name="Pérez",
        email="rosa@example.org",
        phone="3312345678",
        municipality=_municipality(),
    )
    report = report_create(filing=filing)
    section = _section(_home(), "reportes-recientes")
    assert f'href="/reportes/{report.pk}/">Bache en la calle</a>' in section
    assert "recibido" in section and "Zapopan" in section
    for private in ("hoyo", "Patria", "Rosa", "Pérez", "rosa@example.org", "3312345678"):
        assert private not in section


def test_the_national_table_puts_the_name_first_and_the_codes_last():
    ExerciseFactory(territory=state("09"), stage=Stage.PLAN_PUBLISHED, name="GA CDMX", slug="cdmx")
    body = _home()
    table = body[body.index("<caption>Etapa del ejercicio") : body.index("</table>")]
    headers = table[table.index("<thead>") : table.index("</thead>")]
    assert headers.index("Entidad") < headers.index("Ejercicio") < headers.index("Clave INEGI")
    row = table[table.index('<th scope="row">Ciudad de México') :].split("</tr>")[0]
    assert '<a href="/ejercicios/cdmx/">GA CDMX</a>' in row
    assert row.index("GA CDMX") < row.index("<td>09</td>") < row.index("<td>MX-CMX</td>")
    assert table.count('<th scope="row">') == 32


def test_the_map_links_each_state_with_an_exercise_by_its_platform_name():
    ExerciseFactory(territory=state("09"), stage=Stage.PLAN_PUBLISHED, slug="cdmx")
    ExerciseFactory(territory=state("14"), stage=Stage.SECRETARIAT_INSTALLED, slug="jalisco")
    body = _home()
    svg = body[body.index('<svg xmlns="http://www.w3.org/2000/svg" class="statemap-svg"') :]
    svg = svg[: svg.index("</svg>")]
    assert svg.count("<path ") == 32
    assert svg.count("<a ") == 2
    assert '<a href="/ejercicios/cdmx/"><title>Ciudad de México: Plan publicado</title>' in svg
    assert '<a href="/ejercicios/jalisco/"><title>Jalisco: Secretariado instalado</title>' in svg
    assert "Mexico City" not in body
    legend = body[body.index('class="statemap-legend"') : body.index("</figcaption>")]
    assert "Plan de acción publicado (1)" in legend and "Sin ejercicio registrado (30)" in legend
    assert "Victor Cazanave" in legend and "CC BY 4.0" in legend


def test_without_the_outlines_the_table_stays(settings, tmp_path):
    settings.NODE_MODULES = tmp_path
    ExerciseFactory(territory=state("14"), stage=Stage.PLAN_PUBLISHED, slug="jalisco")
    body = _home()
    assert "statemap" not in body.split("</main>")[0].split("<main")[1]
    assert body.count('<th scope="row">') == 32
    assert 'href="/ejercicios/jalisco/"' in body


def test_the_selector_reads_at_the_moment_asked():
    consultation = ConsultationFactory()
    later = consultation.closes_at + dt.timedelta(minutes=1)
    assert selectors.open_consultations(now=timezone.now()) == [consultation]
    assert selectors.open_consultations(now=later) == []


@pytest.mark.parametrize("n", [2, 20])
def test_the_home_page_runs_a_fixed_number_of_queries(django_assert_num_queries, n):
    category = CategoryFactory()
    for i in range(n):
        exercise = ExerciseFactory(territory=state(f"{i % 32 + 1:02}"), stage=Stage.IMPLEMENTATION)
        ConsultationFactory(exercise=exercise)
        _due(i % 30, plan=PlanFactory(exercise=exercise))
        report_create(filing=Filing(category=category, address="Av. Juárez 1"))
    # The picture, the states, the cuts, the national exercise; open consultations, commitments
    # due and reports: the same for 2 records of each and for 20.
    with django_assert_num_queries(7):
        body = _home()
    assert body.count("Apoya propuestas") == min(n, selectors.SHOWN)


def test_the_search_form_keeps_its_address_before_search_is_mounted():
    with mock.patch("cocrea.pages.views.reverse", side_effect=NoReverseMatch):
        body = _home()
    assert '<form class="home-search" method="get" action="/buscar/"' in body
