"""Disputes and answers reach those who must act on them, through the queue, and the watch page
counts down the days left to answer a dispute from the day it was raised (VAL-01)."""

import datetime as dt

import pytest
import time_machine
from django.core import mail

from cocrea.core.tests.factories import OrganizationMembershipFactory, UserFactory
from cocrea.core.tests.helpers import client_for
from cocrea.exercises.models import ExerciseRole, SeatSector
from cocrea.exercises.tests.factories import ExerciseMembershipFactory
from cocrea.monitoring.models import Finding, Notification, ReportReview
from cocrea.monitoring.notifications import notifications_send
from cocrea.monitoring.selectors import exercise_watch
from cocrea.monitoring.services import checks_run_exercise
from cocrea.monitoring.tests.factories import ProgressReportFactory
from cocrea.plans.tests.factories import CommitmentFactory, PlanFactory

pytestmark = pytest.mark.django_db
MX = dt.timezone(dt.timedelta(hours=-6))
DISPUTED = dt.datetime(2026, 3, 2, 10, 0, tzinfo=MX)
LAST_DAY = dt.date(2026, 4, 1)  # 30 days after the dispute: the last day to answer


def _at(day: dt.date) -> time_machine.travel:
    return time_machine.travel(dt.datetime.combine(day, dt.time(10, 0), tzinfo=MX), tick=False)


@pytest.fixture
def reported(roles):
    lead = roles.liaison.org_memberships.get().organization
    plan = PlanFactory(exercise=roles.exercise, number=1)
    commitment = CommitmentFactory(
        plan=plan, number=1, lead_institution=lead, responsible_person="P", is_published=True
    )
    report = ProgressReportFactory(commitment=commitment, reported_on=dt.date(2026, 3, 1))
    civil = ExerciseMembershipFactory(
        exercise=roles.exercise, role=ExerciseRole.SECRETARIAT, sector=SeatSector.CIVIL_SOCIETY
    ).user
    base = f"/ejercicios/{roles.exercise.slug}/planes/1/compromisos/1/"
    return commitment, report, civil, base


def _dispute(client, base, report, note="No coincide con lo entregado"):
    return client.post(
        base + f"reportes/{report.pk}/validar/", {"verdict": "disputed", "note": note}
    )


def _notified(prefix: str) -> set[int]:
    return set(
        Notification.objects.filter(key__startswith=prefix).values_list("user_id", flat=True)
    )


def test_a_dispute_tells_the_lead_liaisons_and_the_coordination(roles, reported):
    commitment, report, civil, base = reported
    second_liaison = OrganizationMembershipFactory(organization=commitment.lead_institution).user
    retired = OrganizationMembershipFactory(
        organization=commitment.lead_institution, is_active=False
    ).user
    with time_machine.travel(DISPUTED, tick=False):
        assert _dispute(client_for(civil), base, report).status_code == 302
    told = _notified("dispute:")
    assert told == {roles.liaison.pk, second_liaison.pk, roles.coordinator.pk}
    assert retired.pk not in told and roles.other_liaison.pk not in told
    assert roles.other_coordinator.pk not in told and civil.pk not in told
    notice = Notification.objects.filter(user=roles.liaison).get()
    assert commitment.title[:40] in notice.subject
    assert "No coincide con lo entregado" in notice.body
    assert "hasta el 2026-04-01" in notice.body and "VAL-01" in notice.body
    assert mail.outbox == []  # queued, never sent inside the request
    assert notifications_send() == 3 and len(mail.outbox) == 3


def test_a_validation_tells_no_one(roles, reported):
    _commitment, report, civil, base = reported
    client_for(civil).post(
        base + f"reportes/{report.pk}/validar/", {"verdict": "validated", "note": ""}
    )
    assert not Notification.objects.exists()


