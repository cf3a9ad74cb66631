"""Public pages of exercises: content, pagination, query counts, bad input and unknown ids."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from cocrea.core.tests.helpers import PDF_BYTES, client_for
from cocrea.exercises.models import SecretariatSession, Stage
from cocrea.exercises.tests.factories import (
    AgreementFactory,
    AttendanceFactory,
    ExerciseFactory,
    MemberFactory,
    SecretariatFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db


def _queries(django_assert_max_num_queries, url: str, expected: int) -> str:
    client = Client()
    with django_assert_max_num_queries(expected) as captured:
        response = client.get(url)
    assert response.status_code == 200
    assert len(captured.captured_queries) == expected, [q["sql"] for q in captured]
    return response.content.decode()


def _exercise_with(n: int):
    exercise = ExerciseFactory(slug="con-datos")
    secretariat = SecretariatFactory(exercise=exercise)
    for i in range(n):
        MemberFactory(secretariat=secretariat)
        session = SessionFactory(secretariat=secretariat, number=i + 1)
        AttendanceFactory(session=session)
        AgreementFactory(session=session)
    return exercise


@pytest.mark.parametrize("n", [3, 30])
def test_list_pages_run_a_fixed_number_of_queries(django_assert_max_num_queries, n):
    exercise = _exercise_with(n)
    slug = exercise.slug
    session = exercise.secretariats.get().sessions.first()
    for _ in range(n):
        ExerciseFactory()
    # Page counts do not grow with the data: the same figures hold for 3 rows and for 30.
    _queries(django_assert_max_num_queries, "/ejercicios/", 2)
    # The exercise, stages, secretariats, sessions, tabs; its consultation and plan (pages).
    _queries(django_assert_max_num_queries, f"/ejercicios/{slug}/", 7)
    _queries(django_assert_max_num_queries, f"/ejercicios/{slug}/secretariado/", 4)
    _queries(django_assert_max_num_queries, f"/ejercicios/{slug}/sesiones/", 4)
    _queries(django_assert_max_num_queries, f"/ejercicios/{slug}/sesiones/{session.pk}/", 5)


def test_lists_paginate(django_assert_max_num_queries):
    exercise = _exercise_with(30)
    body = Client().get(f"/ejercicios/{exercise.slug}/sesiones/").content.decode()
    assert "Página 1 de 2" in body
    assert 'rel="next"' in body
    body = Client().get(f"/ejercicios/{exercise.slug}/sesiones/?pagina=2").content.decode()
    assert "Página 2 de 2" in body
    # A page number out of range or not a number shows the nearest page, never an error.
    assert Client().get(f"/ejercicios/{exercise.slug}/sesiones/?pagina=99").status_code == 200
    assert Client().get(f"/ejercicios/{exercise.slug}/sesiones/?pagina=x").status_code == 200


def test_exercise_page_shows_stages_secretariat_and_sessions():
    exercise = ExerciseFactory(name="Gobierno Abierto Jalisco", stage=Stage.PLAN_PUBLISHED)
    exercise.stages.create(stage=Stage.PLAN_PUBLISHED, reached_on=dt.date(2019, 5, 2))
    secretariat = SecretariatFactory(exercise=exercise, name="STL Jalisco")
    MemberFactory(secretariat=secretariat)
    SessionFactory(secretariat=secretariat, number=4)
    body = Client().get(f"/ejercicios/{exercise.slug}/").content.decode()
    assert "Gobierno Abierto Jalisco" in body
    assert "Plan publicado" in body
    assert "2 de mayo de 2019" in body
    assert "STL Jalisco" in body
    assert "1 integrante en funciones" in body
    assert "Ordinaria 4" in body


@pytest.mark.parametrize(
    "url",
    [
        "/ejercicios/no-existe/",
        "/ejercicios/no-existe/secretariado/",
        "/ejercicios/{slug}/secretariado/?secretariado=999999",
        "/ejercicios/{slug}/sesiones/999999/",
        "/ejercicios/{slug}/sesiones/999999/acta.pdf",
        "/ejercicios/{slug}/integrantes/999999/historial/",
        "/ejercicios/{slug}/secretariado/999999/historial/",
        "/ejercicios/{slug}/sesiones/{other_session}/",
    ],
)
def test_unknown_ids_are_404_pages_in_spanish(url):
    exercise = ExerciseFactory()
    other_session = SessionFactory()  # belongs to another exercise
    response = Client().get(url.format(slug=exercise.slug, other_session=other_session.pk))
    assert response.status_code == 404
    assert "No encontramos esta página" in response.content.decode()


def test_minutes_of_a_session_without_minutes_is_404():
    session = SessionFactory()
    slug = session.secretariat.exercise.slug
    assert Client().get(f"/ejercicios/{slug}/sesiones/{session.pk}/acta.pdf").status_code == 404


@pytest.fixture
def editor(roles):
    secretariat = SecretariatFactory(exercise=roles.exercise)
    return client_for(roles.coordinator), roles.exercise, secretariat


def _session_data(secretariat, **extra):
    return {
        "secretariat": secretariat.pk,
        "kind": "ordinary",
        "number": 1,
        "held_on": "2020-02-01",
        **extra,
    }


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("acta.pdf", b"MZ\x90\x00 not a pdf" * 10), "no es un PDF"),
        (SimpleUploadedFile("acta.pdf", b"<html><script>alert(1)</script>"), "no es un PDF"),
        (SimpleUploadedFile("acta.pdf", PDF_BYTES + b"0" * (2 * 1024 * 1024)), "el máximo es 1 MB"),
    ],
)
def test_minutes_are_checked_by_content_and_size(editor, settings, upload, message):
    settings.MINUTES_MAX_UPLOAD_MB = 1
    client, exercise, secretariat = editor
    url = f"/ejercicios/{exercise.slug}/sesiones/nueva/"
    response = client.post(url, _session_data(secretariat, minutes=upload))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not SecretariatSession.objects.exists()


@pytest.mark.parametrize(
    ("data", "field_message"),
    [
        ({"held_on": "2999-01-01"}, "no puede ser posterior a hoy"),
        ({"held_on": "01/02/2020"}, "Escribe una fecha válida"),
        ({"number": "-3"}, "mayor o igual que 0"),
        ({"attendance_civil_society": "-1"}, "mayor o igual que 0"),
        ({"kind": "secreta"}, "Elige una opción válida"),
    ],
)
def test_invalid_sessions_are_shown_again_with_the_error(editor, data, field_message):
    client, exercise, secretariat = editor
    url = f"/ejercicios/{exercise.slug}/sesiones/nueva/"
    response = client.post(url, _session_data(secretariat, **data))
    assert response.status_code == 400
    body = response.content.decode()
    assert "Revisa lo siguiente" in body
    assert field_message in body
    assert not SecretariatSession.objects.exists()


def test_duplicate_session_number_is_refused(editor):
    client, exercise, secretariat = editor
    SessionFactory(secretariat=secretariat, number=1)
    url = f"/ejercicios/{exercise.slug}/sesiones/nueva/"
    response = client.post(url, _session_data(secretariat))
    assert response.status_code == 400
    assert "Ya hay una sesión de ese tipo con ese número" in response.content.decode()
    assert SecretariatSession.objects.count() == 1


def test_member_ceased_before_designated_is_refused(editor):
    client, exercise, secretariat = editor
    data = {
        "secretariat": secretariat.pk,
        "sector": "government",
        "role": "member",
        "designated_on": "2020-05-01",
        "ceased_on": "2020-01-01",
    }
    response = client.post(f"/ejercicios/{exercise.slug}/integrantes/nuevo/", data)
    assert response.status_code == 400
    assert "Debe ser igual o posterior" in response.content.decode()
    assert not secretariat.members.exists()


def test_member_of_another_exercises_secretariat_cannot_be_chosen(editor):
    client, exercise, _secretariat = editor
    foreign = SecretariatFactory()
    data = {"secretariat": foreign.pk, "sector": "government", "role": "member"}
    response = client.post(f"/ejercicios/{exercise.slug}/integrantes/nuevo/", data)
    assert response.status_code == 400
    assert not foreign.members.exists()


def test_attendance_is_saved_by_sector_and_cleared_when_emptied(editor):
    client, exercise, secretariat = editor
    url = f"/ejercicios/{exercise.slug}/sesiones/nueva/"
    data = _session_data(secretariat, attendance_government=3, attendance_guarantor=1)
    assert client.post(url, data).status_code == 302
    session = SecretariatSession.objects.get()
    assert {a.sector: a.present for a in session.attendance.all()} == {
        "government": 3,
        "guarantor": 1,
    }
    edit = f"/ejercicios/{exercise.slug}/sesiones/{session.pk}/editar/"
    assert client.post(edit, _session_data(secretariat, attendance_government=4)).status_code == 302
    assert {a.sector: a.present for a in session.attendance.all()} == {"government": 4}


def test_stage_change_records_the_date_and_moves_the_exercise(editor):
    client, exercise, _ = editor
    url = f"/ejercicios/{exercise.slug}/etapa/"
    data = {
        "stage": "secretariat_installed",
        "reached_on": "2019-03-01",
        "note": "Acta de instalación",
    }
    assert client.post(url, data).status_code == 302
    exercise.refresh_from_db()
    assert exercise.stage == Stage.SECRETARIAT_INSTALLED
    reached = exercise.stages.get()
    assert (reached.reached_on, reached.note) == (dt.date(2019, 3, 1), "Acta de instalación")


def test_text_is_escaped_on_public_pages(editor):
    client, exercise, _ = editor
    client.post(f"/ejercicios/{exercise.slug}/editar/", {"name": "<script>alert(1)</script>"})
    body = Client().get(f"/ejercicios/{exercise.slug}/").content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;" in body
