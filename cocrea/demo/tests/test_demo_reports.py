"""`load_demo` loads the report categories of Jalisco's municipal commitments."""

import pytest
from django.core.management import call_command
from django.test import Client

from cocrea.comptrollership.models import PublicWork
from cocrea.reports.models import Category, CategoryAttribute, Holiday, Report, ReportStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(demo_once):
    """The demo, loaded once for this module's tests (each runs in a savepoint inside it)."""


def test_categories_of_the_municipal_commitments_and_labelled_examples(demo):
    call_command("load_demo")  # the second time
    assert set(Category.objects.values_list("institution__name", flat=True)) == {
        "Ayuntamiento de San Pedro Tlaquepaque",
        "Ayuntamiento de Guadalajara",
        "Ayuntamiento de Tonalá",
    }
    # Reports in every state of their lifecycle, and a complaint about the example work.
    assert Report.objects.count() == 11
    assert set(Report.objects.values_list("status", flat=True)) == set(ReportStatus.values)
    assert not Report.objects.filter(is_example=False).exists()
    assert Report.objects.filter(public_work__isnull=False).count() == 1
    # Jalisco's list, with a question only those who handle a report see, and a day off.
    assert set(Category.objects.values_list("territory__name", flat=True)) == {"Jalisco"}
    assert CategoryAttribute.objects.filter(is_public=False).count() == 3
    assert Holiday.objects.filter(territory__name="Jalisco").count() == 1
    services = Client().get("/open311/v2/services.json").json()
    assert {s["group"] for s in services} == {"San Pedro Tlaquepaque", "Guadalajara", "Tonalá"}
    assert "dato de ejemplo" in Client().get("/open311/v2/requests.json").content.decode()
    work = PublicWork.objects.get(
        name__startswith="Rehabilitación de una plaza"
    )  # loaded once, however often the demo is loaded
    assert work.is_example and "dato de ejemplo" in work.name
    assert work.committees.count() == 1 and work.inspections.count() == 1


def test_durangos_2014_comptrollership_figures_as_reported(demo):
    from cocrea.comptrollership.models import ReportedComptrollership

    figures = ReportedComptrollership.objects.get(year=2014)
    assert (figures.trained_members, figures.commitment_letters, figures.complaints) == (
        151,
        151,
        8,
    )
    assert (figures.observatories, figures.citizen_comptrollers) == (5, 11)
    assert "151" in Client().get("/contraloria-social/").content.decode()
