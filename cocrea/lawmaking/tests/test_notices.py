"""What the people of a process are told (cocrea.lawmaking.notices): who, once each, never
twice for the same news, and never to someone who turned the news off or left."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from cocrea.core.tests.factories import UserFactory
from cocrea.lawmaking import debate_services, notices
from cocrea.lawmaking.models import (
    AnswerStatus,
    ContributionComment,
    ContributionSupport,
    DebateQuestion,
    PhaseKind,
    ProcessFollow,
    QuestionKind,
)
from cocrea.lawmaking.tests.factories import (
    ContributionFactory,
    PhaseFactory,
    VersionFactory,
    process_with_text,
)
from cocrea.monitoring.models import Notification, NotificationSettings

pytestmark = pytest.mark.django_db


def _told(prefix: str) -> list[int]:
    return sorted(
        Notification.objects.filter(key__startswith=prefix).values_list("user_id", flat=True)
    )


@pytest.fixture
def process():
    process, _version = process_with_text(articles=2)
    return process


def _contribution(process, **fields):
    unit = process.versions.get(number=1).units.get(key="articulo-1")
    return ContributionFactory(unit=unit, **fields)


def test_answer_reaches_author_and_supporters_once(process):
    contribution = _contribution(process)
    supporters = [UserFactory(), UserFactory()]
    for user in [*supporters, contribution.author]:  # the author supporting too: told once
        ContributionSupport.objects.create(contribution=contribution, user=user)
    contribution.status, contribution.answer = AnswerStatus.INCORPORATED, "La tomamos."
    contribution.answered_at = timezone.now()
    contribution.save()
    assert notices.answer_queue(contribution=contribution) == 3
    assert _told("law-answer:") == sorted([contribution.author.pk, *(u.pk for u in supporters)])
    notice = Notification.objects.filter(user=contribution.author).get()
    assert "Incorporada" in notice.body and "La tomamos." in notice.body
    notices.answer_queue(contribution=contribution)
    assert Notification.objects.count() == 3  # the same answer is news once


def test_a_new_answer_is_new_news(process):
    contribution = _contribution(process, answered_at=timezone.now() - dt.timedelta(days=1))
    notices.answer_queue(contribution=contribution)
    contribution.answered_at = timezone.now()
    notices.answer_queue(contribution=contribution)
    assert Notification.objects.filter(user=contribution.author).count() == 2


def test_version_reaches_followers_and_contributors_once(process):
    contribution = _contribution(process)
    follower = UserFactory()
    ProcessFollow.objects.create(process=process, user=follower)
    ProcessFollow.objects.create(process=process, user=contribution.author)
    _contribution(process, author=contribution.author)  # two contributions: one notice
    bystander = UserFactory()
    version = VersionFactory(process=process, number=2, label="Dictamen")
    contribution.incorporated_in = version
    contribution.save()
    notices.version_queue(version=version)
    assert _told("law-version:") == sorted([follower.pk, contribution.author.pk])
    assert bystander.pk not in _told("law-version:")
    assert "Incorpora 1 aportaciones" in Notification.objects.earliest("pk").body
    notices.version_queue(version=version)
    assert Notification.objects.count() == 2


def test_phases_queue_tells_of_phases_just_opened_once(process):
    follower = UserFactory()
    ProcessFollow.objects.create(process=process, user=follower)
    now = timezone.now()
    PhaseFactory(process=process, kind=PhaseKind.DEBATE, opens_at=now - dt.timedelta(hours=3))
    PhaseFactory(  # opened long ago: already told
        process=process, kind=PhaseKind.INFORMATION, opens_at=now - dt.timedelta(days=5)
    )
    PhaseFactory(  # not open yet
        process=process, kind=PhaseKind.REVIEW, opens_at=now + dt.timedelta(days=11),
        closes_at=now + dt.timedelta(days=20),
    )  # fmt: skip
    # (the factory's contributions phase opened a day ago: it counts too)
    assert notices.phases_queue(now=now) == 2
    assert _told("law-phase:") == [follower.pk, follower.pk]
    before = Notification.objects.count()
    notices.phases_queue(now=now)
    notices.phases_queue(now=now + dt.timedelta(hours=1))
    assert Notification.objects.count() == before


def test_a_second_run_reports_nothing_queued(process):
    ProcessFollow.objects.create(process=process, user=UserFactory())
    assert notices.phases_queue() == 1
    assert notices.phases_queue() == 0


def test_summary_reaches_everyone_who_took_part_once(process):
    contribution = _contribution(process)
    supporter, commenter, answerer, follower = (UserFactory() for _ in range(4))
    everything = UserFactory()  # did everything: one notice all the same
    bystander = UserFactory()
    for user in (supporter, everything):
        ContributionSupport.objects.create(contribution=contribution, user=user)
    for user in (commenter, everything):
        ContributionComment.objects.create(contribution=contribution, author=user, body="Sí")
    PhaseFactory(process=process, kind=PhaseKind.DEBATE)
    question = DebateQuestion.objects.create(process=process, text="¿?", kind=QuestionKind.OPEN)
    for user in (answerer, everything):
        debate_services.answer_save(actor=user, question=question, text="Opino")
    for user in (follower, everything):
        ProcessFollow.objects.create(process=process, user=user)
    _contribution(process, author=everything)
    figures = {"total": 2, "answered": 0, "incorporated": 0, "partly": 0, "not_incorporated": 0}
    queued = notices.summary_queue(process=process, figures=figures)
    expected = [contribution.author, supporter, commenter, answerer, follower, everything]
    assert queued == 6
    assert _told("law-summary:") == sorted(u.pk for u in expected)
    assert bystander.pk not in _told("law-summary:")
    assert "Se recibieron 2 aportaciones" in Notification.objects.earliest("pk").body


def test_no_news_for_those_who_turned_it_off_or_left(process):
    contribution = _contribution(process)
    quiet, gone, keen = UserFactory(), UserFactory(is_active=False), UserFactory()
    NotificationSettings.objects.create(user=quiet, followed_changes=False)
    NotificationSettings.objects.create(user=keen, followed_changes=True, weekly_digest=False)
    for user in (quiet, gone, keen):
        ProcessFollow.objects.create(process=process, user=user)
        ContributionSupport.objects.create(contribution=contribution, user=user)
    figures = {"total": 1, "answered": 0, "incorporated": 0, "partly": 0, "not_incorporated": 0}
    notices.summary_queue(process=process, figures=figures)
    assert _told("law-summary:") == sorted([contribution.author.pk, keen.pk])
    contribution.answered_at = timezone.now()
    notices.answer_queue(contribution=contribution)
    assert _told("law-answer:") == sorted([contribution.author.pk, keen.pk])
    notices.version_queue(version=VersionFactory(process=process, number=2))
    assert _told("law-version:") == sorted([contribution.author.pk, keen.pk])


def test_the_command_queues_phase_notices():
    process, _version = process_with_text(articles=1)
    ProcessFollow.objects.create(process=process, user=UserFactory())
    out = io.StringIO()
    call_command("lawmaking_notify_phases", stdout=out)
    assert out.getvalue().strip() == "1 avisos de fases en cola."
    assert Notification.objects.filter(key__startswith="law-phase:").count() == 1


def test_followers_hear_of_answers_once_a_day(process):
    follower = UserFactory()
    ProcessFollow.objects.create(process=process, user=follower)
    for _n in range(2):
        contribution = _contribution(process)
        contribution.status, contribution.answer = AnswerStatus.PARTLY, "En parte."
        contribution.answered_at = timezone.now()
        contribution.save()
        notices.answer_queue(contribution=contribution)
    told = Notification.objects.filter(user=follower)
    assert told.count() == 1 and told.get().key.startswith("law-answers:")
