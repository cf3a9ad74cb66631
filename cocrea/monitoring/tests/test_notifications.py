"""Notifications are queued by requests and sent by the worker, once per event and person."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from cocrea.core.tests.factories import OrganizationMembershipFactory, UserFactory
from cocrea.core.tests.helpers import client_for
from cocrea.monitoring.models import Follow, Notification, NotificationSettings
from cocrea.monitoring.services import checks_run_all
from cocrea.monitoring.tests.factories import FollowFactory
from cocrea.plans.models import Milestone
from cocrea.plans.services import milestone_save
from cocrea.plans.tests.factories import CommitmentFactory, MilestoneFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def followed():
    commitment = CommitmentFactory(responsible_person="P")
    milestone = MilestoneFactory(commitment=commitment)
    follower = UserFactory(email="sigue@example.org")
    FollowFactory(user=follower, commitment=commitment)
    return commitment, milestone, follower


def _url(c):
    return f"/ejercicios/{c.plan.exercise.slug}/planes/{c.plan.number}/compromisos/{c.number}/"


def test_following_through_the_page(followed):
    commitment, _milestone, _follower = followed
    reader = UserFactory()
    client = client_for(reader)
    assert client.post(_url(commitment) + "seguir/", {"seguir": "1"}).status_code == 302
    assert Follow.objects.filter(user=reader, commitment=commitment).exists()
    assert "Dejar de seguir" in client.get(_url(commitment)).content.decode()
    client.post(_url(commitment) + "seguir/", {"seguir": "0"})
    assert not Follow.objects.filter(user=reader).exists()
    assert (
        Client().post(_url(commitment) + "seguir/", {"seguir": "1"}).status_code == 302
    )  # to sign in
    assert Follow.objects.count() == 1


def test_changes_queue_one_notice_a_day_and_the_worker_sends_it(followed):
    _commitment, milestone, follower = followed
    milestone_save(actor=None, milestone=milestone, progress=10)
    milestone_save(actor=None, milestone=milestone, progress=20)
    assert mail.outbox == []  # never sent during the change itself
    assert Notification.objects.filter(user=follower).count() == 1
    call_command("send_notifications")
    assert [m.to for m in mail.outbox] == [["sigue@example.org"]]
    call_command("send_notifications")
    assert len(mail.outbox) == 1


def test_people_who_turned_notices_off_get_none(followed):
    _commitment, milestone, follower = followed
    client = client_for(follower)
    data = {"public_name": "Vecina de Zapopan", "weekly_digest": "on", "liaison_alerts": "on"}
    assert client.post("/cuentas/avisos/", data).status_code == 302
    assert NotificationSettings.objects.get(user=follower).followed_changes is False
    follower.refresh_from_db()
    assert follower.public_name == "Vecina de Zapopan"
    milestone_save(actor=None, milestone=milestone, progress=10)
    assert not Notification.objects.exists()
    assert Client().get("/cuentas/avisos/").status_code == 302


def test_liaisons_are_alerted_of_overdue_milestones_once(followed):
    commitment, milestone, _follower = followed
    liaison = OrganizationMembershipFactory(organization=commitment.lead_institution).user
    Milestone.objects.filter(pk=milestone.pk).update(
        end_on=timezone.localdate() - dt.timedelta(days=5),
        updated_at=timezone.now() - dt.timedelta(days=30),
    )
    checks_run_all()
    checks_run_all()
    alerts = Notification.objects.filter(user=liaison)
    assert alerts.count() == 1
    assert "Hito vencido sin actualización" in alerts.get().subject


def test_weekly_digest_once_per_week(followed):
    _commitment, milestone, follower = followed
    milestone_save(actor=None, milestone=milestone, progress=10)
    Notification.objects.all().delete()
    call_command("send_weekly_digest")
    call_command("send_weekly_digest")
    digests = [m for m in mail.outbox if "resumen semanal" in m.subject]
    assert len(digests) == 1 and digests[0].to == [follower.email]


def test_authors_and_supporters_hear_when_their_proposal_is_taken_and_progresses(roles):
    import datetime as dt

    from cocrea.participation.models import Consultation
    from cocrea.participation.services import proposal_respond, proposal_submit, support_add

    now = timezone.now()
    consultation = Consultation.objects.create(
        exercise=roles.exercise,
        title="C",
        slug="c",
        opens_at=now - dt.timedelta(days=1),
        closes_at=now + dt.timedelta(days=1),
    )
    author, supporter = (
        UserFactory(email="autora@example.org"),
        UserFactory(email="apoya@example.org"),
    )
    proposal = proposal_submit(actor=author, consultation=consultation, title="Agua", body="x")
    support_add(actor=supporter, proposal=proposal)
    commitment = CommitmentFactory(responsible_person="P")
    proposal_respond(
        actor=roles.coordinator,
        proposal=proposal,
        status="taken",
        response="",
        commitment=commitment,
    )
    taken = Notification.objects.filter(key__startswith=f"answer:{proposal.pk}:taken:")
    assert {n.user.email for n in taken} == {"autora@example.org", "apoya@example.org"}
    milestone_save(actor=None, milestone=MilestoneFactory(commitment=commitment), progress=30)
    progressed = Notification.objects.filter(key__startswith=f"change:{commitment.pk}:")
    assert {n.user.email for n in progressed} == {"autora@example.org", "apoya@example.org"}
    assert mail.outbox == []


def test_a_proposal_not_taken_is_answered_to_those_who_want_news(roles):
    from cocrea.participation.models import Consultation
    from cocrea.participation.services import proposal_respond, proposal_submit, support_add

    now = timezone.now()
    consultation = Consultation.objects.create(
        exercise=roles.exercise,
        title="C",
        slug="c",
        opens_at=now - dt.timedelta(days=1),
        closes_at=now + dt.timedelta(days=1),
    )
    author, supporter = UserFactory(), UserFactory()
    NotificationSettings.objects.create(user=supporter, followed_changes=False)
    proposal = proposal_submit(actor=author, consultation=consultation, title="Agua", body="x")
    support_add(actor=supporter, proposal=proposal)
    proposal_respond(
        actor=roles.coordinator, proposal=proposal, status="not_taken", response="Sin presupuesto."
    )
    (notice,) = Notification.objects.all()
    assert notice.user == author
    assert "Sin presupuesto." in notice.body and "No se incorporó" in notice.body
    assert mail.outbox == []
    call_command("send_notifications")
    assert [m.to for m in mail.outbox] == [[author.email]]
