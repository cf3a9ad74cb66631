import datetime as dt

import factory
from django.utils import timezone

from cocrea.core.tests.factories import OrganizationFactory, UserFactory
from cocrea.lawmaking.models import (
    Contribution,
    ContributionKind,
    LegislativeProcess,
    Phase,
    PhaseKind,
    TextUnit,
    TextVersion,
    UnitKind,
)


class ProcessFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LegislativeProcess

    congress = factory.SubFactory(
        OrganizationFactory, name=factory.Sequence(lambda n: f"Congreso {n}")
    )
    title = factory.Sequence(lambda n: f"Iniciativa de Ley {n}")
    slug = factory.Sequence(lambda n: f"iniciativa-{n}")
    committee = "Comisión de Participación Ciudadana"


class PhaseFactory(factory.django.DjangoModelFactory):
    """A phase open since yesterday and for ten more days."""

    class Meta:
        model = Phase

    process = factory.SubFactory(ProcessFactory)
    kind = PhaseKind.CONTRIBUTIONS
    opens_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=10))


class VersionFactory(factory.django.DjangoModelFactory):
    """A published version."""

    class Meta:
        model = TextVersion

    process = factory.SubFactory(ProcessFactory)
    number = factory.Sequence(lambda n: n + 1)
    label = factory.LazyAttribute(lambda v: f"Versión {v.number}")
    published_at = factory.LazyFunction(timezone.now)


class UnitFactory(factory.django.DjangoModelFactory):
    """An article: its key and heading follow its position."""

    class Meta:
        model = TextUnit

    version = factory.SubFactory(VersionFactory)
    position = factory.Sequence(lambda n: n + 1)
    kind = UnitKind.ARTICLE
    key = factory.LazyAttribute(lambda u: f"articulo-{u.position}")
    heading = factory.LazyAttribute(lambda u: f"Artículo {u.position}")
    body = (
        "Toda persona tiene derecho a participar en la elaboración de las leyes.\n\n"
        "I. Proponer cambios al texto de una iniciativa;\n\n"
        "II. Recibir una respuesta razonada de la comisión."
    )


class ContributionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contribution

    unit = factory.SubFactory(UnitFactory)
    process = factory.LazyAttribute(lambda c: c.unit.version.process)
    unit_key = factory.LazyAttribute(lambda c: c.unit.key)
    kind = ContributionKind.REPLACE
    quote = "participar en la elaboración"
    proposed_text = "participar, con voz y respuesta, en la elaboración"
    body = "La participación debe tener consecuencias."
    author = factory.SubFactory(UserFactory)


def process_with_text(
    *, articles: int = 3, **fields: object
) -> tuple[LegislativeProcess, TextVersion]:
    """A process with its contributions phase open and a published first version of
    `articles` articles, preceded by its exposición de motivos."""
    process = ProcessFactory(**fields)
    PhaseFactory(process=process)
    version = VersionFactory(process=process, number=1, label="Iniciativa")
    UnitFactory(
        version=version,
        position=0,
        kind=UnitKind.PREAMBLE,
        key="exposicion-de-motivos",
        heading="Exposición de motivos",
        body="La ciudadanía pide ser escuchada en el Congreso.",
    )
    for n in range(1, articles + 1):
        UnitFactory(version=version, position=n)
    return process, version
