"""The e-mails of each step, queued in the step's transaction: who gets which, once."""

import pytest

from cocrea.core.tests.factories import UserFactory
from cocrea.monitoring.models import Notification, NotificationSettings
from cocrea.requests.models import (
    EventKind,
    InstitutionFollow,
    RequestEvent,
    RequestFollow,
    Side,
    Status,
    Visibility,
)
from cocrea.requests.notices import reply_address, step_queue
from cocrea.requests.steps import step_add
from cocrea.requests.tests.factories_steps import Cast, cast_make


@pytest.fixture
def cast(db) -> Cast:
    return cast_make()


def _told(*users) -> dict[int, Notification]:
    rows = Notification.objects.all()
    assert sorted(rows.values_list("user_id", flat=True)) == sorted(u.pk for u in users)
    return {row.user_id: row for row in rows}


def test_reply_address_names_the_request_and_its_token(cast, settings):
    settings.REQUESTS_MAIL_DOMAIN = "correo.example.mx"
    token = cast.request.mail_token
    assert reply_address(cast.request) == f"solicitud-{cast.request.pk}-{token}@correo.example.mx"
    del settings.REQUESTS_MAIL_DOMAIN
    assert reply_address(cast.request).endswith("@solicitudes.localhost")


def test_an_institution_step_tells_the_requester_and_followers_not_the_liaisons(cast):
    follower, body_follower = UserFactory(), UserFactory()
    RequestFollow.objects.create(user=follower, request=cast.request)
    InstitutionFollow.objects.create(user=body_follower, organization=cast.body)
    step_add(
        request=cast.request,
        kind=EventKind.ANSWERED,
        side=Side.INSTITUTION,
        actor=cast.liaison,
        body="Se entrega la lista.",
    )
    told = _told(cast.requester, follower, body_follower)
    assert "Se entrega la lista." in told[cast.requester.pk].body
    assert "Se entrega la lista." not in told[follower.pk].body  # the page, after moderation
    assert cast.request.get_absolute_url() in told[body_follower.pk].body


def test_a_requester_step_tells_the_liaisons_with_the_reply_address(cast):
    step_add(
        request=cast.request,
        kind=EventKind.MESSAGE,
        side=Side.REQUESTER,
        actor=cast.requester,
        body="¿Hay avances?",
    )
    (notice,) = _told(cast.liaison).values()
    assert reply_address(cast.request) in notice.body
    assert "¿Hay avances?" in notice.body


def test_the_filing_tells_the_liaisons(cast):
    filed = RequestEvent.objects.get(request=cast.request, kind=EventKind.FILED)
    assert step_queue(event=filed) == 1
    (notice,) = _told(cast.liaison).values()
    assert cast.request.body in notice.body
    assert reply_address(cast.request) in notice.body
    assert step_queue(event=filed) == 0  # the same event never twice


def test_a_guarantor_resolution_tells_both_parties(db):
    cast = cast_make(status=Status.UNDER_APPEAL)
    step_add(
        request=cast.request,
        kind=EventKind.APPEAL_RESOLVED,
        side=Side.GUARANTOR,
        actor=cast.guarantor,
        body="Se ordena entregar.",
    )
    _told(cast.requester, cast.liaison)


def test_who_turned_notices_off_is_skipped(cast):
    follower = UserFactory()
    RequestFollow.objects.create(user=follower, request=cast.request)
    NotificationSettings.objects.create(user=follower, followed_changes=False)
    # A liaison's switch is their institution's alerts, not the news of what they follow.
    NotificationSettings.objects.create(user=cast.liaison, followed_changes=False)
    step_add(
        request=cast.request,
        kind=EventKind.MESSAGE,
        side=Side.REQUESTER,
        actor=cast.requester,
        body="Hola.",
    )
    _told(cast.liaison)
    Notification.objects.all().delete()
    NotificationSettings.objects.filter(user=cast.liaison).update(liaison_alerts=False)
    step_add(
        request=cast.request,
        kind=EventKind.MESSAGE,
        side=Side.REQUESTER,
        actor=cast.requester,
        body="Hola otra vez.",
    )
    assert not Notification.objects.exists()


def test_followers_hear_nothing_of_a_request_not_yet_public(db):
    cast = cast_make(visibility=Visibility.PENDING)
    follower = UserFactory()
    InstitutionFollow.objects.create(user=follower, organization=cast.body)
    step_add(
        request=cast.request,
        kind=EventKind.MESSAGE,
        side=Side.INSTITUTION,
        actor=cast.liaison,
        body="Mensaje.",
    )
    _told(cast.requester)


def test_the_actor_is_never_told(cast):
    RequestFollow.objects.create(user=cast.liaison, request=cast.request)
    step_add(
        request=cast.request,
        kind=EventKind.MESSAGE,
        side=Side.INSTITUTION,
        actor=cast.liaison,
        body="Mensaje.",
    )
    _told(cast.requester)
