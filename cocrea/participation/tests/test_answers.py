"""Reasoned answers reach the author and supporters and link proposal and milestone both ways;
the systematization counts only what the public sees; closed consultations show no forms."""

import datetime as dt

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from cocrea.core.tests.factories import UserFactory
from cocrea.core.tests.helpers import client_for
from cocrea.exercises.models import ExerciseRole, SeatSector
from cocrea.exercises.tests.factories import ExerciseMembershipFactory
from cocrea.participation import hooks
from cocrea.participation.models import Consultation, Problem, ProposalStatus
from cocrea.participation.notices import Notice
from cocrea.participation.services import (
    proposal_moderate,
    proposal_respond,
    proposal_submit,
    proposals_group,
    support_add,
)
from cocrea.plans.tests.factories import CommitmentFactory, MilestoneFactory, PlanFactory

pytestmark = pytest.mark.django_db
NOW = timezone.now()


@pytest.fixture
def heard(monkeypatch) -> list[tuple[str, list[Notice]]]:
    """What the apps listening to `proposal_answered` receive: the answer and the notices."""
    received: list[tuple[str, list[Notice]]] = []
    monkeypatch.setattr(
        hooks.proposal_answered,
        "receivers",
        lambda: [lambda *, proposal, notices: received.append((proposal.status, notices))],
    )
    return received


@pytest.fixture
def world(roles):
    consultation = Consultation.objects.create(
        exercise=roles.exercise,
        title="Consulta",
        slug="consulta",
        opens_at=NOW - dt.timedelta(days=1),
        closes_at=NOW + dt.timedelta(days=5),
    )
    author, supporter = UserFactory(), UserFactory()
    proposal = proposal_submit(actor=author, consultation=consultation, title="Agua", body="x")
    support_add(actor=supporter, proposal=proposal)
    commitment = CommitmentFactory(plan=PlanFactory(exercise=roles.exercise))
    milestone = MilestoneFactory(commitment=commitment, deliverable="Pozos rehabilitados")
    base = f"/ejercicios/{roles.exercise.slug}/consultas/consulta/"
    return consultation, proposal, author, supporter, commitment, milestone, base


def test_every_kind_of_answer_reaches_the_author_and_supporters(roles, world, heard):
    consultation, proposal, author, supporter, commitment, milestone, _base = world
    proposal_respond(
        actor=roles.coordinator,
        proposal=proposal,
        status=ProposalStatus.NOT_TAKEN,
        response="Es competencia federal.",
    )
    problem = Problem.objects.create(consultation=consultation, title="Falta de agua")
    proposal_respond(
        actor=roles.coordinator,
        proposal=proposal,
        status=ProposalStatus.GROUPED,
        response="",
        problem=problem,
    )
    proposal_respond(
        actor=roles.coordinator,
        proposal=proposal,
        status=ProposalStatus.TAKEN,
        response="Se atiende con pozos.",
        commitment=commitment,
        milestone=milestone,
    )
    assert [status for status, _n in heard] == ["not_taken", "grouped", "taken"]
    for _proposal, notices in heard:
        assert {n.user_id for n in notices} == {author.pk, supporter.pk}
    not_taken, grouped, taken = (notices[0] for _p, notices in heard)
    assert "Es competencia federal." in not_taken.body
    assert problem.get_absolute_url() in grouped.body
    assert commitment.get_absolute_url() in taken.body and "Pozos rehabilitados" in taken.body
    assert len({n.key for _p, notices in heard for n in notices}) == 6  # one per answer, person
    proposal.refresh_from_db()
    assert proposal.problem == problem and proposal.milestone == milestone
    assert proposal.answered_at is not None


def test_grouping_from_the_systematization_is_an_answer_too(roles, world, heard):
    consultation, proposal, _author, _supporter, *_rest = world
    problem = Problem.objects.create(consultation=consultation, title="Falta de agua")
    proposals_group(actor=roles.coordinator, problem=problem, proposal_ids=[proposal.pk])
    proposals_group(actor=roles.coordinator, problem=problem, proposal_ids=[proposal.pk])
    assert len(heard) == 1 and heard[0][0] == ProposalStatus.GROUPED  # told once


