"""Every item of the OGP standards (2022): its source, how it is computed, who attests it."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cocrea.core.tests.factories import UserFactory
from cocrea.core.tests.helpers import NON_EDITORS, PDF_BYTES, client_for
from cocrea.exercises.models import ExerciseRole, SeatSector
from cocrea.exercises.tests.factories import (
    AttendanceFactory,
    ExerciseMembershipFactory,
    MemberFactory,
    SecretariatFactory,
    SessionFactory,
)
from cocrea.monitoring.models import StandardAttestation, Verdict
from cocrea.monitoring.standards import ATTESTABLE, checklist, requirements
from cocrea.monitoring.standards_catalogue import DEFINITIONS, STANDARDS, Basis
from cocrea.monitoring.tests.factories import (
    FindingFactory,
    ProgressReportFactory,
    ReportReviewFactory,
)
from cocrea.participation.models import Axis, Proposal, ProposalStatus, WorkingTable
from cocrea.participation.tests.factories import ConsultationFactory
from cocrea.plans.models import PlanStage, PlanStatus
from cocrea.plans.tests.factories import CommitmentFactory, PlanFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
MINIMUM = ["1.1", "2.1", "2.2", "3.1", "3.2", "3.3", "4.1", "5.1"]


def _item(exercise, code):
    return next(i for i in checklist(exercise, TODAY) if i.code == code)


def _days(n: int) -> dt.date:
    return TODAY - dt.timedelta(days=n)


# The catalogue ----------------------------------------------------------------------------


def test_the_catalogue_covers_every_minimum_requirement_of_the_five_standards():
    assert [s.number for s in STANDARDS] == [1, 2, 3, 4, 5]
    numbers = list(dict.fromkeys(d.requirement for d in DEFINITIONS if d.requirement))
    assert numbers == MINIMUM
    for standard in STANDARDS:
        others = [d for d in DEFINITIONS if d.standard == standard.number and not d.requirement]
        assert others, f"standard {standard.number} lists only its minimum"
    codes = [d.code for d in DEFINITIONS]
    assert len(set(codes)) == len(codes)
    longest = StandardAttestation._meta.get_field("item").max_length or 0
    assert all(len(c) <= longest for c in codes)


def test_every_item_cites_ogp_and_says_how_it_is_decided():
    for d in DEFINITIONS:
        assert d.source.url.startswith("https://www.opengovpartnership.org/"), d.code
        assert str(d.source.section) and str(d.asks) and str(d.how), d.code
        if d.requirement:
            assert d.requirement in str(d.source.section), d.code
    attested = {d.code for d in DEFINITIONS if d.basis == Basis.ATTESTED}
    assert attested == {"FORO-7", "DIFUS-1", "PART-3", "COCR-3", "IMPL-4"}
    assert attested | {"AVISO-1", "RESP-1"} == ATTESTABLE


# The page ---------------------------------------------------------------------------------


def test_the_page_groups_the_five_standards_and_cites_the_source(roles):
    body = Client().get(f"/ejercicios/{roles.exercise.slug}/estandares/").content.decode()
    for n in range(1, 6):
        assert f'id="estandar-{n}"' in body
    for d in DEFINITIONS:
        assert f'id="{d.code}"' in body
        assert d.source.url in body
    assert "1 de 8 requisitos mínimos cumplidos" in body  # 2.1: this site
    assert "https://www.opengovpartnership.org/es/ogp-participation-co-creation-standards/" in body
    assert "Aún no corresponde" in body and "Pendiente de atestiguar" in body
    assert "<table" not in body  # stacked lists: nothing to scroll sideways at 320 px
    assert "/atestiguar/" not in body  # visitors get no attestation links


def test_the_coordinator_sees_a_link_for_every_attestable_item_only(roles):
    body = client_for(roles.coordinator).get(f"/ejercicios/{roles.exercise.slug}/estandares/")
    text = body.content.decode()
    for d in DEFINITIONS:
        link = f"/estandares/{d.code}/atestiguar/"
        assert (link in text) == (d.code in ATTESTABLE), d.code


def _busy_exercise(exercise, n: int) -> None:
    """n of everything the standards read: sessions, members, proposals, reports…"""
    secretariat = SecretariatFactory(exercise=exercise, rules_url="https://example.org/reglas")
    plan = PlanFactory(exercise=exercise, period_start=_days(300))
    consultation = ConsultationFactory(exercise=exercise, plan=plan)
    for i in range(n):
        MemberFactory(secretariat=secretariat, sector=SeatSector.CIVIL_SOCIETY)
        session = SessionFactory(secretariat=secretariat, held_on=_days(10 + i))
        AttendanceFactory(session=session, sector=SeatSector.CIVIL_SOCIETY)
        PlanStage.objects.create(plan=plan, order=i, name=f"Etapa {i}", start_on=_days(200))
        Axis.objects.create(consultation=consultation, order=i, name=f"Eje {i}")
        Proposal.objects.create(consultation=consultation, title=f"P{i}", body="x")
        WorkingTable.objects.create(consultation=consultation, held_on=_days(i), government=1)
        report = ProgressReportFactory(commitment=CommitmentFactory(plan=plan))
        ReportReviewFactory(report=report, verdict=Verdict.DISPUTED)
        FindingFactory(commitment=report.commitment)


def _queries(exercise) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = Client().get(f"/ejercicios/{exercise.slug}/estandares/")
    assert response.status_code == 200
    return len(queries)


def test_the_page_costs_the_same_queries_however_many_records(roles):
    _busy_exercise(roles.exercise, 1)
    few = _queries(roles.exercise)
    _busy_exercise(roles.exercise, 6)
    assert _queries(roles.exercise) == few
    assert few <= 24


# Standard 1 -------------------------------------------------------------------------------


def test_balance_minutes_and_attendance_of_the_forum(roles):
    secretariat = SecretariatFactory(exercise=roles.exercise)
    MemberFactory(secretariat=secretariat, sector=SeatSector.GOVERNMENT)
    MemberFactory(secretariat=secretariat, sector=SeatSector.GOVERNMENT)
    MemberFactory(secretariat=secretariat, sector=SeatSector.CIVIL_SOCIETY)
    session = SessionFactory(
        secretariat=secretariat,
        held_on=_days(20),
        minutes=SimpleUploadedFile("acta.pdf", PDF_BYTES),
    )
    AttendanceFactory(session=session, sector=SeatSector.GOVERNMENT)
    bare = SessionFactory(secretariat=secretariat, held_on=_days(5))
    assert _item(roles.exercise, "FORO-4").status == "not_met"
    assert "Sector público: 2; sociedad civil: 1." in _item(roles.exercise, "FORO-4").evidence
    assert _item(roles.exercise, "FORO-5").status == "not_met"
    assert _item(roles.exercise, "FORO-6").status == "not_met"

    MemberFactory(secretariat=secretariat, sector=SeatSector.CIVIL_SOCIETY)
    AttendanceFactory(session=session, sector=SeatSector.CIVIL_SOCIETY)
    bare.delete()
    assert _item(roles.exercise, "FORO-4").status == "met"
    assert _item(roles.exercise, "FORO-5").status == "met"
    assert _item(roles.exercise, "FORO-6").status == "met"


def test_the_rules_link_is_the_items_link(roles):
    SecretariatFactory(exercise=roles.exercise, rules_url="https://example.org/reglas")
    item = _item(roles.exercise, "FORO-3")
    assert item.status == "met" and item.url == "https://example.org/reglas"


# Standard 2 -------------------------------------------------------------------------------


def test_timely_progress_and_evidence_follow_the_plan_in_implementation(roles):
    plan = PlanFactory(exercise=roles.exercise, period_start=_days(200))
    fresh, stale = CommitmentFactory(plan=plan), CommitmentFactory(plan=plan)
    ProgressReportFactory(commitment=fresh, reported_on=_days(10))
    ProgressReportFactory(commitment=stale, reported_on=_days(400))
    item = _item(roles.exercise, "INFO-1")
    assert item.status == "not_met" and "1 de 2 compromisos" in item.evidence[0]
    ProgressReportFactory(commitment=stale, reported_on=_days(1))
    assert _item(roles.exercise, "INFO-1").status == "met"

    assert _item(roles.exercise, "INFO-2").status == "met"
    finding = FindingFactory(commitment=fresh, rule="HIT-01")
    assert _item(roles.exercise, "INFO-2").status == "not_met"
    finding.resolved_at = timezone.now()
    finding.save()
    assert _item(roles.exercise, "INFO-2").status == "met"


def test_documents_of_a_draft_plan_are_not_in_the_repository(roles):
    from cocrea.plans.models import PlanDocument

    draft = PlanFactory(exercise=roles.exercise, status=PlanStatus.DRAFT)
    for days in (10, 100):
        PlanDocument.objects.create(plan=draft, title="Borrador", published_on=_days(days))
    assert _item(roles.exercise, "REPO-1").status == "not_met"
    public = PlanFactory(exercise=roles.exercise, status=PlanStatus.PUBLISHED)
    for days in (10, 100):
        PlanDocument.objects.create(plan=public, title="Plan", published_on=_days(days))
    assert _item(roles.exercise, "REPO-1").status == "met"


# Standard 3 -------------------------------------------------------------------------------


def _co_creation(exercise, opens_in_days: int):
    plan = PlanFactory(exercise=exercise, status=PlanStatus.CO_CREATION)
    PlanStage.objects.create(plan=plan, order=1, name="Consulta", start_on=_days(-opens_in_days))
    now = timezone.now()
    return ConsultationFactory(
        exercise=exercise,
        plan=plan,
        opens_at=now + dt.timedelta(days=opens_in_days),
        closes_at=now + dt.timedelta(days=opens_in_days + 20),
    )


def test_the_timeline_is_public_two_weeks_before_co_creation_starts(roles):
    _co_creation(roles.exercise, opens_in_days=20)
    item = _item(roles.exercise, "AVISO-1")
    assert item.status == "met" and "20 días de anticipación" in item.evidence[0]


def test_a_timeline_published_a_few_days_before_fails_the_notice(roles):
    _co_creation(roles.exercise, opens_in_days=5)
    assert _item(roles.exercise, "AVISO-1").status == "not_met"


def test_without_a_timeline_the_coordination_attests_the_notice(roles):
    StandardAttestation.objects.create(
        exercise=roles.exercise, item="AVISO-1", url="https://example.org/aviso", attested_on=TODAY
    )
    item = _item(roles.exercise, "AVISO-1")
    assert item.status == "attested" and item.url == "https://example.org/aviso"


def test_inputs_channels_and_information_of_the_consultations(roles):
    now = timezone.now()
    short = ConsultationFactory(
        exercise=roles.exercise, opens_at=now - dt.timedelta(days=3), closes_at=now
    )
    assert _item(roles.exercise, "APORT-1").status == "not_met"
    assert _item(roles.exercise, "PART-1").status == "not_met"
    assert _item(roles.exercise, "PART-2").status == "not_met"

    short.closes_at = now + dt.timedelta(days=20)
    short.description = "De qué trata la consulta y cómo se usarán las propuestas."
    short.save()
    Axis.objects.create(consultation=short, order=1, name="Agua")
    WorkingTable.objects.create(consultation=short, held_on=TODAY, government=2, civil_society=3)
    assert _item(roles.exercise, "APORT-1").status == "met"
    assert _item(roles.exercise, "PART-1").status == "met"
    assert _item(roles.exercise, "PART-2").status == "met"


def test_a_consultation_not_yet_open_is_no_mechanism_yet(roles):
    now = timezone.now()
    ConsultationFactory(
        exercise=roles.exercise,
        opens_at=now + dt.timedelta(days=3),
        closes_at=now + dt.timedelta(days=40),
    )
    assert _item(roles.exercise, "APORT-1").status == "not_met"


# Standard 4 -------------------------------------------------------------------------------


def test_co_created_tables_and_traceable_proposals(roles):
    consultation = ConsultationFactory(exercise=roles.exercise)
    WorkingTable.objects.create(consultation=consultation, held_on=TODAY, government=2)
    assert _item(roles.exercise, "COCR-1").status == "not_met"
    WorkingTable.objects.update(civil_society=4)
    assert _item(roles.exercise, "COCR-1").status == "met"

    taken = Proposal.objects.create(
        consultation=consultation, title="Agua", body="x", status=ProposalStatus.TAKEN
    )
    item = _item(roles.exercise, "COCR-2")
    assert item.status == "not_met" and "0 de 1" in item.evidence[0]
    taken.commitment = CommitmentFactory(plan=PlanFactory(exercise=roles.exercise))
    taken.save()
    assert _item(roles.exercise, "COCR-2").status == "met"


def test_hidden_proposals_are_out_of_the_reasoned_response(roles):
    consultation = ConsultationFactory(exercise=roles.exercise)
    Proposal.objects.create(consultation=consultation, title="Spam", body="x", is_hidden=True)
    assert _item(roles.exercise, "RESP-1").status == "pending"


# Standard 5 -------------------------------------------------------------------------------


def test_two_meetings_with_civil_society_during_implementation(roles):
    assert _item(roles.exercise, "IMPL-1").status == "not_yet"
    PlanFactory(exercise=roles.exercise, period_start=_days(300))
    secretariat = SecretariatFactory(exercise=roles.exercise)
    before = SessionFactory(secretariat=secretariat, held_on=_days(400))
    AttendanceFactory(session=before, sector=SeatSector.CIVIL_SOCIETY)
    during = SessionFactory(secretariat=secretariat, held_on=_days(100))
    AttendanceFactory(session=during, sector=SeatSector.CIVIL_SOCIETY)
    SessionFactory(secretariat=secretariat, held_on=_days(50))  # no attendance on record
    item = _item(roles.exercise, "IMPL-1")
    assert item.status == "not_met" and "2 sesiones, 1 con sociedad civil" in item.evidence[0]
    again = SessionFactory(secretariat=secretariat, held_on=_days(20))
    AttendanceFactory(session=again, sector=SeatSector.CIVIL_SOCIETY)
    assert _item(roles.exercise, "IMPL-1").status == "met"
    assert all(r.met for r in requirements(checklist(roles.exercise, TODAY)) if r.number == "5.1")


def test_civil_society_reviews_and_institutions_answer(roles):
    plan = PlanFactory(exercise=roles.exercise, period_start=_days(100))
    report = ProgressReportFactory(commitment=CommitmentFactory(plan=plan))
    assert _item(roles.exercise, "IMPL-2").status == "not_met"
    assert _item(roles.exercise, "IMPL-3").status == "met"
    review = ReportReviewFactory(report=report, verdict=Verdict.DISPUTED)
    assert _item(roles.exercise, "IMPL-2").status == "met"
    assert _item(roles.exercise, "IMPL-3").status == "not_met"
    review.answer, review.answered_at = "Ya se publicó el padrón.", timezone.now()
    review.save()
    assert _item(roles.exercise, "IMPL-3").status == "met"


def test_a_corrected_report_needs_no_review_of_its_own(roles):
    plan = PlanFactory(exercise=roles.exercise, period_start=_days(100))
    first = ProgressReportFactory(commitment=CommitmentFactory(plan=plan))
    correction = ProgressReportFactory(commitment=first.commitment, corrects=first)
    ReportReviewFactory(report=correction)
    assert _item(roles.exercise, "IMPL-2").status == "met"


# Attestation: each role's access ----------------------------------------------------------


def _civil_society():
    return ExerciseMembershipFactory(
        role=ExerciseRole.SECRETARIAT, sector=SeatSector.CIVIL_SOCIETY
    ).user


@pytest.mark.parametrize("role", [None, *NON_EDITORS, "secretariat", "civil_society"])
def test_only_the_coordination_attests_an_attested_item(roles, role):
    user = _civil_society() if role == "civil_society" else getattr(roles, role) if role else None
    if role == "civil_society":
        assert user is not None
        user.exercise_memberships.update(exercise=roles.exercise)
    url = f"/ejercicios/{roles.exercise.slug}/estandares/DIFUS-1/atestiguar/"
    client = client_for(user)
    assert client.get(url).status_code == (302 if role is None else 403)
    response = client.post(url, {"url": "https://example.org/difusion"})
    assert response.status_code == (302 if role is None else 403)
    assert not StandardAttestation.objects.exists()


@pytest.mark.parametrize("role", ["coordinator", "admin"])
def test_the_coordination_attests_outreach_and_bad_input_shows_the_form_again(roles, role):
    base = f"/ejercicios/{roles.exercise.slug}/estandares/"
    client = client_for(getattr(roles, role))
    assert client.get(base + "DIFUS-1/atestiguar/").status_code == 200
    bad = client.post(base + "DIFUS-1/atestiguar/", {"url": "no es enlace", "note": "Foros"})
    assert bad.status_code == 400
    assert 'name="url"' in bad.content.decode() and "errorlist" in bad.content.decode()
    assert client.post(base + "IMPL-1/atestiguar/", {"url": "https://e.org"}).status_code == 404
    good = client.post(
        base + "DIFUS-1/atestiguar/", {"url": "https://example.org/difusion", "note": "Foros"}
    )
    assert good.status_code == 302
    item = _item(roles.exercise, "DIFUS-1")
    assert item.status == "attested" and "Foros" in item.evidence
    assert "https://example.org/difusion" in Client().get(base).content.decode()


def test_another_exercise_attestation_does_not_count(roles):
    other = ExerciseMembershipFactory(user=UserFactory()).exercise
    StandardAttestation.objects.create(
        exercise=other, item="PART-3", url="https://example.org/x", attested_on=TODAY
    )
    assert _item(roles.exercise, "PART-3").status == "pending"
