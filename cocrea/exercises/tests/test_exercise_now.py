"""An exercise's page opens with its consultation (and what a citizen can do in it now) and how
its plan is going, before the rest."""

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from cocrea.core.tests.helpers import client_for
from cocrea.exercises.tests.factories import ExerciseFactory, SecretariatFactory, SessionFactory
from cocrea.participation.tests.factories import ConsultationFactory
from cocrea.plans.models import CommitmentStatus, PlanStatus
from cocrea.plans.tests.factories import CommitmentFactory, PlanFactory

pytestmark = pytest.mark.django_db


def _page(exercise, user=None) -> str:
    response = client_for(user).get(f"/ejercicios/{exercise.slug}/")
    assert response.status_code == 200
    return response.content.decode()


def _summary(body: str) -> str:
    return body[body.index('class="now-grid"') : body.index("Sobre el ejercicio")]


def test_an_open_consultation_invites_to_propose_and_support():
    exercise = ExerciseFactory(slug="jalisco")
    ConsultationFactory(exercise=exercise, title="Consulta 2026", slug="c2026")
    summary = _summary(_page(exercise))
    assert "Consulta 2026" in summary and "Abierta" in summary
    assert "Recibe propuestas y apoyos hasta el" in summary
    assert 'class="button" href="/ejercicios/jalisco/consultas/c2026/propuestas/nueva/"' in summary
    assert 'href="/ejercicios/jalisco/consultas/c2026/">Apoya propuestas' in summary


def test_a_coming_consultation_says_when_it_opens():
    exercise = ExerciseFactory()
    now = timezone.now()
    ConsultationFactory(
        exercise=exercise, title="Consulta próxima", opens_at=now + dt.timedelta(days=3)
    )
    summary = _summary(_page(exercise))
    assert "Consulta próxima" in summary and "Próxima" in summary and "Abre el" in summary
    assert "propuestas/nueva/" not in summary


def test_without_a_consultation_or_a_plan_the_page_says_so():
    exercise = ExerciseFactory(slug="sin-nada")
    now = timezone.now()
    ConsultationFactory(
        exercise=exercise,
        title="Ya cerró",
        opens_at=now - dt.timedelta(days=9),
        closes_at=now - dt.timedelta(days=2),
    )
    PlanFactory(exercise=exercise, status=PlanStatus.DRAFT, name="Borrador secreto")
    summary = _summary(_page(exercise))
    assert "No hay consultas abiertas ahora." in summary and "Ya cerró" not in summary
    assert 'href="/ejercicios/sin-nada/consultas/"' in summary
    assert "Este ejercicio aún no publica un plan de acción." in summary
    assert "Borrador secreto" not in summary


def test_the_plans_status_counts_published_and_late_commitments():
    exercise = ExerciseFactory(slug="jalisco")
    PlanFactory(exercise=exercise, number=1, name="Primer plan")
    plan = PlanFactory(exercise=exercise, number=2, name="Segundo plan", progress=Decimal("42.4"))
    CommitmentFactory(plan=plan, status=CommitmentStatus.LATE)
    CommitmentFactory(plan=plan, status=CommitmentStatus.IN_PROGRESS)
    CommitmentFactory(plan=plan, status=CommitmentStatus.LATE, is_published=False)
    summary = _summary(_page(exercise))
    assert '<a href="/ejercicios/jalisco/planes/2/">Segundo plan</a>' in summary
    assert "Primer plan" not in summary
    assert 'value="42"' in summary  # the progress bar, rounded
    assert "<strong>2</strong> compromisos" in summary
    assert "<strong>1</strong> con retraso" in summary


def test_the_summary_comes_before_the_rest_for_every_visitor(roles):
    ConsultationFactory(exercise=roles.exercise)
    for user in (None, roles.participant, roles.coordinator):
        body = _page(roles.exercise, user)
        assert body.index('class="now-grid"') < body.index("Sobre el ejercicio")
        assert body.index("Sobre el ejercicio") < body.index("Etapas alcanzadas")


def test_unknown_exercise_is_404():
    assert Client().get("/ejercicios/no-existe/").status_code == 404


@pytest.mark.parametrize("n", [2, 20])
def test_the_exercise_page_runs_a_fixed_number_of_queries(django_assert_num_queries, n):
    exercise = ExerciseFactory()
    secretariat = SecretariatFactory(exercise=exercise)
    for i in range(n):
        ConsultationFactory(exercise=exercise)
        plan = PlanFactory(exercise=exercise)
        CommitmentFactory(plan=plan, status=CommitmentStatus.LATE)
        SessionFactory(secretariat=secretariat, number=i + 1)
    # The exercise, its stages, secretariats, sessions, the consultation and the plan.
    with django_assert_num_queries(7):
        body = _page(exercise)
    assert "Haz una propuesta" in body and "<strong>1</strong> con retraso" in body
