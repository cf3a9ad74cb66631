import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cocrea.core.models import OrganizationMembership
from cocrea.core.tests.factories import state
from cocrea.opendata.models import Dataset
from cocrea.opendata.services import dataset_save, platform_datasets_sync, resource_add
from cocrea.opendata.tests.factories import GroupFactory

BUDGET_CSV = (
    "partida,municipio,monto,fecha\n"
    "Alumbrado,Zapopan,1500.5,2026-01-10\n"
    "Bacheo,Guadalajara,2300,2026-02-11\n"
    "Parques,Zapopan,900,2026-03-12\n"
    "Agua,Tonalá,4100.25,2026-04-13\n"
).encode()


def csv_upload(content: bytes = BUDGET_CSV, name: str = "presupuesto.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, "text/csv")


def institution_of(user):
    return OrganizationMembership.objects.get(user=user).organization


@pytest.fixture
def catalogue(roles):
    """A liaison's published dataset with a CSV, a draft, a theme, and the platform's data."""
    org = institution_of(roles.liaison)
    theme = GroupFactory(name="presupuesto", title="Presupuesto")
    dataset = dataset_save(
        actor=roles.liaison,
        dataset=Dataset(),
        name="presupuesto-municipal",
        title="Presupuesto municipal por partida",
        description="Montos ejercidos por partida y municipio.",
        organization=org,
        contact_name="Unidad de Transparencia",
        contact_email="transparencia@example.org",
        temporal_start=dt.date(2026, 1, 1),
        temporal_end=dt.date(2026, 12, 31),
        spatial=state("14"),
        frequency="monthly",
        keywords=["presupuesto", "Obra Pública"],
        groups=[theme],
    )
    resource = resource_add(
        actor=roles.liaison,
        dataset=dataset,
        name="Presupuesto 2026",
        format="CSV",
        upload=csv_upload(),
    )
    draft = dataset_save(
        actor=roles.liaison,
        dataset=Dataset(),
        name="borrador-secreto",
        title="Borrador",
        description="Aún no se publica.",
        organization=org,
        contact_name="Unidad",
        contact_email="u@example.org",
        frequency="annual",
        is_published=False,
    )
    platform_datasets_sync()
    return {"org": org, "dataset": dataset, "resource": resource, "draft": draft, "theme": theme}
