"""The commitment page for a citizen: it opens with what was promised, who answers for it, how
far it has come (in numbers and in words) and the next milestone with its due date; the change
history follows, folded in a <details> that works without JavaScript."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from cocrea.core.tests.helpers import client_for
from cocrea.plans.models import Commitment
from cocrea.plans.tests.factories import CommitmentFactory, MilestoneFactory, PlanFactory

pytestmark = pytest.mark.django_db


def _today(commitment: Commitment) -> dt.date:
    return timezone.localdate(timezone=commitment.plan.exercise.zone)


def _get(commitment: Commitment, client: Client | None = None, query: str = "") -> str:
    return (client or Client()).get(commitment.get_absolute_url() + query).content.decode()


def _lead(body: str) -> str:
    start = body.index('<section class="commitment-lead"')
    return body[start : body.index("</section>", start)]


@pytest.fixture
def commitment():
    commitment = CommitmentFactory(
        title="Agua limpia",
        objective="Publicar cada mes la calidad del agua de cada pozo del municipio.",
        status="in_progress",
    )
    Commitment.objects.filter(pk=commitment.pk).update(progress=40)
    commitment.refresh_from_db()
    return commitment


def test_the_page_opens_with_the_promise_who_answers_progress_and_status(commitment):
    lead = _lead(_get(commitment))
    institution = commitment.lead_institution
    assert "Lo que se prometió" in lead
    assert "Publicar cada mes la calidad del agua" in lead
    assert f'<a href="/organizaciones/{institution.slug}/">{institution.name}</a>' in lead
    assert "40 %" in lead and '<progress max="100" value="40"' in lead
    assert "<strong>En curso</strong>" in lead


@pytest.mark.parametrize(
    ("days", "words"),
    [
        (5, "vence en 5 días"),
        (1, "vence en 1 día"),
        (0, "vence hoy"),
        (-3, "venció hace 3 días"),
        (-1, "venció hace 1 día"),
    ],
)
def test_the_next_milestone_says_when_it_is_due(commitment, days, words):
    today = _today(commitment)
    MilestoneFactory(commitment=commitment, number=1, status="completed", progress=100)
    MilestoneFactory(
        commitment=commitment,
        number=2,
        deliverable="Tablero de calidad del agua",
        end_on=today + dt.timedelta(days=days),
    )
    MilestoneFactory(
        commitment=commitment,
        number=3,
        deliverable="Informe final",
        end_on=today + dt.timedelta(days=90),
    )
    lead = _lead(_get(commitment))
    assert '<a href="#hito-2">2. Tablero de calidad del agua</a>' in lead
    assert words in lead and "Informe final" not in lead


@pytest.mark.parametrize(
    ("milestones", "words"),
    [
        ([], "Aún no tiene hitos registrados."),
        (["completed", "cancelled"], "Ninguno pendiente"),
        (["not_started"], "Sin fecha de entrega registrada."),
    ],
)
def test_without_a_dated_pending_milestone_the_page_says_so(commitment, milestones, words):
    for number, status in enumerate(milestones, start=1):
        MilestoneFactory(commitment=commitment, number=number, status=status, end_on=None)
    assert words in _lead(_get(commitment))


def test_the_promise_comes_before_the_officials_buttons(roles):
    plan = PlanFactory(exercise=roles.exercise, number=1)
    commitment = CommitmentFactory(plan=plan, number=1, objective="Abrir los datos del agua.")
    body = _get(commitment, client_for(roles.coordinator))
    assert body.index("Lo que se prometió") < body.index("Editar compromiso")
    before_history = body[: body.index('<details class="commitment-history"')]
    assert before_history.count("Abrir los datos del agua.") == 1  # not repeated further down


def test_the_history_is_folded_but_in_the_page(commitment):
    commitment.objective = "Objetivo corregido"
    commitment.save()
    body = _get(commitment)
    start = body.index('<details class="commitment-history"')
    folded = body[start : body.index("</details>", start)]
    assert "<summary>Historial de cambios</summary>" in folded
    assert " open" not in folded.split(">", 1)[0]
    assert "Objetivo corregido" in folded  # in the HTML: shown by the browser, no script needed
    assert body.index("Lo que se prometió") < start


def test_a_later_page_of_the_history_opens_it(commitment):
    for n in range(12):
        commitment.objective = f"Versión {n}"
        commitment.save()
    body = _get(commitment, query="?pagina=2")
    assert '<details class="commitment-history" id="historial" open>' in body


def test_a_draft_commitment_stays_hidden_from_the_public(commitment):
    Commitment.objects.filter(pk=commitment.pk).update(is_published=False)
    assert Client().get(commitment.get_absolute_url()).status_code == 404
