"""The OGP co-creation standards checklist: computed from the records, attested where it cannot be."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from cocrea.core.tests.helpers import NON_EDITORS, PDF_BYTES, client_for
from cocrea.exercises.models import SeatSector
from cocrea.exercises.tests.factories import MemberFactory, SecretariatFactory, SessionFactory
from cocrea.monitoring.models import StandardAttestation
from cocrea.monitoring.standards import checklist
from cocrea.monitoring.standards_catalogue import DEFINITIONS

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def _status(exercise) -> dict[str, str]:
    return {item.code: item.status for item in checklist(exercise, TODAY)}


def test_an_empty_exercise_meets_only_the_website(roles):
    status = _status(roles.exercise)
    assert status == {
        "FORO-1": "not_met",
        "FORO-2": "not_met",
        "FORO-3": "not_met",
        "FORO-4": "not_met",
        "FORO-5": "not_met",
        "FORO-6": "not_met",
        "FORO-7": "pending",
        "WEB-1": "met",
        "REPO-1": "not_met",
        "INFO-1": "not_yet",
        "INFO-2": "not_yet",
        "AVISO-1": "pending",
        "DIFUS-1": "pending",
        "APORT-1": "not_met",
        "PART-1": "not_met",
        "PART-2": "not_met",
        "PART-3": "pending",
        "RESP-1": "pending",
        "COCR-1": "not_met",
        "COCR-2": "not_met",
        "COCR-3": "pending",
        "IMPL-1": "not_yet",
        "IMPL-2": "not_yet",
        "IMPL-3": "not_yet",
        "IMPL-4": "pending",
    }


def test_a_working_forum_meets_the_computed_items(roles):
    secretariat = SecretariatFactory(
        exercise=roles.exercise, rules_url="https://example.org/reglas"
    )
    MemberFactory(secretariat=secretariat, sector=SeatSector.GOVERNMENT)
    MemberFactory(secretariat=secretariat, sector=SeatSector.CIVIL_SOCIETY)
    minutes = SimpleUploadedFile("acta.pdf", PDF_BYTES)
    for months_ago in (10, 5, 1):
        SessionFactory(
            secretariat=secretariat,
            held_on=TODAY - dt.timedelta(days=30 * months_ago),
            minutes=minutes,
        )
    status = _status(roles.exercise)
    assert {status[c] for c in ("FORO-1", "FORO-2", "FORO-3", "REPO-1")} == {"met"}


def test_a_long_gap_between_sessions_fails_the_six_months(roles):
    secretariat = SecretariatFactory(exercise=roles.exercise)
    SessionFactory(secretariat=secretariat, held_on=TODAY - dt.timedelta(days=400))
    SessionFactory(secretariat=secretariat, held_on=TODAY - dt.timedelta(days=30))
    item = next(i for i in checklist(roles.exercise, TODAY) if i.code == "FORO-2")
    assert item.status == "not_met" and "370 días" in item.evidence[0]


@pytest.mark.parametrize("role", [None, *NON_EDITORS, "secretariat"])
def test_only_the_coordinator_attests(roles, role):
    url = f"/ejercicios/{roles.exercise.slug}/estandares/RESP-1/atestiguar/"
    response = client_for(getattr(roles, role) if role else None).post(
        url, {"url": "https://example.org/r"}
    )
    assert response.status_code == (302 if role is None else 403)
    assert not StandardAttestation.objects.exists()


@pytest.mark.parametrize("role", ["coordinator", "admin"])
def test_the_coordinator_attests_with_a_link(roles, role):
    base = f"/ejercicios/{roles.exercise.slug}/estandares/"
    client = client_for(getattr(roles, role))
    assert client.post(base + "RESP-1/atestiguar/", {"url": "no es enlace"}).status_code == 400
    assert (
        client.post(base + "FORO-2/atestiguar/", {"url": "https://example.org"}).status_code == 404
    )
    assert (
        client.post(
            base + "RESP-1/atestiguar/", {"url": "https://example.org/respuestas"}
        ).status_code
        == 302
    )
    body = Client().get(base).content.decode()
    assert "Atestiguado" in body and "https://example.org/respuestas" in body
    assert _status(roles.exercise)["RESP-1"] == "attested"


def test_api(roles):
    body = Client().get(f"/api/v1/standards/{roles.exercise.pk}").json()
    assert [i["code"] for i in body] == [d.code for d in DEFINITIONS]
    assert {"FORO-1", "FORO-2", "FORO-3", "WEB-1", "REPO-1", "RESP-1"} <= {i["code"] for i in body}
    assert next(i for i in body if i["code"] == "WEB-1")["status"] == "met"
    assert Client().get("/api/v1/standards/999999").status_code == 404


def test_reasoned_responses_are_computed_once_there_are_proposals(roles):
    from cocrea.participation.models import Consultation
    from cocrea.participation.services import proposal_respond, proposal_submit

    now = timezone.now()
    consultation = Consultation.objects.create(
        exercise=roles.exercise,
        title="C",
        slug="c",
        opens_at=now - dt.timedelta(days=1),
        closes_at=now + dt.timedelta(days=1),
    )
    proposal = proposal_submit(
        actor=roles.participant, consultation=consultation, title="Agua", body="x"
    )
    assert _status(roles.exercise)["RESP-1"] == "not_met"
    proposal_respond(
        actor=roles.coordinator,
        proposal=proposal,
        status="not_taken",
        response="Es competencia federal.",
    )
    item = next(i for i in checklist(roles.exercise, TODAY) if i.code == "RESP-1")
    assert item.status == "met" and "1 de 1" in item.evidence[0]
