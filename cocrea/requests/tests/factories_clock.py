"""Helpers of the clock's tests (helper "clock"): local moments, events, guarantors' liaisons."""

import datetime as dt

from django.utils import timezone

from cocrea.core.models import Organization, Territory, User
from cocrea.core.tests.factories import OrganizationMembershipFactory, UserFactory
from cocrea.requests.models import InformationRequest, RequestEvent, Side, Status
from cocrea.requests.tests.factories import (
    GuarantorFactory,
    InformationRequestFactory,
    RequestEventFactory,
)


def noon(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


def filed(day: dt.date, **fields: object) -> InformationRequest:
    request = InformationRequestFactory(filed_at=noon(day), **fields)
    RequestEventFactory(request=request)
    return request


def event(request: InformationRequest, kind: str, day: dt.date, to_status: str) -> RequestEvent:
    return RequestEventFactory(
        request=request, kind=kind, side=Side.INSTITUTION, at=noon(day), to_status=to_status
    )


def set_status(request: InformationRequest, status: Status) -> None:
    request.status = status
    request.save(update_fields=["status"])


def nation() -> Territory:
    return Territory.objects.get(inegi_code="00")


def liaison_of(organization: Organization) -> User:
    user: User = OrganizationMembershipFactory(organization=organization).user
    return user


def guarantor_liaison(territory: Territory | None = None) -> tuple[User, Organization]:
    guarantor = GuarantorFactory(**({"territory": territory} if territory else {}))
    return liaison_of(guarantor), guarantor


def admin() -> User:
    return UserFactory(is_superuser=True, is_staff=True)
