"""The plan page for a citizen: the institution filter lists the institutions by name, and
each commitment's row carries its title, institution, status in words and progress, named
cell by cell so that it reads as a card on a phone."""

import re

import pytest
from django.test import Client

from cocrea.core.tests.factories import OrganizationFactory
from cocrea.core.tests.helpers import client_for
from cocrea.plans.models import Commitment
from cocrea.plans.tests.factories import CommitmentFactory, PlanFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(roles):
    plan = PlanFactory(exercise=roles.exercise, number=1)
    water = OrganizationFactory(name="Comisión Estatal del Agua", slug="agua")
    budget = OrganizationFactory(name="Secretaría de la Hacienda Pública", slug="hacienda")
    hidden = OrganizationFactory(name="Instituto en Borrador", slug="borrador")
    CommitmentFactory(plan=plan, title="Agua limpia", lead_institution=water, status="late")
    CommitmentFactory(plan=plan, title="Presupuesto abierto", lead_institution=budget)
    CommitmentFactory(
        plan=plan, title="Aún no público", lead_institution=hidden, is_published=False
    )
    OrganizationFactory(name="Otra institución sin compromisos aquí")
    return plan


def _options(body: str) -> list[tuple[str, str]]:
    select = re.search(r'<select id="institucion" name="institucion">(.*?)</select>', body, re.S)
    assert select, "the institution filter is a list to choose from"
    return re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select.group(1))


def test_the_institution_filter_lists_the_plans_institutions_by_name(plan):
    body = Client().get(plan.get_absolute_url()).content.decode()
    assert '<label for="institucion">Institución responsable</label>' in body
    assert "identificador" not in body
    assert _options(body) == [
        ("", "Todas"),
        ("agua", "Comisión Estatal del Agua"),
        ("hacienda", "Secretaría de la Hacienda Pública"),
    ]


def test_editors_also_see_the_institutions_of_drafts(roles, plan):
    body = client_for(roles.coordinator).get(plan.get_absolute_url()).content.decode()
    assert ("borrador", "Instituto en Borrador") in _options(body)


def test_the_address_parameter_still_filters_and_stays_chosen(plan):
    body = Client().get(plan.get_absolute_url() + "?institucion=agua").content.decode()
    assert "Agua limpia" in body and "Presupuesto abierto" not in body
    assert '<option value="agua" selected>Comisión Estatal del Agua</option>' in body
    # An old link naming an institution the list lacks: filtered, and said so in the list.
    body = Client().get(plan.get_absolute_url() + "?institucion=no-existe").content.decode()
    assert "No hay compromisos con ese filtro." in body
    assert '<option value="no-existe" selected>no-existe</option>' in body
    long = "x" * 500  # cut as before, never an error
    assert Client().get(plan.get_absolute_url() + f"?institucion={long}").status_code == 200


def test_each_row_names_its_cells_for_a_phone(plan):
    Commitment.objects.filter(title="Agua limpia").update(progress=35)
    body = Client().get(plan.get_absolute_url()).content.decode()
    found = re.search(r'<tr role="row">(?:(?!</tr>).)*Agua limpia.*?</tr>', body, re.S)
    assert found
    row = found.group(0)
    assert (
        '<td role="cell" data-label="Institución responsable">Comisión Estatal del Agua</td>' in row
    )
    assert '<td role="cell" data-label="Estado">Retrasado</td>' in row
    assert 'data-label="Avance"><progress max="100" value="35"' in row and "35 %" in row
