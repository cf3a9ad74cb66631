"""PostgreSQL's part of the search: Spanish stems, ranking and the GIN indexes it relies on."""

import pytest
from django.db import connection
from django.test import Client
from django.utils.html import strip_tags

from cocrea.plans.models import Commitment
from cocrea.plans.tests.factories import CommitmentFactory
from cocrea.search.kinds import KINDS
from cocrea.search.selectors import matching

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's full text"),
]


def _text(response) -> str:
    return " ".join(strip_tags(response.content.decode()).split())


def test_a_spanish_stem_finds_the_other_forms_of_a_word():
    CommitmentFactory(title="Una escuela digna en cada colonia")
    CommitmentFactory(title="Mejores caminos rurales")
    page = _text(Client().get("/buscar/", {"q": "escuelas"}))
    assert "Una escuela digna" in page and "caminos" not in page
    page = _text(Client().get("/buscar/", {"q": "camino rural"}))
    assert "Mejores caminos rurales" in page


def test_a_title_ranks_above_a_mention_and_websearch_operators_work():
    mention = CommitmentFactory(title="Compromiso de salud", objective="Con agua limpia")
    title = CommitmentFactory(title="Agua potable para todas")
    kind = KINDS[0]
    assert list(matching(kind=kind, q="agua")) == [title, mention]
    assert list(matching(kind=kind, q="agua -salud")) == [title]
    assert list(matching(kind=kind, q='"agua potable"')) == [title]


def test_a_vector_follows_every_write_without_a_service():
    commitment = CommitmentFactory(title="Alumbrado")
    Commitment.objects.filter(pk=commitment.pk).update(title="Drenaje pluvial")
    assert list(matching(kind=KINDS[0], q="drenaje")) == [commitment]
    assert not matching(kind=KINDS[0], q="alumbrado").exists()


def test_every_kind_has_a_gin_index_and_a_search_uses_it():
    for kind in KINDS:
        table = kind.public().model._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexdef FROM pg_indexes WHERE tablename = %s AND indexdef LIKE %s",
                [table, "%USING gin (search_vector)%"],
            )
            assert cursor.fetchone(), table
    CommitmentFactory(title="Agua potable")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a tiny table is read whole otherwise
        sql, params = matching(kind=KINDS[0], q="agua").query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "plans_commitment_search_gin" in plan
