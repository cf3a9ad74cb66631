"""The commitment page lists the legislative processes that are the evidence of its milestones,
with their figures, in a fixed number of queries; a commitment without any shows nothing more."""

import pytest
from django.core.cache import cache
from django.test import Client

from cocrea.core.tests.factories import OrganizationFactory
from cocrea.lawmaking.models import AnswerStatus
from cocrea.lawmaking.tests.factories import ContributionFactory, ProcessFactory, process_with_text
from cocrea.plans.tests.factories import CommitmentFactory, MilestoneFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _cold_fragments():
    cache.clear()  # the commitment page's body is a cached fragment


def _get(commitment) -> str:
    response = Client().get(commitment.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def _section(body: str) -> str:
    start = body.index('<section aria-labelledby="procesos-legislativos">')
    return body[start : body.index("</section>", start)]


def test_the_process_shows_with_its_phase_figures_and_milestone():
    milestone = MilestoneFactory(number=3)
    process, version = process_with_text(
        articles=1, milestone=milestone, title="Ley <b>de participación</b>", is_example=True
    )
    unit = version.units.get(key="articulo-1")
    ContributionFactory(unit=unit)
    ContributionFactory(unit=unit, status=AnswerStatus.INCORPORATED, incorporated_in=version)
    ContributionFactory(unit=unit, status=AnswerStatus.PARTLY, incorporated_in=version)
    body = _get(milestone.commitment)
    section = _section(body)
    assert '<h2 id="procesos-legislativos">Procesos legislativos</h2>' in section
    assert f'href="{process.get_absolute_url()}"' in section
    assert "Ley &lt;b&gt;de participación&lt;/b&gt;" in section and "<b>" not in section
    assert "dato de ejemplo" in section and "Fase actual: Aportaciones al texto" in section
    assert 'href="#hito-3">evidencia del hito 3</a>' in section
    figures = {
        "Aportaciones al texto": 3,
        "Respondidas por la comisión": 2,
        "Incorporadas": 1,
        "Incorporadas en parte": 1,
        "Versiones publicadas": 1,
    }
    for label, n in figures.items():
        assert f"<dt>{label}</dt><dd>{n}</dd>" in section
    timeline = body[body.index('id="hito-3"') :]
    assert "Evidencia: proceso legislativo" in timeline[: timeline.index("</li>")]


def test_a_commitment_without_processes_shows_nothing_more():
    milestone = MilestoneFactory()
    process_with_text(articles=1, milestone=MilestoneFactory())  # another commitment's
    body = _get(milestone.commitment)
    assert "procesos-legislativos" not in body and "Evidencia: proceso legislativo" not in body


@pytest.mark.parametrize("n", [1, 5])
def test_the_query_count_does_not_grow_with_the_processes(django_assert_num_queries, n):
    commitment = CommitmentFactory()
    for _ in range(n):
        _process, version = process_with_text(
            articles=1, milestone=MilestoneFactory(commitment=commitment)
        )
        ContributionFactory(unit=version.units.get(key="articulo-1"))
    # As plans/tests/test_pages.py counts the page, plus one: the processes with their figures,
    # read outside the cached body (they change with every contribution, not with the plan).
    with django_assert_num_queries(17):
        body = _get(commitment)
    assert body.count("Evidencia: proceso legislativo") == n
    with django_assert_num_queries(4):  # warm: plan, header, processes, comments' count
        body = _get(commitment)
    assert _section(body).count("<dt>Aportaciones al texto</dt><dd>1</dd>") == n


def test_a_congress_page_lists_its_processes():
    first = ProcessFactory(title="Primera iniciativa")
    ProcessFactory(congress=first.congress, title="Segunda iniciativa")
    other = ProcessFactory(title="De otro congreso")
    page = Client().get(first.congress.get_absolute_url()).content.decode()
    assert "Primera iniciativa" in page and "Segunda iniciativa" in page
    assert "De otro congreso" not in page
    assert (
        "Procesos legislativos"
        not in Client().get(OrganizationFactory().get_absolute_url()).content.decode()
    )
    assert other.congress != first.congress
