"""The open tables each capability declares publish exactly the columns they published before
the registry: the bulk package's CSV headers, `datapackage.json`, the README data dictionary and
the CKAN DataStore fields are compared with a snapshot taken from the earlier code."""

import csv
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from cocrea.core.capabilities import open_tables
from cocrea.opendata.bulk import stream_zip
from cocrea.plans.models import Commitment

VOLATILE_COLUMNS = {
    "recibido",
    "respuesta_esperada",
    "cerrado",
    "id",
    "compromiso",
    "corrige_a",
    "obra",
    "publicada",  # lawmaking: the demo publishes its versions the day it is loaded
    "aportada_el",
    # requests: the demo files its examples days before the day it is loaded, and their
    # deadlines follow the working days from then
    "solicitud",
    "presentada",
    "vence",
    "muy_retrasada_desde",
    "respondida",
    "fecha_del_paso",
}
SNAPSHOT = Path(__file__).parent / "data" / "open_table_columns.json"

pytestmark = pytest.mark.django_db


def _without_clock(text: str) -> list[dict[str, str]]:
    """The CSV's rows, leaving out the times the demo takes from the clock (a report's filing)
    and the database's own ids (PostgreSQL's sequences are not reset between tests)."""
    rows = list(csv.DictReader(io.StringIO(text)))
    for row in rows:
        for column in VOLATILE_COLUMNS & row.keys():
            row[column] = "(set)" if row[column] else ""
    return [{"__columns__": ",".join(csv.DictReader(io.StringIO(text)).fieldnames or [])}, *rows]


def columns_snapshot() -> dict[str, Any]:
    archive = zipfile.ZipFile(io.BytesIO(b"".join(stream_zip())))
    package = json.loads(archive.read("datapackage.json"))
    package.pop("created")
    bodies = {
        name: _without_clock(archive.read(name).decode())
        for name in archive.namelist()
        if name.endswith(".csv")
    }
    client, ckan = Client(), {}
    for resource in package["resources"]:
        shown = client.get("/api/3/action/package_show", {"id": resource["name"]}).json()
        first = shown["result"]["resources"][0]["id"]
        found = client.get("/api/3/action/datastore_search", {"resource_id": first, "limit": 0})
        ckan[resource["name"]] = found.json()["result"]["fields"]
    return {
        "datapackage": package,
        "readme": archive.read("README.md").decode(),
        "csv": bodies,
        "ckan": ckan,
    }


def test_the_open_tables_publish_the_columns_they_always_did(demo_once):
    assert columns_snapshot() == json.loads(SNAPSHOT.read_text(encoding="utf-8"))


def test_a_commitment_row_holds_its_own_values_under_each_name(demo_once):
    table = next(t for t in open_tables() if t.source == "compromisos")
    commitment = Commitment.objects.filter(is_published=True).select_related(
        "lead_institution", "theme", "plan__exercise"
    )[0]
    names = [column.name for column in table.columns]
    row = dict(zip(names, next(r for r in table.rows() if r[0] == commitment.pk), strict=True))
    assert row["titulo"] == commitment.title
    assert row["institucion_responsable"] == commitment.lead_institution.name
    assert row["ejercicio"] == commitment.plan.exercise.slug
    assert row["plan"] == commitment.plan.number and row["numero"] == commitment.number


def test_every_open_table_reads_rows_as_wide_as_its_columns(demo_once):
    with_rows = 0
    for table in open_tables():
        rows = list(table.rows())  # every column's path exists, or this raises
        assert all(len(row) == len(table.columns) for row in rows), table.source
        with_rows += bool(rows)
    assert with_rows >= 6  # the demo fills most of them
