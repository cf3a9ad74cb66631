"""Shared factories of the access-to-information app (helper "filing"; other helpers import
them). Terms are test values, unverified, like the shipped defaults."""

import datetime as dt
from dataclasses import dataclass

import factory
from django.utils import timezone

from cocrea.core.models import Sector, User
from cocrea.core.tests.factories import (
    OrganizationFactory,
    OrganizationMembershipFactory,
    UserFactory,
)
from cocrea.requests.models import (
    Channel,
    EventKind,
    InformationRequest,
    LegalProfile,
    LegalTerm,
    RequestEvent,
    Side,
    Status,
    Step,
    TransparencyUnit,
    Visibility,
)

# Working days per step used by the tests (the general law's recalled values; unverified).
TEST_TERMS: dict[Step, int] = {
    Step.RESPONSE: 20,
    Step.EXTENSION: 10,
    Step.CLARIFICATION_ASK: 5,
    Step.CLARIFICATION_ANSWER: 10,
    Step.INCOMPETENCE: 3,
    Step.AVAILABILITY: 60,
    Step.APPEAL: 15,
    Step.APPEAL_RESOLUTION: 40,
    Step.COMPLIANCE: 10,
    Step.LONG_OVERDUE: 20,
}


class LegalProfileFactory(factory.django.DjangoModelFactory):
    """A law with a term for every step; `terms=False` skips them, `terms={Step.RESPONSE: 15}`
    overrides some. Migration 0002 already seeds the general law (use `general_profile()`) and
    states' laws: pass a territory that has none, or delete the seeded rows first (a second
    general law makes `profiles.profile_for` fail)."""

    class Meta:
        model = LegalProfile
        skip_postgeneration_save = True

    territory = None
    law_name = factory.Sequence(lambda n: f"Ley General de Transparencia (prueba {n})")

    @factory.post_generation
    def terms(obj, create, extracted, **kwargs):
        if not create or extracted is False:
            return
        days = {**TEST_TERMS, **(extracted or {})}
        LegalTerm.objects.bulk_create(
            LegalTerm(profile=obj, step=step, working_days=n, article="art. de prueba")
            for step, n in days.items()
        )


def general_profile() -> LegalProfile:
    """The general law's row (territory empty): the seeded one, or one created for the test."""
    profile = LegalProfile.objects.filter(territory=None).first()
    return profile if profile is not None else LegalProfileFactory()


class TransparencyUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TransparencyUnit

    organization = factory.SubFactory(OrganizationFactory)
    email = factory.Sequence(lambda n: f"transparencia{n}@example.gob.mx")
    address = "Av. Juárez 1, Centro"
    phone = "33 1234 5678"
    hours = "Lunes a viernes de 9:00 a 15:00"


class GuarantorFactory(OrganizationFactory):
    """A state's guarantor (sector GUARANTOR, in Jalisco like OrganizationFactory's bodies)."""

    name = factory.Sequence(lambda n: f"Instituto de Transparencia {n}")
    slug = factory.Sequence(lambda n: f"garante-{n}")
    sector = Sector.GUARANTOR


class InformationRequestFactory(factory.django.DjangoModelFactory):
    """A public request filed on the platform yesterday, waiting, under the general law (no
    events: add RequestEventFactory or use `services.request_file`)."""

    class Meta:
        model = InformationRequest

    organization = factory.SubFactory(OrganizationFactory)
    requester = factory.SubFactory(UserFactory)
    pseudonym = factory.Sequence(lambda n: f"Solicitante {n}")
    title = factory.Sequence(lambda n: f"Contratos de obra pública {n}")
    body = "Pido la lista de contratos de obra pública de 2025 con sus montos."
    channel = Channel.PLATFORM
    status = Status.WAITING
    visibility = Visibility.PUBLIC
    profile = factory.LazyFunction(general_profile)
    filed_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1))
    updated_at = factory.LazyAttribute(lambda r: r.filed_at)


class RequestEventFactory(factory.django.DjangoModelFactory):
    """The request's `filed` event, by default."""

    class Meta:
        model = RequestEvent

    request = factory.SubFactory(InformationRequestFactory)
    kind = EventKind.FILED
    side = Side.REQUESTER
    at = factory.LazyAttribute(lambda e: e.request.filed_at)
    actor = factory.LazyAttribute(lambda e: e.request.requester)
    body = ""
    from_status = ""
    to_status = Status.WAITING


@dataclass
class RequestRoles:
    """A published request (with its `filed` event) and one account per role the tests of
    this app go through."""

    request: InformationRequest
    requester: User
    participant: User
    other_liaison: User
    liaison: User  # of the request's body
    guarantor: User  # liaison of a guarantor of the body's state
    admin: User

    def by_name(self, name: str) -> User | None:
        return None if name == "anonymous" else getattr(self, name)


ROLE_NAMES = (
    "anonymous",
    "participant",
    "requester",
    "other_liaison",
    "liaison",
    "guarantor",
    "admin",
)


def request_roles(**request_fields: object) -> RequestRoles:
    info_request = InformationRequestFactory(**request_fields)
    RequestEventFactory(request=info_request)
    return RequestRoles(
        request=info_request,
        requester=info_request.requester,
        participant=UserFactory(),
        other_liaison=OrganizationMembershipFactory(organization=OrganizationFactory()).user,
        liaison=OrganizationMembershipFactory(organization=info_request.organization).user,
        guarantor=OrganizationMembershipFactory(organization=GuarantorFactory()).user,
        admin=UserFactory(is_superuser=True, is_staff=True),
    )
