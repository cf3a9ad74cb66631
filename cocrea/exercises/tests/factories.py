import datetime as dt

import factory

from cocrea.core.tests.factories import OrganizationFactory, UserFactory, state
from cocrea.exercises.models import (
    Agreement,
    Exercise,
    ExerciseMembership,
    ExerciseRole,
    SeatRole,
    SeatSector,
    Secretariat,
    SecretariatMember,
    SecretariatSession,
    SessionAttendance,
)


class ExerciseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Exercise

    territory = factory.LazyFunction(state)
    name = factory.Sequence(lambda n: f"Ejercicio {n}")
    slug = factory.Sequence(lambda n: f"ejercicio-{n}")


class ExerciseMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExerciseMembership

    user = factory.SubFactory(UserFactory)
    exercise = factory.SubFactory(ExerciseFactory)
    role = ExerciseRole.COORDINATOR


class SecretariatFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Secretariat

    exercise = factory.SubFactory(ExerciseFactory)
    name = factory.Sequence(lambda n: f"Secretariado Técnico Local {n}")
    installed_on = dt.date(2019, 3, 1)


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SecretariatMember

    secretariat = factory.SubFactory(SecretariatFactory)
    person_name = factory.Sequence(lambda n: f"Persona Servidora {n}")
    organization = factory.SubFactory(OrganizationFactory)
    sector = SeatSector.GOVERNMENT
    role = SeatRole.MEMBER
    designated_on = dt.date(2019, 3, 1)


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SecretariatSession

    secretariat = factory.SubFactory(SecretariatFactory)
    number = factory.Sequence(lambda n: n + 1)
    held_on = dt.date(2019, 6, 1)


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SessionAttendance

    session = factory.SubFactory(SessionFactory)
    sector = SeatSector.GOVERNMENT
    present = 3


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agreement

    session = factory.SubFactory(SessionFactory)
    number = factory.Sequence(lambda n: f"A-{n}")
    text = "Publicar las reglas de operación del secretariado."
