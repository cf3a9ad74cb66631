"""The people around one request, for the steps' tests (helper "steps"), on the shared
factories."""

from dataclasses import dataclass

from cocrea.core.models import Organization, User
from cocrea.core.tests.factories import OrganizationMembershipFactory, UserFactory
from cocrea.requests.clock import clock_recompute
from cocrea.requests.models import InformationRequest
from cocrea.requests.tests.factories import (
    GuarantorFactory,
    InformationRequestFactory,
    RequestEventFactory,
)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@dataclass
class Cast:
    request: InformationRequest
    body: Organization
    anonymous: None
    participant: User
    requester: User
    other_liaison: User
    liaison: User
    guarantor: User
    admin: User

    def who(self, role: str) -> User | None:
        found: User | None = getattr(self, role)
        return found


ROLES = [
    "anonymous",
    "participant",
    "requester",
    "other_liaison",
    "liaison",
    "guarantor",
    "admin",
]


def cast_make(**request_fields: object) -> Cast:
    """A filed request (its clock computed) and one account for each role."""
    request = InformationRequestFactory(**request_fields)
    RequestEventFactory(request=request)
    clock_recompute(request=request)
    request.refresh_from_db()
    return Cast(
        request=request,
        body=request.organization,
        anonymous=None,
        participant=UserFactory(),
        requester=request.requester,
        other_liaison=OrganizationMembershipFactory().user,
        liaison=OrganizationMembershipFactory(organization=request.organization).user,
        guarantor=OrganizationMembershipFactory(organization=GuarantorFactory()).user,
        admin=UserFactory(is_superuser=True, is_staff=True),
    )
