import datetime as dt

import factory

from cocrea.comptrollership.models import Committee, Inspection, PublicWork
from cocrea.core.tests.factories import OrganizationFactory


class PublicWorkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PublicWork

    name = factory.Sequence(lambda n: f"Obra {n}")
    institution = factory.SubFactory(OrganizationFactory)
    budget = 1_000_000
    starts_on = dt.date(2026, 3, 1)
    progress = 10


class CommitteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Committee

    public_work = factory.SubFactory(PublicWorkFactory)
    name = factory.Sequence(lambda n: f"Comité {n}")
    members = 5


class InspectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Inspection

    committee = factory.SubFactory(CommitteeFactory)
    public_work = factory.SelfAttribute("committee.public_work")
    held_on = dt.date(2026, 4, 2)
    findings = "Falta señalización"
