"""The exercises part of /api/v1/: lists, details, query counts, errors."""

from typing import Any

import pytest
from django.test import Client

from cocrea.exercises.models import SeatSector, Stage
from cocrea.exercises.tests.factories import (
    AgreementFactory,
    AttendanceFactory,
    ExerciseFactory,
    MemberFactory,
    SecretariatFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db


def _get(url: str, status: int = 200) -> dict[str, Any]:
    response = Client().get(url)
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body: dict[str, Any] = response.json()
    return body


def _world(n: int):
    exercise = ExerciseFactory()
    secretariat = SecretariatFactory(exercise=exercise)
    for i in range(n):
        ExerciseFactory()
        MemberFactory(secretariat=secretariat)
        session = SessionFactory(secretariat=secretariat, number=i + 1)
        AttendanceFactory(session=session)
        AgreementFactory(session=session)
    return exercise


@pytest.mark.parametrize("n", [2, 20])
def test_lists_run_a_fixed_number_of_queries(django_assert_num_queries, n):
    exercise = _world(n)
    expected = {
        "/api/v1/exercises": 2,
        f"/api/v1/secretariat-members?exercise={exercise.pk}": 2,
        f"/api/v1/secretariat-sessions?exercise={exercise.pk}": 3,
    }
    for url, queries in expected.items():
        with django_assert_num_queries(queries):
            body = _get(url)
        assert body["count"] >= n


def test_exercise_list_and_detail():
    exercise = ExerciseFactory(name="Gobierno Abierto Jalisco", stage=Stage.PLAN_PUBLISHED)
    exercise.stages.create(stage=Stage.PLAN_PUBLISHED, note="Corte 2020")
    body = _get("/api/v1/exercises?stage=plan_published")
    assert body["count"] == 1
    item = body["items"][0]
    assert item["territory"]["inegi_code"] == "14"
    assert item["stage_label"] == "Plan publicado"
    detail = _get(f"/api/v1/exercises/{exercise.pk}")
    assert detail["stages"] == [
        {
            "stage": "plan_published",
            "label": "Plan publicado",
            "reached_on": None,
            "note": "Corte 2020",
        }
    ]
    assert detail["url"] == f"/ejercicios/{exercise.slug}/"


def test_members_filter_active():
    secretariat = SecretariatFactory()
    MemberFactory(secretariat=secretariat, person_name="En funciones")
    MemberFactory(secretariat=secretariat, person_name="Ya no", ceased_on="2020-01-01")
    url = f"/api/v1/secretariat-members?exercise={secretariat.exercise_id}&active=true"
    assert [m["person_name"] for m in _get(url)["items"]] == ["En funciones"]
    url = f"/api/v1/secretariat-members?exercise={secretariat.exercise_id}&active=false"
    assert [m["person_name"] for m in _get(url)["items"]] == ["Ya no"]


def test_session_detail_has_attendance_and_agreements():
    session = SessionFactory()
    AttendanceFactory(session=session, sector=SeatSector.CIVIL_SOCIETY, present=4)
    AgreementFactory(session=session, number="1", text="Publicar el acta")
    body = _get(f"/api/v1/secretariat-sessions/{session.pk}")
    assert body["attendance"] == [{"sector": "civil_society", "present": 4}]
    assert body["agreements"][0]["text"] == "Publicar el acta"
    assert body["agreement_count"] == 1
    assert body["minutes_url"] is None


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/exercises/999999",
        "/api/v1/secretariat-members/999999",
        "/api/v1/secretariat-sessions/999999",
        "/api/v1/nothing-here",
    ],
)
def test_unknown_ids_give_the_json_404_shape(url):
    body = _get(url, status=404)
    assert body["error"]["status"] == 404
    assert body["error"]["code"] == "not_found"
    assert body["error"]["message"]


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/exercises/abc",
        "/api/v1/exercises?stage=nope",
        "/api/v1/exercises?limit=-1",
        "/api/v1/exercises?limit=100000",
        "/api/v1/secretariat-members?exercise=x",
    ],
)
def test_bad_parameters_give_the_json_400_shape(url):
    body = _get(url, status=400)
    assert body["error"]["code"] == "invalid"
    assert body["error"]["fields"]


def test_api_is_read_only():
    response = Client().post("/api/v1/exercises", {"name": "x"})
    assert response.status_code == 405
