"""Migration 0007 places each existing category in its institution's state list: a
municipality's state, a state institution's state, a national institution's country list."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from cocrea.reports.models import Category

BEFORE = [("reports", "0006_comptrollership_moves_out")]

# Transactional: migrations run outside a test transaction; serialized_rollback brings back the
# data migrations' rows (the 32 states) for the tests that run after this one in the worker.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _migrate(targets):
    return MigrationExecutor(connection).migrate(targets).apps


def test_existing_categories_join_their_institutions_state_list():
    before = _migrate(BEFORE)
    territories = before.get_model("core", "Territory").objects
    jalisco, nation = territories.get(inegi_code="14"), territories.get(inegi_code="00")
    tonala = territories.create(
        level="municipality", name="Tonalá", inegi_code="14101", slug="tonala-t", parent=jalisco
    )
    organizations = before.get_model("core", "Organization").objects
    categories = before.get_model("reports", "Category").objects
    for code, place in (("municipal", tonala), ("estatal", jalisco), ("federal", nation)):
        institution = organizations.create(
            name=code, slug=f"org-{code}", sector="gov_agency", territory=place
        )
        categories.create(code=code, name=code, institution=institution)

    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    placed = dict(Category.objects.values_list("code", "territory__inegi_code"))
    assert placed == {"municipal": "14", "estatal": "14", "federal": "00"}
