"""Closing a process: who may, its result kept in the history, the summary sent once."""

import pytest
from django.core.exceptions import ValidationError

from cocrea.core.models import OrganizationMembership
from cocrea.core.tests.factories import UserFactory
from cocrea.lawmaking.closing import process_close
from cocrea.lawmaking.models import (
    AnswerStatus,
    ContributionSupport,
    LegislativeProcess,
    ProcessFollow,
)
from cocrea.lawmaking.tests.factories import ContributionFactory, process_with_text
from cocrea.monitoring.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def process(roles):
    congress = OrganizationMembership.objects.get(user=roles.liaison).organization
    process, version = process_with_text(
        articles=2, congress=congress, exercise=roles.exercise, slug="ley-cierre"
    )
    unit = version.units.get(key="articulo-1")
    statuses = [AnswerStatus.INCORPORATED, AnswerStatus.NOT_INCORPORATED, AnswerStatus.PENDING]
    for status in statuses:
        ContributionFactory(unit=unit, status=status)
    ContributionFactory(unit=unit, status=AnswerStatus.PARTLY, is_hidden=True)  # not counted
    return process


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("participant", False),
        ("other_liaison", False),
        ("other_coordinator", False),
        ("liaison", True),
        ("coordinator", True),
        ("secretariat", True),
        ("admin", True),
    ],
)
def test_who_may_close(roles, process, role, allowed):
    """The lead's view asks for `lawmaking.manage_process`; the service then closes."""
    user = getattr(roles, role)
    assert user.has_perm("lawmaking.manage_process", process) is allowed
    if allowed:
        assert process_close(actor=user, process=process, result="Aprobada.") == 4  # every author
        record = process.history.latest()
        assert record.history_user == user and record.result == "Aprobada."


def test_closing_records_the_result_and_sends_the_summary_once(roles, process):
    follower = UserFactory()
    ProcessFollow.objects.create(process=process, user=follower)
    first = process.contributions.first()
    ContributionSupport.objects.create(contribution=first, user=follower)
    queued = process_close(actor=roles.liaison, process=process, result=" Se aprobó el dictamen. ")
    process.refresh_from_db()
    assert process.result == "Se aprobó el dictamen." and process.summary_sent_at is not None
    assert queued == 5 == Notification.objects.count()  # four authors and the follower
    body = Notification.objects.get(user=follower).body
    assert "Se recibieron 3 aportaciones" in body and "respondió 2" in body
    assert "1 incorporadas" in body and "Se aprobó el dictamen." in body
    assert process.history.latest().history_change_reason == "Cierre del proceso"
    with pytest.raises(ValidationError, match="ya se cerró"):
        process_close(actor=roles.admin, process=process, result="Otro resultado")
    process.refresh_from_db()
    assert process.result == "Se aprobó el dictamen." and Notification.objects.count() == 5


def test_a_stale_copy_cannot_close_twice(roles, process):
    """Two committee members with the page open: the second finds it closed (the row is read
    again under lock, not trusted from the caller's copy)."""
    stale = LegislativeProcess.objects.get(pk=process.pk)
    process_close(actor=roles.liaison, process=process, result="Aprobada.")
    with pytest.raises(ValidationError):
        process_close(actor=roles.coordinator, process=stale, result="Rechazada.")
    assert LegislativeProcess.objects.get(pk=process.pk).result == "Aprobada."


@pytest.mark.parametrize("result", ["", "   ", "x" * 5001])
def test_a_bad_result_closes_nothing(roles, process, result):
    with pytest.raises(ValidationError):
        process_close(actor=roles.liaison, process=process, result=result)
    fresh = LegislativeProcess.objects.get(pk=process.pk)
    assert fresh.summary_sent_at is None and fresh.result == ""
    assert not Notification.objects.exists()


def test_html_in_the_result_is_kept_as_text(roles, process):
    process_close(actor=roles.liaison, process=process, result="<b>Aprobada</b>")
    assert LegislativeProcess.objects.get(pk=process.pk).result == "<b>Aprobada</b>"
