"""Shadow-report figures per plan, exercise and nation, with drill-down, print and PDF."""

import pytest
from django.test import Client

from cocrea.monitoring.selectors import current_commitments, shadow_figures
from cocrea.monitoring.tests.factories import FindingFactory
from cocrea.plans.models import PlanStatus
from cocrea.plans.tests.factories import CommitmentFactory, PlanFactory

pytestmark = pytest.mark.django_db


def _finding(commitment, rule):
    return FindingFactory(commitment=commitment, rule=rule)


@pytest.fixture
def first_plan():
    """Mexico's first plan as civil society counted it in 2018: 24 current, 13 up to date,
    19 with inconsistencies."""
    plan = PlanFactory(number=1)
    commitments = [CommitmentFactory(plan=plan, title=f"Compromiso {n}") for n in range(24)]
    for c in commitments[13:]:
        _finding(c, "ACT-01")
    for c in commitments[:19]:
        _finding(c, "HIT-01")
    CommitmentFactory(plan=plan, status="withdrawn")  # not current
    CommitmentFactory(plan=plan, is_published=False)  # not public
    CommitmentFactory(plan=PlanFactory(exercise=plan.exercise, status=PlanStatus.DRAFT))
    resolved = CommitmentFactory(plan=plan, title="Corregido")
    FindingFactory(commitment=resolved, rule="HIT-01", key="x", resolved_at="2020-01-01T00:00Z")
    return plan


def test_figures_match_the_2018_count(first_plan):
    figures = shadow_figures(current_commitments(plan=first_plan))
    assert (figures.current, figures.up_to_date, figures.inconsistent) == (25, 14, 19)
    assert str(figures.inconsistent_share) == "76.0"


@pytest.mark.parametrize(
    "url",
    [
        "/informe-sombra/",
        "/ejercicios/{slug}/informe-sombra/",
        "/ejercicios/{slug}/planes/1/informe-sombra/",
    ],
)
def test_pages_show_figures_and_drilldown(django_assert_max_num_queries, first_plan, url):
    url = url.format(slug=first_plan.exercise.slug)
    with django_assert_max_num_queries(6):
        response = Client().get(url)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Con inconsistencias" in body and "76.0 %" in body
    assert "HIT-01" in body and "Hito cumplido sin evidencia" in body
    assert body.count("Compromiso ") >= 19


@pytest.mark.parametrize("n", [3, 30])
def test_drilldown_query_count_does_not_grow(django_assert_num_queries, n):
    plan = PlanFactory()
    for _ in range(n):
        _finding(CommitmentFactory(plan=plan), "RESP-01")
    url = f"/ejercicios/{plan.exercise.slug}/planes/{plan.number}/informe-sombra/"
    # plan with exercise, content version, figures, drill-down count, page, findings of the page
    with django_assert_num_queries(6):
        response = Client().get(url)
    assert response.status_code == 200
    assert ("Página 1 de 2" in response.content.decode()) == (n > 25)  # the drill-down paginates
    with django_assert_num_queries(2):  # warm: plan, content version
        assert Client().get(url).status_code == 200


def test_cached_shadow_pages_follow_new_findings():
    from cocrea.plans.services import milestone_save
    from cocrea.plans.tests.factories import MilestoneFactory

    commitment = CommitmentFactory(responsible_person="P")
    milestone = MilestoneFactory(commitment=commitment)
    assert "HIT-01" not in Client().get("/informe-sombra/").content.decode()
    milestone_save(actor=None, milestone=milestone, progress=100, status="completed")
    assert "HIT-01" in Client().get("/informe-sombra/").content.decode()


@pytest.mark.parametrize(
    "url",
    ["/informe-sombra/?formato=pdf", "/ejercicios/{slug}/planes/1/informe-sombra/?formato=pdf"],
)
def test_pdf(first_plan, url):
    response = Client().get(url.format(slug=first_plan.exercise.slug))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_rules_catalogue_page():
    body = Client().get("/reglas-de-consistencia/").content.decode()
    assert "HIT-01" in body and "ACT-01" in body and "Cómo se corrige" in body
