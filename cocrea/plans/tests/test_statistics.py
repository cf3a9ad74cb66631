"""Statistics by pillar, theme and institution for a plan, an exercise and the nation."""

import pytest
from django.test import Client

from cocrea.plans.models import PlanStatus, Theme
from cocrea.plans.statistics import commitment_statistics, public_commitments
from cocrea.plans.tests.factories import CommitmentFactory, PlanFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    plan = PlanFactory()
    education = Theme.objects.get(slug="educacion")
    CommitmentFactory(
        plan=plan, theme=education, pillar_transparency=True, pillar_participation=True
    )
    CommitmentFactory(plan=plan, theme=education, pillar_transparency=True)
    CommitmentFactory(plan=plan, pillar_accountability=True)
    CommitmentFactory(plan=plan, is_published=False, pillar_transparency=True)  # not counted
    CommitmentFactory(plan=PlanFactory(exercise=plan.exercise, status=PlanStatus.DRAFT))  # neither
    return plan


def test_pillars_count_a_commitment_in_each_pillar_it_serves(plan):
    stats = commitment_statistics(public_commitments(plan__exercise=plan.exercise))
    assert stats.total == 3
    pillars = {s.label: (s.count, str(s.share)) for s in stats.by_pillar}
    assert pillars["Transparencia"] == (2, "66.7")
    assert pillars["Participación ciudadana"] == (1, "33.3")
    assert sum(s.share for s in stats.by_pillar) > 100
    assert [(s.label, s.count, str(s.share)) for s in stats.by_theme] == [("Educación", 2, "66.7")]
    assert stats.without_theme == 1


@pytest.mark.parametrize(
    "url",
    [
        "/estadisticas/",
        "/ejercicios/{slug}/estadisticas/",
        "/ejercicios/{slug}/planes/{n}/estadisticas/",
    ],
)
def test_statistics_pages(django_assert_max_num_queries, plan, url):
    url = url.format(slug=plan.exercise.slug, n=plan.number)
    with django_assert_max_num_queries(6):
        response = Client().get(url)
    body = response.content.decode()
    assert response.status_code == 200
    assert "puede pasar de 100 %" in body
    assert "66.7 %" in body
    assert "<strong>3</strong> compromisos publicados" in body


@pytest.mark.parametrize("n", [2, 25])
def test_statistics_query_count_does_not_grow(django_assert_num_queries, n):
    for _ in range(n):
        CommitmentFactory(theme=Theme.objects.order_by("?").first())
    # aggregate, themes, institutions count, institutions page
    with django_assert_num_queries(4):
        assert Client().get("/estadisticas/").status_code == 200
