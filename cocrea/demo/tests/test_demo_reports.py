"""`load_demo` loads the report categories of Jalisco's municipal commitments."""

import pytest
from django.core.management import call_command
from django.test import Client

from cocrea.comptrollership.models import PublicWork
from cocrea.reports.models import Category, Report

pytestmark = pytest.mark.django_db


def test_categories_of_the_municipal_commitments_and_labelled_examples():
    call_command("load_demo")
    call_command("load_demo")
    assert set(Category.objects.values_list("institution__name", flat=True)) == {
        "Ayuntamiento de San Pedro Tlaquepaque",
        "Ayuntamiento de Guadalajara",
        "Ayuntamiento de Tonalá",
    }
    assert Report.objects.count() == 2
    assert not Report.objects.filter(is_example=False).exists()
    services = Client().get("/open311/v2/services.json").json()
    assert {s["group"] for s in services} == {"San Pedro Tlaquepaque", "Guadalajara", "Tonalá"}
    assert "dato de ejemplo" in Client().get("/open311/v2/requests.json").content.decode()
    work = PublicWork.objects.get()  # loaded once, however often the demo is loaded
    assert work.is_example and "dato de ejemplo" in work.name
    assert work.committees.count() == 1 and work.inspections.count() == 1


def test_durangos_2014_comptrollership_figures_as_reported():
    call_command("load_demo")
    from cocrea.comptrollership.models import ReportedComptrollership

    figures = ReportedComptrollership.objects.get(year=2014)
    assert (figures.trained_members, figures.commitment_letters, figures.complaints) == (
        151,
        151,
        8,
    )
    assert (figures.observatories, figures.citizen_comptrollers) == (5, 11)
    assert "151" in Client().get("/contraloria-social/").content.decode()
