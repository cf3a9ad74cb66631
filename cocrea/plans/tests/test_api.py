"""/api/v1/ plans, commitments and milestones; institutions report progress with a key."""

import json

import pytest
from django.core.management import call_command
from django.test import Client

from cocrea.core.services import api_key_create, api_key_revoke
from cocrea.core.tests.factories import OrganizationFactory
from cocrea.plans.models import Commitment, Evidence, Milestone, PlanStatus
from cocrea.plans.tests.factories import CommitmentFactory, MilestoneFactory, PlanFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("n", [2, 30])
def test_lists_run_a_fixed_number_of_queries(django_assert_num_queries, n):
    plan = PlanFactory()
    for _ in range(n):
        MilestoneFactory(commitment=CommitmentFactory(plan=plan))
        PlanFactory(exercise=plan.exercise)
    for url, queries in ((f"/api/v1/commitments?plan={plan.pk}", 2), ("/api/v1/plans", 2)):
        with django_assert_num_queries(queries):
            response = Client().get(url)
        assert response.status_code == 200
        assert response.json()["count"] >= n


def test_commitment_detail_has_milestones_and_evidence(django_assert_num_queries):
    commitment = CommitmentFactory(pillar_transparency=True, value_access_information=True)
    for _ in range(5):
        milestone = MilestoneFactory(commitment=commitment)
        Evidence.objects.create(milestone=milestone, description="Liga", url="https://example.org")
    # commitment, supporting institutions, SDGs, milestones, evidence
    with django_assert_num_queries(5):
        body = Client().get(f"/api/v1/commitments/{commitment.pk}").json()
    assert body["pillars"] == ["transparency"]
    assert body["ogp_values"] == ["access_information"]
    assert len(body["milestones"]) == 5
    assert body["milestones"][0]["evidence"][0]["url"] == "https://example.org"
    assert "author" not in body["milestones"][0]["evidence"][0]


def test_filters_and_drafts():
    plan = PlanFactory()
    CommitmentFactory(plan=plan, title="Visible", status="completed", pillar_participation=True)
    CommitmentFactory(plan=plan, title="Borrador", is_published=False)
    draft_plan = PlanFactory(exercise=plan.exercise, status=PlanStatus.DRAFT)
    hidden = CommitmentFactory(plan=draft_plan, title="En plan borrador")
    titles = [c["title"] for c in Client().get("/api/v1/commitments").json()["items"]]
    assert titles == ["Visible"]
    assert (
        Client().get("/api/v1/commitments?pillar=participation&status=completed").json()["count"]
        == 1
    )
    assert Client().get("/api/v1/commitments?pillar=innovation").json()["count"] == 0
    assert Client().get(f"/api/v1/commitments/{hidden.pk}").status_code == 404
    assert Client().get(f"/api/v1/plans/{draft_plan.pk}").status_code == 404
    assert Client().get("/api/v1/commitments?pillar=bogus").status_code == 400


@pytest.fixture
def reporting():
    milestone = MilestoneFactory(commitment=CommitmentFactory())
    _key, raw = api_key_create(organization=milestone.commitment.lead_institution)
    return milestone, raw


def _patch(milestone, body, **headers):
    return Client().patch(
        f"/api/v1/milestones/{milestone.pk}",
        json.dumps(body),
        content_type="application/json",
        **headers,
    )


def test_the_lead_institution_reports_progress_with_its_key(reporting):
    milestone, raw = reporting
    response = _patch(
        milestone, {"progress": 60, "status": "in_progress"}, HTTP_AUTHORIZATION=f"Bearer {raw}"
    )
    assert response.status_code == 200, response.content
    assert response.json()["progress"] == 60
    commitment = Commitment.objects.get(pk=milestone.commitment_id)
    assert str(commitment.progress) == "60.00"
    record = Milestone.history.filter(id=milestone.pk).first()
    assert record.history_change_reason.startswith("API · ")
    assert _patch(milestone, {"progress": 70}, HTTP_X_API_KEY=raw).status_code == 200


def test_write_endpoints_refuse_missing_wrong_and_revoked_keys(reporting):
    milestone, raw = reporting
    _other, other_raw = api_key_create(organization=OrganizationFactory())
    assert _patch(milestone, {"progress": 10}).status_code == 403
    assert _patch(milestone, {"progress": 10}, HTTP_AUTHORIZATION="Bearer nope").status_code == 403
    wrong = _patch(milestone, {"progress": 10}, HTTP_AUTHORIZATION=f"Bearer {other_raw}")
    assert wrong.status_code == 403
    assert "otra institución" in wrong.json()["error"]["message"]
    key = milestone.commitment.lead_institution.api_keys.get()
    api_key_revoke(key=key)
    assert (
        _patch(milestone, {"progress": 10}, HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 403
    )
    assert Milestone.objects.get(pk=milestone.pk).progress == 0


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"progress": 150}, "progress"),
        ({"progress": -5}, "progress"),
        ({"status": "done"}, "status"),
        ({"status": "completed", "progress": 40}, "progress"),
        ({"completed_on": "ayer"}, "completed_on"),
    ],
)
def test_bad_progress_reports_are_400_and_change_nothing(reporting, body, field):
    milestone, raw = reporting
    response = _patch(milestone, body, HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 400
    assert any(field in loc["loc"] for loc in response.json()["error"]["fields"])
    assert Milestone.objects.get(pk=milestone.pk).progress == 0


def test_unknown_milestone_is_404(reporting):
    _milestone, raw = reporting
    response = Client().patch(
        "/api/v1/milestones/999999",
        "{}",
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {raw}",
    )
    assert response.status_code == 404


def test_evidence_links_are_added_by_key(reporting):
    milestone, raw = reporting
    url = f"/api/v1/milestones/{milestone.pk}/evidence"
    good = {"description": "Minuta publicada", "url": "https://example.org/minuta"}
    response = Client().post(
        url, json.dumps(good), content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {raw}"
    )
    assert response.status_code == 201
    assert Evidence.objects.get().description == "Minuta publicada"
    bad = Client().post(
        url,
        json.dumps({"description": "x", "url": "javascript:alert(1)"}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {raw}",
    )
    assert bad.status_code == 400
    assert Evidence.objects.count() == 1


def test_create_api_key_command_prints_the_key_last(capsys):
    organization = OrganizationFactory(slug="ayuntamiento-de-zapopan")
    call_command("create_api_key", "--organization", "ayuntamiento-de-zapopan")
    raw = capsys.readouterr().out.strip().splitlines()[-1]
    assert raw.startswith("cocrea_")
    assert organization.api_keys.get().digest != raw  # only a digest is stored
    milestone = MilestoneFactory(commitment=CommitmentFactory(lead_institution=organization))
    assert _patch(milestone, {"progress": 5}, HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 200
