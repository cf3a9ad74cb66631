"""Hidden means hidden: a proposal or a comment moderation hid shows its words nowhere public
(page titles, headings, lists, searches, exports, the API); where it must be listed, a neutral
placeholder stands in, and moderation still finds it to restore it."""

import json

import pytest
from django.test import Client

from cocrea.core.tests.helpers import client_for, streamed
from cocrea.participation.models import Problem, ProposalStatus
from cocrea.participation.services import (
    comment_add,
    comment_moderate,
    problem_save,
    proposal_moderate,
    proposal_respond,
    proposal_submit,
)
from cocrea.participation.tests.factories import ConsultationFactory
from cocrea.plans.tests.factories import CommitmentFactory, PlanFactory

pytestmark = pytest.mark.django_db

MARKER = "Zarzamorilla"  # a word no page, fixture or translation has: the searches look for it
SECRET = "Tlacuachito"  # beside it in every field: a search echoes its query, never this
COMMENT_MARKER = "Quimbombito"


@pytest.fixture
def hidden(roles):
    """A proposal with the marker in every field, grouped, taken into a commitment and
    commented on, then hidden by a coordinator; and a visible one beside it."""
    exercise = roles.exercise
    commitment = CommitmentFactory(plan=PlanFactory(exercise=exercise))
    consultation = ConsultationFactory(exercise=exercise, slug="consulta-oculta")
    proposal = proposal_submit(
        actor=roles.participant,
        consultation=consultation,
        title=f"{MARKER} {SECRET} en el título",
        body=f"Cuerpo {MARKER} {SECRET} de la propuesta",
        place=f"Colonia {MARKER} {SECRET}",
    )
    proposal_submit(actor=roles.liaison, consultation=consultation, title="Visible", body="Sí")
    problem = problem_save(
        actor=roles.coordinator, problem=Problem(consultation=consultation), title="Agua"
    )
    proposal_respond(
        actor=roles.coordinator,
        proposal=proposal,
        status=ProposalStatus.TAKEN,
        response="Se incorpora.",
        commitment=commitment,
        problem=problem,
    )
    comment_add(actor=roles.liaison, target=proposal, body="Comentario visible", stance="neutral")
    proposal_moderate(actor=roles.coordinator, proposal=proposal, hide=True, reason="Ofensiva")
    return proposal, problem, commitment


def _public_pages(proposal, problem, commitment) -> dict[str, str]:
    consultation = proposal.consultation
    base = consultation.get_absolute_url()
    return {
        "home": "/",
        "consultations": f"/ejercicios/{consultation.exercise.slug}/consultas/",
        "consultation": base,
        "consultation search": f"{base}?q={MARKER}",
        "systematization": f"{base}sistematizacion/",
        "problem": problem.get_absolute_url(),
        "proposal": proposal.get_absolute_url(),
        "commitment": commitment.get_absolute_url(),
        "site search": f"/buscar/?q={MARKER}",
        "site search, proposals": f"/buscar/?q={MARKER}&tipo=propuestas",
    }


def test_a_hidden_proposal_shows_nowhere_on_public_pages(hidden):
    for name, url in _public_pages(*hidden).items():
        response = Client().get(url)
        assert response.status_code == 200, name
        body = response.content.decode()
        assert SECRET not in body, name
        if "?q=" not in url:
            assert MARKER not in body, name


def test_the_same_pages_show_it_once_restored(roles, hidden):
    """The check above is not vacuous: every page but the problem's lists it when visible."""
    proposal_moderate(actor=roles.coordinator, proposal=hidden[0], hide=False, reason="Revisada")
    pages = _public_pages(*hidden)
    for name in ("consultation", "consultation search", "proposal", "commitment", "site search"):
        assert SECRET in Client().get(pages[name]).content.decode(), name


def test_its_own_page_has_a_neutral_title_and_heading(hidden):
    proposal = hidden[0]
    body = Client().get(proposal.get_absolute_url()).content.decode()
    title = body.split("<title>", 1)[1].split("</title>", 1)[0]
    assert "Propuesta oculta por moderación" in title
    assert "<h1>Propuesta oculta por moderación</h1>" in body
    assert "Ofensiva" in body  # the public reason
    assert "Comentario visible" in body  # others' comments are theirs, not the proposal's


def test_exports_and_api_leave_it_out(hidden):
    proposal = hidden[0]
    base = proposal.consultation.get_absolute_url()
    csv = streamed(Client().get(f"{base}resultados.csv")).decode()
    data = json.loads(streamed(Client().get(f"{base}resultados.json")))
    assert "Visible" in csv and SECRET not in csv
    assert [p["titulo"] for p in data["proposals"]] == ["Visible"]
    listed = Client().get("/api/v1/proposals", {"consultation": proposal.consultation_id})
    assert listed.status_code == 200 and SECRET not in listed.content.decode()
    assert Client().get(f"/api/v1/proposals/{proposal.pk}").status_code == 404
    problems = Client().get("/api/v1/problems").json()
    assert all(proposal.pk not in p["proposal_ids"] for p in problems["items"])


@pytest.mark.parametrize("role", ["participant", "liaison", "other_coordinator"])
def test_signed_in_people_outside_moderation_see_no_more(roles, hidden, role):
    """Its author included: the page shows everyone the same placeholder."""
    proposal = hidden[0]
    body = client_for(getattr(roles, role)).get(proposal.get_absolute_url()).content.decode()
    assert SECRET not in body
    assert "Restaurar" not in body


def test_moderation_still_finds_it_to_restore_it(roles, hidden):
    proposal = hidden[0]
    body = client_for(roles.coordinator).get(proposal.get_absolute_url()).content.decode()
    assert SECRET not in body.split("<title>", 1)[1].split("</title>", 1)[0]
    assert "Restaurar" in body and "Ofensiva" in body


@pytest.mark.parametrize("on", ["proposal", "commitment"])
def test_a_hidden_comment_shows_only_a_placeholder(roles, hidden, on):
    proposal, _problem, commitment = hidden
    target = commitment if on == "commitment" else proposal
    comment = comment_add(
        actor=roles.participant, target=target, body=f"Dice {COMMENT_MARKER}", stance="for"
    )
    comment_moderate(actor=roles.coordinator, comment=comment, hide=True, reason="Insulto")
    for client in (Client(), client_for(roles.participant), client_for(roles.coordinator)):
        body = client.get(target.get_absolute_url()).content.decode()
        assert COMMENT_MARKER not in body
        assert "Comentario oculto por moderación:" in body and "Insulto" in body