def test_an_unchanged_answer_tells_nobody_again(roles, world, heard):
    _c, proposal, *_rest = world
    for _ in range(2):
        proposal_respond(
            actor=roles.coordinator, proposal=proposal, status="not_taken", response="No aplica."
        )
    assert len(heard) == 1


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"status": "grouped"}, "problemática"),
        ({"status": "not_taken", "response": " "}, "por qué"),
        ({"status": "taken"}, "compromiso"),
        ({"status": "not_taken", "response": "x", "milestone": "M"}, "incorporadas"),
        ({"status": "taken", "commitment": "C", "milestone": "OTHER"}, "no es del compromiso"),
    ],
)
def test_an_answer_must_say_where_the_proposal_went(roles, world, heard, data, field):
    _c, proposal, _a, _s, commitment, milestone, base = world
    other = MilestoneFactory(commitment=CommitmentFactory(plan=commitment.plan))
    values = {"M": milestone.pk, "C": commitment.pk, "OTHER": other.pk}
    data = {k: values.get(v, v) for k, v in data.items()}
    response = client_for(roles.coordinator).post(
        base + f"propuestas/{proposal.pk}/respuesta/", data
    )
    assert response.status_code == 400 and field in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.UNDER_REVIEW and not heard


def test_a_problem_of_another_consultation_is_refused(roles, world):
    _c, proposal, *_rest = world
    other = Consultation.objects.create(
        exercise=roles.exercise, title="Otra", slug="otra", opens_at=NOW, closes_at=NOW
    )
    foreign = Problem.objects.create(consultation=other, title="Ajena")
    with pytest.raises(Exception, match="no es de esta consulta"):
        proposal_respond(
            actor=roles.coordinator,
            proposal=proposal,
            status="grouped",
            response="",
            problem=foreign,
        )


def test_proposal_and_milestone_link_both_ways(roles, world):
    _c, proposal, _a, _s, commitment, milestone, base = world
    client = client_for(roles.coordinator)
    data = {
        "status": "taken",
        "response": "Lo atiende el hito de pozos.",
        "commitment": commitment.pk,
        "milestone": milestone.pk,
    }
    assert client.post(base + f"propuestas/{proposal.pk}/respuesta/", data).status_code == 302
    page = Client().get(base + f"propuestas/{proposal.pk}/").content.decode()
    assert f"{commitment.get_absolute_url()}#hito-{milestone.number}" in page
    assert "Pozos rehabilitados" in page and "Lo atiende el hito de pozos." in page
    commitment_page = Client().get(commitment.get_absolute_url()).content.decode()
    assert f'id="hito-{milestone.number}"' in commitment_page
    assert "Propuestas ciudadanas que incorpora" in commitment_page
    assert proposal.get_absolute_url() in commitment_page
    assert f'href="#hito-{milestone.number}"' in commitment_page
    # Hidden by moderation, it leaves the commitment page (redrawn, not served from cache).
    proposal.refresh_from_db()
    proposal_moderate(actor=roles.admin, proposal=proposal, hide=True, reason="Spam")
    assert (
        proposal.get_absolute_url()
        not in Client().get(commitment.get_absolute_url()).content.decode()
    )


def _civil_society(exercise):
    return ExerciseMembershipFactory(
        exercise=exercise, role=ExerciseRole.SECRETARIAT, sector=SeatSector.CIVIL_SOCIETY
    ).user


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (None, 302),
        ("participant", 403),
        ("other_liaison", 403),
        ("liaison", 403),
        ("civil_society", 200),
        ("other_coordinator", 403),
        ("coordinator", 200),
        ("admin", 200),
    ],
)
def test_who_answers_proposals(roles, world, role, status):
    _c, proposal, *_rest, base = world
    user = (
        _civil_society(roles.exercise)
        if role == "civil_society"
        else getattr(roles, role or "", None)
    )
    response = client_for(user).get(base + f"propuestas/{proposal.pk}/respuesta/")
    assert response.status_code == status


