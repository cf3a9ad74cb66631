"""A problem, a working table or a proposal names the commitments that answer it only to readers
who may open them: a draft plan's commitments and unpublished ones (whose pages answer 404 to
the public) keep their titles off the participation pages; their editors still see them."""

import datetime as dt

import pytest
from django.test import Client

from cocrea.core.models import OrganizationMembership
from cocrea.core.tests.helpers import client_for
from cocrea.participation.models import Problem, Proposal, ProposalStatus, WorkingTable
from cocrea.participation.tests.factories import ConsultationFactory
from cocrea.plans.models import PlanStatus
from cocrea.plans.tests.factories import CommitmentFactory, PlanFactory

pytestmark = pytest.mark.django_db

DRAFT = "Chapulincito"  # in a draft plan's name and its commitment's title: no page has it
UNPUBLISHED = "Huitlacochito"  # an unpublished commitment of a plan in implementation
SHOWN = "Ajolotito"  # a published commitment of a plan in implementation


@pytest.fixture
def pages(roles):
    """The problem, table and proposal pages of a consultation, each linked to a draft plan's
    commitment, an unpublished one (led by the liaison's institution) and a published one."""
    exercise = roles.exercise
    led = OrganizationMembership.objects.get(user=roles.liaison).organization
    commitments = [
        CommitmentFactory(
            plan=PlanFactory(exercise=exercise, status=PlanStatus.DRAFT, name=f"Plan {DRAFT}"),
            title=f"{DRAFT} en borrador",
        ),
        CommitmentFactory(
            plan=PlanFactory(exercise=exercise),
            title=f"{UNPUBLISHED} sin publicar",
            is_published=False,
            lead_institution=led,
        ),
        CommitmentFactory(plan=PlanFactory(exercise=exercise), title=f"{SHOWN} publicado"),
    ]
    consultation = ConsultationFactory(exercise=exercise)
    problem = Problem.objects.create(consultation=consultation, title="Agua")
    problem.commitments.set(commitments)
    table = WorkingTable.objects.create(consultation=consultation, held_on=dt.date(2026, 1, 15))
    table.commitments.set(commitments)
    proposals = [
        Proposal.objects.create(
            consultation=consultation,
            title=f"Propuesta {n}",
            body="Cuerpo",
            status=ProposalStatus.TAKEN,
            commitment=commitment,
        )
        for n, commitment in enumerate(commitments)
    ]
    urls = [problem.get_absolute_url(), table.get_absolute_url()]
    return urls, [p.get_absolute_url() for p in proposals], commitments


def _shown(user, url: str) -> str:
    response = client_for(user).get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("role", [None, "participant", "other_liaison", "other_coordinator"])
def test_the_public_sees_only_published_commitments_of_public_plans(roles, pages, role):
    urls, proposal_urls, commitments = pages
    user = getattr(roles, role) if role else None
    for url in urls:
        body = _shown(user, url)
        assert DRAFT not in body and UNPUBLISHED not in body
        assert f"{SHOWN} publicado" in body and commitments[2].get_absolute_url() in body
    draft, unpublished, shown = (_shown(user, url) for url in proposal_urls)
    assert DRAFT not in draft and commitments[0].get_absolute_url() not in draft
    assert UNPUBLISHED not in unpublished and commitments[1].get_absolute_url() not in unpublished
    assert f"{SHOWN} publicado" in shown and commitments[2].get_absolute_url() in shown
    for commitment in commitments[:2]:  # the pages those titles would lead to
        assert client_for(user).get(commitment.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("role", ["coordinator", "secretariat", "admin"])
def test_the_exercise_editors_see_every_commitment_they_may_open(roles, pages, role):
    urls, proposal_urls, commitments = pages
    user = getattr(roles, role)
    for url in urls:
        body = _shown(user, url)
        assert all(c.title in body for c in commitments)
    for url, commitment in zip(proposal_urls, commitments, strict=True):
        assert commitment.title in _shown(user, url)
        assert client_for(user).get(commitment.get_absolute_url()).status_code == 200


def test_the_lead_liaison_sees_its_unpublished_commitment_not_the_draft(roles, pages):
    """The liaisons of the lead institution open its unpublished commitment; not a draft's."""
    urls, proposal_urls, _commitments = pages
    for url in urls:
        body = _shown(roles.liaison, url)
        assert UNPUBLISHED in body and SHOWN in body and DRAFT not in body
    assert UNPUBLISHED in _shown(roles.liaison, proposal_urls[1])
    assert DRAFT not in _shown(roles.liaison, proposal_urls[0])


def test_the_table_page_keeps_its_query_count(roles, pages, django_assert_max_num_queries):
    urls, _proposal_urls, _commitments = pages
    with django_assert_max_num_queries(7):  # as test_tables pins it
        assert Client().get(urls[1]).status_code == 200
