import datetime as dt

import factory

from cocrea.core.tests.factories import OrganizationFactory
from cocrea.opendata.models import Dataset, Group, Publication, Resource


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Group

    name = factory.Sequence(lambda n: f"tema-{n}")
    title = factory.Sequence(lambda n: f"Tema {n}")


class DatasetFactory(factory.django.DjangoModelFactory):
    """A published dataset of an institution; the services' indexing is not run."""

    class Meta:
        model = Dataset

    name = factory.Sequence(lambda n: f"conjunto-{n}")
    title = factory.Sequence(lambda n: f"Conjunto de datos {n}")
    description = "Datos abiertos de prueba."
    organization = factory.SubFactory(OrganizationFactory)
    contact_name = "Unidad de Transparencia"
    contact_email = "transparencia@example.org"
    frequency = "annual"


class ResourceFactory(factory.django.DjangoModelFactory):
    """A linked resource (no file)."""

    class Meta:
        model = Resource

    dataset = factory.SubFactory(DatasetFactory)
    name = factory.Sequence(lambda n: f"Recurso {n}")
    format = "CSV"
    url = factory.Sequence(lambda n: f"https://example.org/datos/recurso-{n}.csv")


class PublicationFactory(factory.django.DjangoModelFactory):
    """A proactive publication at its first stage: the need identified."""

    class Meta:
        model = Publication

    dataset = factory.SubFactory(DatasetFactory)
    need = "Saber en qué se gasta el presupuesto."
    audience = "Personas de la colonia"
    identified_on = dt.date(2026, 1, 5)
