"""The API and the pages agree on what exists: an institution's key sees and writes what its
liaisons see and write on the web, no more. A draft plan's commitments and milestones, and
another institution's unpublished commitment, are the same 404 as an id that never existed, for
reads and writes alike, so ids reveal nothing."""

import pytest
from django.test import Client

from cocrea.core.services import api_key_create
from cocrea.core.tests.helpers import client_for
from cocrea.participation.models import Problem, Proposal
from cocrea.participation.tests.factories import ConsultationFactory
from cocrea.plans.models import PlanStatus
from cocrea.plans.tests.factories import CommitmentFactory, MilestoneFactory, PlanFactory

pytestmark = pytest.mark.django_db
NONEXISTENT = 987654


@pytest.fixture
def world(roles):
    """Milestones of the institution `roles.liaison` represents, in a draft plan, in an
    unpublished commitment of a public plan and in a published one; and one of another."""
    own = roles.liaison.org_memberships.get().organization
    other = roles.other_liaison.org_memberships.get().organization
    draft = PlanFactory(exercise=roles.exercise, number=1, status=PlanStatus.DRAFT)
    public = PlanFactory(exercise=roles.exercise, number=2)

    def milestone(plan, number, lead, published=True):
        commitment = CommitmentFactory(
            plan=plan, number=number, lead_institution=lead, is_published=published
        )
        return MilestoneFactory(commitment=commitment, number=1)

    return {
        "draft": milestone(draft, 1, own),
        "unpublished": milestone(public, 1, own, published=False),
        "published": milestone(public, 2, own),
        "others": milestone(public, 3, other),
    }


def _web_edit(roles, role, milestone):
    commitment = milestone.commitment
    url = (
        f"/ejercicios/{roles.exercise.slug}/planes/{commitment.plan.number}/compromisos/"
        f"{commitment.number}/hitos/{milestone.number}/editar/"
    )
    return client_for(getattr(roles, role)).get(url).status_code


def _key_of(roles, role):
    return api_key_create(organization=getattr(roles, role).org_memberships.get().organization)[1]


def _patch(key, milestone_id, **body):
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    return Client().patch(
        f"/api/v1/milestones/{milestone_id}",
        body or {"progress": 40},
        content_type="application/json",
        headers=headers,
    )


# What the liaison's pages answer, and so what its institution's key answers.
EXPECTED = {
    ("liaison", "draft"): 404,
    ("liaison", "unpublished"): 200,
    ("liaison", "published"): 200,
    ("liaison", "others"): 403,
    ("other_liaison", "draft"): 404,
    ("other_liaison", "unpublished"): 404,
    ("other_liaison", "published"): 403,
    ("other_liaison", "others"): 200,
}


@pytest.mark.parametrize(("role", "which"), sorted(EXPECTED))
def test_a_key_answers_what_its_liaisons_pages_answer(roles, world, role, which):
    milestone = world[which]
    assert _web_edit(roles, role, milestone) == EXPECTED[role, which]
    response = _patch(_key_of(roles, role), milestone.pk)
    assert response.status_code == EXPECTED[role, which], response.content
    milestone.refresh_from_db()
    assert (milestone.progress == 40) == (EXPECTED[role, which] == 200)


@pytest.mark.parametrize("role", ["liaison", "other_liaison"])
def test_an_invisible_milestone_is_the_same_404_as_one_that_never_existed(roles, world, role):
    key = _key_of(roles, role)
    never = _patch(key, NONEXISTENT)
    assert never.status_code == 404
    assert _patch(key, world["draft"].pk).content == never.content
    evidence = {"description": "Acta", "url": "https://example.org/acta.pdf"}
    posts = [
        Client().post(
            f"/api/v1/milestones/{milestone_id}/evidence",
            evidence,
            content_type="application/json",
            headers={"X-Api-Key": key},
        )
        for milestone_id in (world["draft"].pk, NONEXISTENT)
    ]
    assert [p.status_code for p in posts] == [404, 404]
    assert posts[0].content == posts[1].content
    assert not world["draft"].evidence.exists()


def test_without_a_key_every_id_is_the_same_403(world):
    refusals = [_patch(None, m) for m in (world["draft"].pk, world["published"].pk, NONEXISTENT)]
    assert {r.status_code for r in refusals} == {403}
    assert len({r.content for r in refusals}) == 1


@pytest.mark.parametrize("which", ["draft", "unpublished"])
def test_public_reads_do_not_reveal_drafts_or_unpublished_commitments(client, world, which):
    milestone = world[which]
    never = client.get(f"/api/v1/milestones/{NONEXISTENT}")
    for url in (
        f"/api/v1/milestones/{milestone.pk}",
        f"/api/v1/commitments/{milestone.commitment_id}",
    ):
        response = client.get(url)
        assert response.status_code == 404 and response.content == never.content
    listed = client.get("/api/v1/commitments").json()["items"]
    assert milestone.commitment_id not in [c["id"] for c in listed]


def _file(key, commitment_id):
    body = {"commitment_id": commitment_id, "reported_on": "2025-01-15", "narrative": "Avance"}
    return Client().post(
        "/api/v1/progress-reports",
        body,
        content_type="application/json",
        headers={"Authorization": f"Bearer {key}"},
    )


@pytest.mark.parametrize(("role", "which"), sorted(EXPECTED))
def test_progress_reports_follow_the_same_visibility(roles, world, role, which):
    response = _file(_key_of(roles, role), world[which].commitment_id)
    expected = {200: 201}.get(EXPECTED[role, which], EXPECTED[role, which])
    assert response.status_code == expected, response.content
    if expected == 404:
        assert response.content == _file(_key_of(roles, role), NONEXISTENT).content


def test_consultations_problems_and_proposals_do_not_reveal_draft_ids(roles, world):
    draft = world["draft"].commitment
    consultation = ConsultationFactory(exercise=draft.plan.exercise, plan=draft.plan)
    proposal = Proposal.objects.create(
        consultation=consultation, author=roles.participant, title="Luz", body="Texto"
    )
    problem = Problem.objects.create(consultation=consultation, title="Oscuridad")
    problem.commitments.add(draft)
    Proposal.objects.filter(pk=proposal.pk).update(commitment=draft, problem=problem)
    client = Client()
    assert client.get(f"/api/v1/consultations/{consultation.pk}").json()["plan_id"] is None
    assert client.get(f"/api/v1/proposals/{proposal.pk}").json()["commitment_id"] is None
    assert client.get(f"/api/v1/problems/{problem.pk}").json()["commitment_ids"] == []
    public = world["published"].commitment
    problem.commitments.add(public)
    Proposal.objects.filter(pk=proposal.pk).update(commitment=public)
    assert client.get(f"/api/v1/proposals/{proposal.pk}").json()["commitment_id"] == public.pk
    assert client.get(f"/api/v1/problems/{problem.pk}").json()["commitment_ids"] == [public.pk]
