"""Filing, recording, following and moderating requests: the services."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from cocrea.core.tests.factories import OrganizationFactory, UserFactory
from cocrea.requests import profiles, services
from cocrea.requests.models import (
    Channel,
    EventKind,
    InformationRequest,
    InstitutionFollow,
    LegalProfile,
    LegalTerm,
    RequestEvent,
    RequestFollow,
    RequestRedaction,
    Side,
    Status,
    Visibility,
)
from cocrea.requests.tests.factories import (
    InformationRequestFactory,
    RequestEventFactory,
    general_profile,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def general():
    return general_profile()


def _file(**fields):
    values = {
        "organization": OrganizationFactory(),
        "requester": UserFactory(),
        "pseudonym": "Solicitante A1",
        "title": "Gasto en publicidad oficial",
        "body": "Pido los contratos de publicidad oficial de 2025.",
    }
    return services.request_file(**{**values, **fields})


def test_filing_creates_a_pending_request_with_its_filed_event(general):
    request = _file()
    assert request.visibility == Visibility.PENDING
    assert request.status == Status.WAITING
    assert request.profile == profiles.profile_for(request.organization)
    assert request.channel == Channel.PLATFORM
    event = request.events.get()
    assert (event.kind, event.side, event.to_status) == (
        EventKind.FILED,
        Side.REQUESTER,
        Status.WAITING,
    )
    assert event.actor == request.requester
    assert event.at == request.filed_at


def test_filing_on_the_platform_ignores_a_given_date(general):
    old = timezone.now() - dt.timedelta(days=30)
    request = _file(filed_at=old)
    assert request.filed_at > old + dt.timedelta(days=29)


def test_filing_computes_the_clock(general):
    request = _file()
    request.refresh_from_db()
    assert request.due_on is not None


def test_recording_a_pnt_request_says_so_in_its_event(general):
    filed = timezone.now() - dt.timedelta(days=3)
    request = _file(channel=Channel.PNT, folio="330024625000123", filed_at=filed)
    assert request.filed_at == filed
    assert request.folio == "330024625000123"
    event = request.events.get()
    assert "330024625000123" in event.body
    assert "Plataforma Nacional de Transparencia" in event.body


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"channel": Channel.PNT, "folio": ""}, "folio"),
        ({"channel": Channel.PNT, "folio": "x" * 41}, "folio"),
        ({"pseudonym": "   "}, "pseudonym"),
        ({"title": ""}, "title"),
        ({"body": " "}, "body"),
        ({"body": "x" * 8001}, "body"),
        (
            {"channel": Channel.OTHER, "filed_at": timezone.now() + dt.timedelta(days=2)},
            "filed_at",
        ),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(general, fields, field):
    with pytest.raises(ValidationError) as error:
        _file(**fields)
    assert field in error.value.error_dict
    assert not InformationRequest.objects.exists()
    assert not RequestEvent.objects.exists()


def test_a_folio_is_recorded_once_per_body(general):
    organization = OrganizationFactory()
    _file(organization=organization, channel=Channel.PNT, folio="F-1")
    with pytest.raises(ValidationError) as error:
        _file(organization=organization, channel=Channel.PNT, folio=" F-1 ")
    assert "ya está registrado" in str(error.value.error_dict["folio"])
    _file(channel=Channel.PNT, folio="F-1")  # another body may have the same folio
    assert InformationRequest.objects.count() == 2


def test_without_any_law_configured_filing_says_so():
    LegalTerm.objects.all().delete()
    LegalProfile.objects.all().delete()
    with pytest.raises(ValidationError):
        _file()
    assert not InformationRequest.objects.exists()


def test_following_is_set_and_unset_idempotently():
    request, user = InformationRequestFactory(), UserFactory()
    assert services.request_follow_set(user=user, request=request, follow=True)
    services.request_follow_set(user=user, request=request, follow=True)
    assert RequestFollow.objects.filter(user=user).count() == 1
    services.request_follow_set(user=user, request=request, follow=False)
    assert not RequestFollow.objects.exists()
    organization = request.organization
    services.institution_follow_set(user=user, organization=organization, follow=True)
    services.institution_follow_set(user=user, organization=organization, follow=True)
    assert InstitutionFollow.objects.count() == 1
    services.institution_follow_set(user=user, organization=organization, follow=False)
    assert not InstitutionFollow.objects.exists()


def test_moderation_publishes_and_hides_with_a_reason():
    admin = UserFactory(is_superuser=True)
    request = InformationRequestFactory(visibility=Visibility.PENDING)
    services.request_moderate(actor=admin, request=request, action="publish")
    request.refresh_from_db()
    assert request.visibility == Visibility.PUBLIC
    with pytest.raises(ValidationError):
        services.request_moderate(actor=admin, request=request, action="hide", reason="  ")
    request.refresh_from_db()
    assert request.visibility == Visibility.PUBLIC
    services.request_moderate(actor=admin, request=request, action="hide", reason="Insultos")
    request.refresh_from_db()
    assert (request.visibility, request.hidden_reason) == (Visibility.HIDDEN, "Insultos")


def test_redaction_replaces_the_passage_and_keeps_the_original_private():
    admin = UserFactory(is_superuser=True)
    body = "Soy Juan Pérez, tel. 3312345678. Pido los contratos. Juan Pérez."
    request = InformationRequestFactory(body=body)
    redaction = services.request_redact(
        actor=admin, request=request, passage="Juan Pérez", reason="Nombre del solicitante"
    )
    request.refresh_from_db()
    assert request.body == "Soy [testado], tel. 3312345678. Pido los contratos. [testado]."
    assert redaction.original == body
    assert redaction.actor == admin


def test_redaction_of_the_title_and_of_an_event():
    admin = UserFactory(is_superuser=True)
    request = InformationRequestFactory(title="Contratos que firmó Ana López")
    event = RequestEventFactory(request=request, kind=EventKind.MESSAGE, body="Mi CURP es ABC123")
    services.request_redact(
        actor=admin, request=request, passage="Ana López", reason="Nombre", field="title"
    )
    services.request_redact(
        actor=admin, request=request, passage="ABC123", reason="CURP", event=event
    )
    request.refresh_from_db()
    event.refresh_from_db()
    assert request.title == "Contratos que firmó [testado]"
    assert event.body == "Mi CURP es [testado]"
    assert RequestRedaction.objects.filter(event=event).get().original == "Mi CURP es ABC123"


@pytest.mark.parametrize(
    ("passage", "reason", "field"),
    [("no aparece", "Motivo", "passage"), ("", "Motivo", "passage"), ("contratos", "", "reason")],
)
def test_bad_redactions_are_refused(passage, reason, field):
    admin = UserFactory(is_superuser=True)
    request = InformationRequestFactory(body="Pido los contratos.")
    with pytest.raises(ValidationError) as error:
        services.request_redact(actor=admin, request=request, passage=passage, reason=reason)
    assert field in error.value.error_dict
    request.refresh_from_db()
    assert request.body == "Pido los contratos."
    assert not RequestRedaction.objects.exists()


def test_a_redaction_that_makes_the_title_too_long_is_refused():
    admin = UserFactory(is_superuser=True)
    request = InformationRequestFactory(title="a" * 200)
    with pytest.raises(ValidationError):
        services.request_redact(
            actor=admin, request=request, passage="a", reason="x", field="title"
        )
    assert not RequestRedaction.objects.exists()
