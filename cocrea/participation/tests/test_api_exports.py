"""Participation API and result exports: public facts only, never who proposed or supported."""

import csv
import datetime as dt
import io
import json

import pytest
from django.test import Client
from django.utils import timezone

from cocrea.core.tests.factories import UserFactory
from cocrea.core.tests.helpers import client_for, streamed
from cocrea.participation.models import Consultation, Problem, WorkingTable
from cocrea.participation.services import proposal_moderate, proposal_submit, support_add

pytestmark = pytest.mark.django_db
NOW = timezone.now()


@pytest.fixture
def world(roles):
    consultation = Consultation.objects.create(
        exercise=roles.exercise,
        title="Consulta",
        slug="consulta",
        opens_at=NOW - dt.timedelta(days=1),
        closes_at=NOW + dt.timedelta(days=5),
    )
    author = UserFactory(email="autora@example.org", public_name="")
    visible = proposal_submit(
        actor=author, consultation=consultation, title="Agua potable", body="Pozos"
    )
    hidden = proposal_submit(actor=author, consultation=consultation, title="Ofensiva", body="x")
    proposal_moderate(actor=roles.admin, proposal=hidden, hide=True, reason="Insultos")
    support_add(actor=roles.participant, proposal=visible)
    problem = Problem.objects.create(consultation=consultation, title="Falta de agua")
    type(visible).objects.filter(pk=visible.pk).update(problem=problem)
    visible.refresh_from_db()
    table = WorkingTable.objects.create(
        consultation=consultation, held_on="2026-01-10", government=2, civil_society=3
    )
    table.problems.add(problem)
    return consultation, visible, author


@pytest.mark.parametrize("n", [1, 20])
def test_lists_query_counts(django_assert_num_queries, roles, n):
    consultation = Consultation.objects.create(
        exercise=roles.exercise,
        title="C",
        slug="c",
        opens_at=NOW,
        closes_at=NOW + dt.timedelta(days=1),
    )
    for i in range(n):
        p = proposal_submit(actor=UserFactory(), consultation=consultation, title=f"P{i}", body="x")
        Problem.objects.create(consultation=consultation, title=f"Pr{i}").proposals.add(p)
    for url, queries in (
        ("/api/v1/proposals", 2),
        ("/api/v1/problems", 5),
        ("/api/v1/consultations", 2),
    ):
        with django_assert_num_queries(queries):
            assert Client().get(url).status_code == 200


def test_api_has_no_personal_data_and_no_hidden_proposals(world):
    consultation, visible, author = world
    body = Client().get(f"/api/v1/proposals?consultation={consultation.pk}").content.decode()
    data = json.loads(body)
    assert data["count"] == 1 and data["items"][0]["support_count"] == 1
    assert author.email not in body and "author" not in data["items"][0]
    problem = Client().get(f"/api/v1/problems/{visible.problem_id}").json()
    assert problem["proposal_ids"] == [visible.pk] and problem["tables"][0]["civil_society"] == 3
    assert Client().get("/api/v1/working-tables").json()["count"] == 1
    assert Client().get("/api/v1/proposals/999999").status_code == 404


def test_result_exports(world):
    consultation, _visible, author = world
    base = f"/ejercicios/{consultation.exercise.slug}/consultas/consulta/"
    text = streamed(Client().get(base + "resultados.csv")).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["titulo"] for r in rows] == ["Agua potable"]
    assert rows[0]["problematica"] == "Falta de agua" and rows[0]["apoyos"] == "1"
    assert author.email not in text
    data = json.loads(streamed(Client().get(base + "resultados.json")))
    assert data["proposals"][0]["titulo"] == "Agua potable"
    assert Client().get(base + "resultados.xml").status_code == 404


def test_proposal_floods_are_rate_limited(roles, world):
    consultation, _visible, _author = world
    client = client_for(roles.participant)
    url = f"/ejercicios/{consultation.exercise.slug}/consultas/consulta/propuestas/nueva/"
    statuses = [
        client.post(url, {"title": f"Propuesta {n}", "body": "x"}).status_code for n in range(11)
    ]
    assert statuses[:10] == [302] * 10
    assert statuses[10] == 429
