"""/api/v1/ progress reports, findings and dashboard figures; reports filed with a key."""

import json
from typing import Any

import pytest
from django.test import Client

from cocrea.core.services import api_key_create
from cocrea.core.tests.factories import OrganizationFactory
from cocrea.monitoring.models import ProgressReport
from cocrea.monitoring.tests.factories import (
    FindingFactory,
    ProgressReportFactory,
    ReportReviewFactory,
)
from cocrea.plans.tests.factories import CommitmentFactory, MilestoneFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("n", [2, 20])
def test_lists_run_a_fixed_number_of_queries(django_assert_num_queries, n):
    for i in range(n):
        commitment = CommitmentFactory()
        report = ProgressReportFactory(
            commitment=commitment, reported_on="2020-01-01", narrative=f"R{i}"
        )
        ReportReviewFactory(report=report, verdict="disputed", note="No")
        FindingFactory(commitment=commitment, rule="RESP-01")
    with django_assert_num_queries(5):  # count, page, items, links, reviews
        body = Client().get("/api/v1/progress-reports").json()
    assert body["count"] == n and body["items"][0]["reviews"][0]["verdict"] == "disputed"
    with django_assert_num_queries(2):
        body = Client().get("/api/v1/findings?rule=RESP-01").json()
    assert body["count"] == n and body["items"][0]["title"] == "Sin persona responsable"


def test_dashboard_figures():
    commitment = CommitmentFactory()
    FindingFactory(commitment=commitment, rule="HIT-01", key="k1")
    CommitmentFactory(plan=commitment.plan)
    body = Client().get(f"/api/v1/dashboard?plan={commitment.plan_id}").json()
    assert (body["current"], body["up_to_date"], body["inconsistent"]) == (2, 2, 1)
    assert body["inconsistent_share"] == "50.0"
    charts = {c["key"]: c["rows"] for c in body["charts"]}
    assert {"avance", "a-tiempo", "informacion", "pilares", "tematicas"} == set(charts)
    assert {"label": "0 %", "value": 2} in charts["avance"]


@pytest.fixture
def keyed():
    milestone = MilestoneFactory(commitment=CommitmentFactory(responsible_person="P"))
    _key, raw = api_key_create(organization=milestone.commitment.lead_institution)
    return milestone, raw


def _post(body, raw=None):
    headers: dict[str, Any] = {"HTTP_AUTHORIZATION": f"Bearer {raw}"} if raw else {}
    return Client().post(
        "/api/v1/progress-reports", json.dumps(body), content_type="application/json", **headers
    )


def test_institutions_file_reports_with_their_key(keyed):
    milestone, raw = keyed
    body = {
        "commitment_id": milestone.commitment_id,
        "reported_on": "2020-05-01",
        "narrative": "Avance del trimestre",
        "progress": {str(milestone.pk): 55},
        "links": [{"description": "Minuta", "url": "https://example.org/m"}],
    }
    response = _post(body, raw)
    assert response.status_code == 201, response.content
    assert response.json()["items"] == [{"milestone_id": milestone.pk, "progress": 55}]
    milestone.refresh_from_db()
    assert milestone.progress == 55


def test_report_for_another_institutions_commitment_is_403(keyed):
    milestone, _raw = keyed
    _other, other_raw = api_key_create(organization=OrganizationFactory())
    body = {"commitment_id": milestone.commitment_id, "reported_on": "2020-05-01", "narrative": "x"}
    assert _post(body, other_raw).status_code == 403
    assert _post(body).status_code == 403
    assert not ProgressReport.objects.exists()


@pytest.mark.parametrize(
    "change",
    [
        {"reported_on": "2999-01-01"},
        {"narrative": ""},
        {"progress": {"999999": 10}},
        {"progress": {"MILESTONE": 150}},
    ],
)
def test_bad_reports_are_400_and_save_nothing(keyed, change):
    milestone, raw = keyed
    body = {
        "commitment_id": milestone.commitment_id,
        "reported_on": "2020-05-01",
        "narrative": "ok",
    } | change
    if "progress" in change and "MILESTONE" in change["progress"]:
        body["progress"] = {str(milestone.pk): 150}
    response = _post(body, raw)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid"
    assert not ProgressReport.objects.exists()
