"""The exercise's watch page: which time-based rules fire and when, and "run the checks now"."""

import datetime as dt

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.utils import timezone

from cocrea.core.tests.helpers import client_for
from cocrea.monitoring.models import Finding
from cocrea.plans.models import MilestoneStatus
from cocrea.plans.tests.factories import CommitmentFactory, MilestoneFactory, PlanFactory

pytestmark = pytest.mark.django_db
MX = dt.timezone(dt.timedelta(hours=-6))
CREATED = dt.datetime(2026, 3, 2, 10, 0, tzinfo=MX)
STALE_AFTER = 30
DEADLINE = dt.date(2026, 4, 1)  # CREATED + 30 days: the last day the information is up to date
ALL_ROLES = [None, "participant", "other_liaison", "liaison", "other_coordinator"]


def _at(day: dt.date) -> time_machine.travel:
    return time_machine.travel(dt.datetime.combine(day, dt.time(10, 0), tzinfo=MX), tick=False)


@pytest.fixture
def watched(roles):
    """A commitment of the exercise led by the liaison's institution, created on CREATED."""
    roles.exercise.stale_after_days = STALE_AFTER
    roles.exercise.save()
    with time_machine.travel(CREATED, tick=False):
        plan = PlanFactory(exercise=roles.exercise, number=1)
        lead = roles.liaison.org_memberships.get().organization
        commitment = CommitmentFactory(
            plan=plan, number=1, lead_institution=lead, responsible_person="Ana Pérez, directora"
        )
    return commitment


def _url(roles, tail: str = "") -> str:
    return f"/ejercicios/{roles.exercise.slug}/vigilancia/{tail}"


@pytest.mark.parametrize("role", ALL_ROLES)
def test_only_those_running_the_exercise_see_the_page(roles, watched, role):
    response = client_for(getattr(roles, role) if role else None).get(_url(roles))
    assert response.status_code == (302 if role is None else 403)
    if role is None:
        assert response["Location"].startswith("/cuentas/login/")


@pytest.mark.parametrize("role", ALL_ROLES)
def test_only_those_running_the_exercise_run_the_checks(roles, watched, role):
    with _at(DEADLINE + dt.timedelta(days=1)):
        response = client_for(getattr(roles, role) if role else None).post(_url(roles, "revisar/"))
    assert response.status_code == (302 if role is None else 403)
    if role is None:
        assert response["Location"].startswith("/cuentas/login/")
    assert not Finding.objects.exists()


@pytest.mark.parametrize("role", ["secretariat", "coordinator", "admin"])
def test_the_coordination_sees_the_page_and_runs_the_checks(roles, watched, role):
    client = client_for(getattr(roles, role))
    with _at(DEADLINE - dt.timedelta(days=1)):
        page = client.get(_url(roles))
        assert page.status_code == 200
        assert "1 día" in page.content.decode()
        ran = client.post(_url(roles, "revisar/"))
    assert ran.status_code == 302 and ran["Location"] == _url(roles)
    assert not Finding.objects.filter(rule="ACT-01").exists()


def test_the_run_is_post_only(roles, watched):
    assert client_for(roles.coordinator).get(_url(roles, "revisar/")).status_code == 405
    assert client_for(roles.coordinator).post(_url(roles)).status_code == 405


def test_the_shadow_report_links_the_page_for_whoever_may_see_it(roles, watched):
    shadow = f"/ejercicios/{roles.exercise.slug}/informe-sombra/"
    assert _url(roles) in client_for(roles.coordinator).get(shadow).content.decode()
    assert _url(roles) not in client_for(roles.liaison).get(shadow).content.decode()
    assert _url(roles) not in client_for(None).get(shadow).content.decode()


def test_staleness_counts_down_and_fires_the_day_after_its_deadline(roles, watched):
    client = client_for(roles.coordinator)
    with _at(DEADLINE - dt.timedelta(days=1)):
        page = client.get(_url(roles))
        assert page.context["counts"]["fresh"] == 1 and page.context["counts"]["stale"] == 0
        [line] = page.context["page"]
        assert (line.kind, line.when, line.days_left) == ("fresh", DEADLINE, 1)
        client.post(_url(roles, "revisar/"))
        assert not Finding.objects.filter(rule="ACT-01").exists()
    with _at(DEADLINE + dt.timedelta(days=1)):
        page = client.get(_url(roles))
        [line] = page.context["page"]
        assert (line.kind, line.days_left) == ("stale", -1)
        assert "vencido hace 1 día" in page.content.decode()
        ran = client.post(_url(roles, "revisar/"), follow=True)
    finding = Finding.objects.get(rule="ACT-01", resolved_at__isnull=True)
    assert finding.commitment == watched
    [message] = [str(m) for m in get_messages(ran.wsgi_request)]
    assert "1 hallazgo nuevo, 0 resueltos, 1 abierto" in message


def test_a_milestone_due_this_week_turns_overdue_after_its_end(roles, watched):
    today = dt.date(2026, 3, 10)
    with _at(today):
        MilestoneFactory(commitment=watched, number=1, end_on=today + dt.timedelta(days=3))
        MilestoneFactory(commitment=watched, number=2, end_on=today + dt.timedelta(days=20))
        MilestoneFactory(
            commitment=watched,
            number=3,
            end_on=today - dt.timedelta(days=1),
            status=MilestoneStatus.COMPLETED,
        )
        page = client_for(roles.coordinator).get(_url(roles))
    due = [line for line in page.context["page"] if line.milestone_number]
    assert [(m.kind, m.milestone_number, m.days_left) for m in due] == [("due", 1, 3)]
    assert page.context["counts"]["due"] == 1 and page.context["counts"]["overdue"] == 0
    with _at(today + dt.timedelta(days=4)):
        client = client_for(roles.coordinator)
        page = client.get(_url(roles))
        first = page.context["page"][0]
        assert (first.kind, first.milestone_number, first.days_left) == ("overdue", 1, -1)
        assert page.context["counts"]["overdue"] == 1
        client.post(_url(roles, "revisar/"))
    assert Finding.objects.filter(rule="HIT-02", milestone__number=1).exists()


@pytest.mark.parametrize("n", [1, 6])
def test_the_page_query_count_does_not_grow(roles, django_assert_num_queries, n):
    plan = PlanFactory(exercise=roles.exercise)
    for commitment in CommitmentFactory.create_batch(n, plan=plan):
        MilestoneFactory(commitment=commitment, end_on=timezone.localdate())
    client = client_for(roles.coordinator)
    # session, account, exercise, the roles for the permission; commitments, their facts (3)
    with django_assert_num_queries(8):
        assert client.get(_url(roles)).status_code == 200
