"""`load_demo` loads the facts of the sources, and loading twice changes nothing."""

import pytest
from django.core.management import call_command
from django.test import Client

from cocrea.core.models import Organization, Territory, TerritoryLevel
from cocrea.exercises.models import (
    Exercise,
    ProgramCut,
    SeatSector,
    Secretariat,
    SecretariatMember,
    Stage,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(demo_once):
    """The demo, loaded once for this module's tests (each runs in a savepoint inside it)."""


def _history_size() -> int:
    return sum(m.history.count() for m in (Exercise, Secretariat, SecretariatMember, Organization))


def test_loads_the_2021_participating_states_and_the_national_exercise(demo):
    states = Exercise.objects.filter(territory__level=TerritoryLevel.STATE)
    assert states.count() == 30
    assert Exercise.objects.filter(territory__level=TerritoryLevel.NATIONAL).count() == 1
    missing = set(
        Territory.objects.filter(level="state")
        .exclude(exercises__isnull=False)
        .values_list("name", flat=True)
    )
    assert missing == {"Puebla", "Tamaulipas"}  # not in the 2021 list


def test_plans_published_as_of_2020(demo):
    with_plan = Exercise.objects.filter(stage=Stage.PLAN_PUBLISHED)
    assert sorted(with_plan.values_list("territory__name", flat=True)) == [
        "Campeche",
        "Coahuila",
        "Durango",
        "Jalisco",
        "Morelos",
        "Oaxaca",
        "San Luis Potosí",
        "Tlaxcala",
        "Veracruz",
        "Zacatecas",
    ]


def test_pilot_groups_have_their_start_dates(demo):
    assert str(Exercise.objects.get(territory__name="Durango").joined_on) == "2015-03-02"
    assert str(Exercise.objects.get(territory__name="Tlaxcala").joined_on) == "2015-06-01"
    assert Exercise.objects.get(territory__name="Yucatán").joined_on is None


def test_jalisco_secretariat_has_its_three_sectors(demo):
    jalisco = Exercise.objects.get(territory__inegi_code="14")
    assert jalisco.name == "Gobierno Abierto Jalisco"
    secretariat = jalisco.secretariats.get()
    sectors = set(secretariat.members.values_list("sector", flat=True))
    assert sectors == {
        SeatSector.GOVERNMENT,
        SeatSector.CIVIL_SOCIETY,
        SeatSector.TECHNICAL_SECRETARIAT,
    }
    assert Organization.objects.filter(
        territory__inegi_code="14120", sector="gov_municipality"
    ).exists()


def test_national_exercise_keeps_its_tripartite_history(demo):
    national = Exercise.objects.get(territory__level=TerritoryLevel.NATIONAL)
    organs = {s.acronym: s for s in national.secretariats.all()}
    assert set(organs) == {"STT", "CCAGA-Mx"}
    assert organs["STT"].period == "2011–2020"
    assert organs["CCAGA-Mx"].period == "2020–"
    assert "12 OSC" in organs["CCAGA-Mx"].composition
    assert organs["STT"].members.count() == 3
    assert (organs["STT"].is_active, organs["CCAGA-Mx"].is_active) == (False, True)
    body = Client().get(
        f"/ejercicios/{national.slug}/secretariado/?secretariado={organs['STT'].pk}"
    )
    assert "concluyó con el secretariado" in body.content.decode()


def test_program_cuts_are_kept_as_reported(demo):
    cut = ProgramCut.objects.get(label="Corte 2020")
    assert (cut.participating_count, cut.secretariats_installed, cut.plans, cut.commitments) == (
        26,
        16,
        10,
        62,
    )
    assert cut.participating.count() == 26
    assert cut.with_plan.count() == 10
    assert ProgramCut.objects.get(label="Corte 2021").participating.count() == 30


def test_loading_twice_changes_nothing(demo):
    before = (_history_size(), Exercise.objects.count(), SecretariatMember.objects.count())
    call_command("load_demo")
    assert (_history_size(), Exercise.objects.count(), SecretariatMember.objects.count()) == before


def test_home_shows_the_demo_picture(demo):
    body = Client().get("/").content.decode()
    assert "<strong>30</strong> de 32 entidades" in body
    assert "<strong>10</strong> han publicado" in body
    assert "Corte 2020" in body