def test_an_answer_tells_those_who_disputed_and_the_coordination(roles, reported):
    _commitment, report, civil, base = reported
    other_civil = ExerciseMembershipFactory(
        exercise=roles.exercise, role=ExerciseRole.SECRETARIAT, sector=SeatSector.CIVIL_SOCIETY
    ).user
    validator = ExerciseMembershipFactory(
        exercise=roles.exercise, role=ExerciseRole.SECRETARIAT, sector=SeatSector.CIVIL_SOCIETY
    ).user
    _dispute(client_for(civil), base, report)
    _dispute(client_for(other_civil), base, report, note="Tampoco hay evidencia")
    client_for(validator).post(
        base + f"reportes/{report.pk}/validar/", {"verdict": "validated", "note": "Bien"}
    )
    review = ReportReview.objects.filter(reviewer=civil).get()
    url = base + f"validaciones/{review.pk}/responder/"
    response = client_for(roles.liaison).post(url, {"answer": "Ya publicamos el acta."})
    assert response.status_code == 302
    assert _notified("answer:") == {civil.pk, other_civil.pk, roles.coordinator.pk}
    notice = Notification.objects.filter(key__startswith="answer:", user=civil).get()
    assert "Ya publicamos el acta." in notice.body
    assert mail.outbox == []
    # a second answer is news again
    client_for(roles.liaison).post(url, {"answer": "Y el informe final."})
    assert Notification.objects.filter(key__startswith="answer:", user=civil).count() == 2


def test_an_inactive_account_is_not_told(roles, reported):
    _commitment, report, civil, base = reported
    roles.coordinator.is_active = False
    roles.coordinator.save()
    _dispute(client_for(civil), base, report)
    assert roles.coordinator.pk not in _notified("dispute:")


def test_the_countdown_shows_from_day_one_and_the_rule_fires_after_the_last_day(roles, reported):
    _commitment, report, civil, base = reported
    with time_machine.travel(DISPUTED, tick=False):
        _dispute(client_for(civil), base, report)
        lines = [w for w in exercise_watch(exercise=roles.exercise) if w.kind == "dispute"]
        assert [(w.when, w.days_left) for w in lines] == [(LAST_DAY, 30)]
        page = client_for(roles.coordinator).get(f"/ejercicios/{roles.exercise.slug}/vigilancia/")
        body = page.content.decode()
        assert "Cuestionamiento por responder" in body and "30 días" in body
    with _at(LAST_DAY):
        lines = [w for w in exercise_watch(exercise=roles.exercise) if w.kind == "dispute"]
        assert [w.days_left for w in lines] == [0]
        checks_run_exercise(exercise=roles.exercise)
        assert not Finding.objects.filter(rule="VAL-01", resolved_at=None).exists()
    with _at(LAST_DAY + dt.timedelta(days=1)):
        lines = [w for w in exercise_watch(exercise=roles.exercise) if w.kind == "unanswered"]
        assert [w.days_late for w in lines] == [1]
        checks_run_exercise(exercise=roles.exercise)
        assert Finding.objects.filter(rule="VAL-01", resolved_at=None).exists()
        body = (
            client_for(roles.coordinator)
            .get(f"/ejercicios/{roles.exercise.slug}/vigilancia/")
            .content.decode()
        )
        assert "Cuestionamiento sin respuesta" in body and "vencido hace 1 día" in body
        review = ReportReview.objects.get()
        client_for(roles.liaison).post(
            base + f"validaciones/{review.pk}/responder/", {"answer": "Respondemos."}
        )
        assert not [w for w in exercise_watch(exercise=roles.exercise) if "dispute" in w.kind]
        assert not Finding.objects.filter(rule="VAL-01", resolved_at=None).exists()


@pytest.mark.parametrize("n", [1, 6])
def test_the_watch_page_query_count_does_not_grow_with_disputes(
    roles, reported, django_assert_num_queries, n
):
    commitment, _report, _civil, _base = reported
    for i in range(n):
        other = CommitmentFactory(plan=commitment.plan, is_published=True)
        disputed = ProgressReportFactory(commitment=other)
        ReportReview.objects.create(
            report=disputed, reviewer=UserFactory(), verdict="disputed", note=f"Duda {i}"
        )
    client = client_for(roles.coordinator)
    # session, account, exercise, the roles for the permission; commitments, their facts (3)
    with django_assert_num_queries(8):
        response = client.get(f"/ejercicios/{roles.exercise.slug}/vigilancia/")
    assert response.content.decode().count("Cuestionamiento por responder") == n