# Item 11: only what the public sees counts.


def test_hidden_proposals_are_out_of_every_figure(roles, world, django_assert_max_num_queries):
    consultation, proposal, _author, _supporter, *_rest, base = world
    troll = UserFactory()
    hidden = proposal_submit(
        actor=troll, consultation=consultation, title="Ofensiva", body="x", place="Centro"
    )
    support_add(actor=UserFactory(), proposal=hidden)
    proposal_moderate(actor=roles.admin, proposal=hidden, hide=True, reason="Insultos")
    problem = Problem.objects.create(consultation=consultation, title="Agua")
    proposals_group(actor=roles.coordinator, problem=problem, proposal_ids=[proposal.pk, hidden.pk])
    with django_assert_max_num_queries(14):
        body = Client().get(base + "sistematizacion/").content.decode()
    assert "<strong>2</strong> personas participantes" in body  # the author and the supporter
    assert "<strong>1</strong> propuesta<" in body and "<strong>1</strong> apoyo<" in body
    assert "Ofensiva" not in body
    assert "1 propuesta</li>" in body  # the problem counts the visible one only
    # No visible proposal names a place: no figures by place, and no "Sin lugar" row.
    assert "Sin lugar" not in body and "Ninguna propuesta visible indica un lugar" in body
    listing = Client().get(f"/ejercicios/{roles.exercise.slug}/consultas/").content.decode()
    assert "1 propuesta<" in listing
    api = Client().get(f"/api/v1/consultations/{consultation.pk}").json()
    assert api["proposal_count"] == 1
    assert Client().get(f"/api/v1/problems/{problem.pk}").json()["proposal_ids"] == [proposal.pk]


def test_sin_lugar_counts_real_proposals_without_a_place(roles, world):
    consultation, _proposal, *_rest, base = world
    proposal_submit(
        actor=UserFactory(), consultation=consultation, title="B", body="x", place="Centro"
    )
    body = Client().get(base + "sistematizacion/").content.decode()
    places = body[body.index("Por lugar") :]
    assert "Centro" in places and "Sin lugar" in places


# Item 16: the exercise's time, and closed consultations show no forms.


def _main(response) -> str:
    """The page's own content, without the header (whose sign-out is a form)."""
    page: str = response.content.decode().lower()
    return page[page.index("<main") : page.index("</main>")]


@time_machine.travel(dt.datetime(2026, 3, 10, 12, 0, tzinfo=dt.UTC), tick=False)
def test_a_closed_consultation_says_when_it_closed_in_mexico_time_and_shows_no_forms(roles):
    closes = dt.datetime(2026, 3, 2, 5, 30, tzinfo=dt.UTC)  # 1 March, 23:30 in Mexico City
    consultation = Consultation.objects.create(
        exercise=roles.exercise,
        title="Cerrada",
        slug="cerrada",
        opens_at=closes - dt.timedelta(days=10),
        closes_at=closes,
    )
    with time_machine.travel(closes - dt.timedelta(days=1)):
        proposal = proposal_submit(
            actor=roles.participant, consultation=consultation, title="Tarde", body="x"
        )
    base = f"/ejercicios/{roles.exercise.slug}/consultas/cerrada/"
    client = client_for(roles.participant)
    page = client.get(base).content.decode().lower()
    assert "la consulta cerró el 1 de marzo de 2026 a las 23:30" in page
    assert "hacer una propuesta" not in page
    detail = _main(client.get(base + f"propuestas/{proposal.pk}/"))
    assert 'method="post"' not in detail and "cerró el 1 de marzo de 2026" in detail
    create = client.get(base + "propuestas/nueva/")
    assert create.status_code == 200 and 'method="post"' not in _main(create)
    refused = client.post(base + f"propuestas/{proposal.pk}/apoyo/")
    assert refused.status_code == 400
    message = refused.content.decode().lower()
    assert "cerró el 1 de marzo de 2026" in message and "23:30" in message
    assert "05:30" not in message and "2026-03-02" not in message
