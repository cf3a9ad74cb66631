"""Each exercise reads its dates and times in its own state's time zone (issue 14, item 16)."""

import datetime as dt

import pytest
import time_machine

from cocrea.core.tests.factories import state
from cocrea.core.tests.helpers import client_for
from cocrea.exercises import services
from cocrea.exercises.models import Exercise, TimeZone

pytestmark = pytest.mark.django_db

# 18:30 UTC is 12:30 in central Mexico and 13:30 in Quintana Roo (neither keeps summer time).
MOMENT = dt.datetime(2026, 3, 2, 18, 30, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("inegi_code", "zone"),
    [("14", TimeZone.CENTRAL), ("23", TimeZone.SOUTHEAST), ("02", TimeZone.NORTHWEST)],
)
def test_a_new_exercise_starts_in_its_states_zone(inegi_code: str, zone: str) -> None:
    exercise = services.exercise_create(actor=None, territory=state(inegi_code), name="Plan local")
    assert exercise.time_zone == zone


def _edit(user, exercise: Exercise, zone: str):
    data = {"name": exercise.name, "stale_after_days": "90", "time_zone": zone}
    return client_for(user).post(f"/ejercicios/{exercise.slug}/editar/", data)


def test_the_coordination_chooses_the_zone_and_pages_follow_it(roles) -> None:
    with time_machine.travel(MOMENT, tick=False):
        assert _edit(roles.coordinator, roles.exercise, TimeZone.SOUTHEAST).status_code == 302
    roles.exercise.refresh_from_db()
    assert roles.exercise.time_zone == TimeZone.SOUTHEAST
    page = client_for(None).get(f"/ejercicios/{roles.exercise.slug}/historial/")
    assert "2 de marzo de 2026 a las 13:30" in page.content.decode()
    assert "2 de marzo de 2026 a las 12:30" not in page.content.decode()


def test_an_unknown_zone_is_refused_with_the_form_shown_again(roles) -> None:
    response = _edit(roles.coordinator, roles.exercise, "Europe/Madrid")
    assert response.status_code == 400
    assert "zona horaria" in response.content.decode().lower()
    roles.exercise.refresh_from_db()
    assert roles.exercise.time_zone == TimeZone.CENTRAL


@pytest.mark.parametrize("who", ["participant", "liaison", "other_liaison", "other_coordinator"])
def test_only_the_coordination_changes_the_zone(roles, who: str) -> None:
    response = _edit(getattr(roles, who), roles.exercise, TimeZone.SOUTHEAST)
    assert response.status_code == 403
    roles.exercise.refresh_from_db()
    assert roles.exercise.time_zone == TimeZone.CENTRAL


def test_anonymous_visitors_are_sent_to_sign_in(roles) -> None:
    response = _edit(None, roles.exercise, TimeZone.SOUTHEAST)
    assert response.status_code == 302 and "/cuentas/" in response["Location"]


@pytest.mark.parametrize("who", ["secretariat", "admin"])
def test_the_secretariat_and_the_admin_change_the_zone(roles, who: str) -> None:
    assert _edit(getattr(roles, who), roles.exercise, TimeZone.NORTHWEST).status_code == 302
    roles.exercise.refresh_from_db()
    assert roles.exercise.time_zone == TimeZone.NORTHWEST


def test_times_typed_in_a_form_are_read_in_the_exercises_zone(roles) -> None:
    from cocrea.participation.models import Consultation

    roles.exercise.time_zone = TimeZone.SOUTHEAST
    roles.exercise.save()
    data = {
        "title": "Consulta del sureste",
        "slug": "sureste",
        "opens_at": "2026-03-02T13:30",
        "closes_at": "2026-04-02T13:30",
        "supports_per_participant": "10",
        "edit_minutes": "60",
    }
    url = f"/ejercicios/{roles.exercise.slug}/consultas/nueva/"
    assert client_for(roles.coordinator).post(url, data).status_code == 302
    consultation = Consultation.objects.get(slug="sureste")
    assert consultation.opens_at == MOMENT  # 13:30 in Quintana Roo is 18:30 UTC
    form = client_for(roles.coordinator).get(url.replace("nueva/", "sureste/editar/"))
    assert 'value="2026-03-02T13:30"' in form.content.decode()
