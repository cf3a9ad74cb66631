"""The lawmaking open tables: declared once, read through the registry into the bulk package;
published text and visible contributions only, and no column about a person."""

import csv
import io
import json
import zipfile

import pytest
from django.test import Client
from django.utils import timezone

from cocrea.core.capabilities import open_table, open_tables
from cocrea.core.tests.factories import UserFactory
from cocrea.core.tests.helpers import streamed
from cocrea.lawmaking.models import AnswerStatus
from cocrea.lawmaking.tests.factories import (
    ContributionFactory,
    UnitFactory,
    VersionFactory,
    process_with_text,
)
from cocrea.opendata.bulk import stream_zip
from cocrea.opendata.services import platform_datasets_sync
from cocrea.opendata.tables import table_csv

pytestmark = pytest.mark.django_db
SOURCES = (
    "procesos-legislativos",
    "versiones-de-iniciativas",
    "articulos-de-iniciativas",
    "aportaciones-a-iniciativas",
)
TABLE_SCHEMA_TYPES = {"string", "integer", "number", "boolean", "date", "datetime"}
PERSONAL = ("autor", "autora", "author", "correo", "email", "usuario", "cuenta", "ip", "telefono")


@pytest.fixture
def world():
    process, first = process_with_text(
        articles=2, slug="ley-de-participacion", highlight_supports=3
    )
    draft = VersionFactory(process=process, number=2, label="Borrador", published_at=None)
    UnitFactory(version=draft, position=1, key="articulo-1", body="Texto aún secreto")
    dictamen = VersionFactory(process=process, number=3, label="Dictamen", is_dictamen=True)
    author = UserFactory(email="autor.oculto@example.org", first_name="Beto", last_name="Privado")
    article = first.units.get(key="articulo-1")
    taken = ContributionFactory(
        unit=article,
        author=author,
        support_count=3,
        paragraph=2,
        status=AnswerStatus.INCORPORATED,
        incorporated_in=dictamen,
        proposed_text='=HYPERLINK("http://mal.example")',
    )
    drafted = ContributionFactory(unit=article, author=author, incorporated_in=draft)
    ContributionFactory(unit=article, author=author, is_hidden=True, body="Ofensiva")
    return process, author, taken, drafted


def _text(source: str) -> str:
    table = open_table(source)
    assert table is not None
    return "".join(table_csv(table))


def _csv(source: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(_text(source))))


def test_the_tables_are_in_the_registry_with_valid_schemas():
    tables = {t.source: t for t in open_tables()}
    for source in SOURCES:
        table = tables[source]
        assert table.theme == "participacion"
        schema = table.schema()
        assert schema["primaryKey"] == ["id"]
        assert {f["type"] for f in schema["fields"]} <= TABLE_SCHEMA_TYPES
        names = [c.name for c in table.columns]
        assert len(names) == len(set(names))
        assert not [n for n in names if set(n.split("_")) & set(PERSONAL)], source


def test_processes_table_counts_visible_contributions_and_published_versions(world):
    process, *_ = world
    (row,) = _csv("procesos-legislativos")
    assert row["identificador"] == "ley-de-participacion" and row["titulo"] == process.title
    assert row["congreso"] == process.congress.name and row["ejercicio"] == ""
    assert row["versiones_publicadas"] == "2" and row["aportaciones"] == "2"
    assert row["incorporadas"] == "1" and row["sin_respuesta"] == "1"
    assert row["apoyos_para_destacar"] == "3" and row["dato_de_ejemplo"] == "false"


def test_versions_and_text_are_the_published_ones(world):
    versions = _csv("versiones-de-iniciativas")
    assert [(v["numero"], v["nombre"]) for v in versions] == [
        ("1", "Iniciativa"),
        ("3", "Dictamen"),
    ]
    assert versions[1]["es_dictamen"] == "true" and versions[1]["aportaciones_incorporadas"] == "1"
    assert versions[0]["es_ley_vigente"] == "false" and versions[0]["publicada"]
    units = _csv("articulos-de-iniciativas")
    assert [(u["version"], u["clave"]) for u in units] == [
        ("1", "exposicion-de-motivos"),
        ("1", "articulo-1"),
        ("1", "articulo-2"),
    ]
    assert units[1]["encabezado"] == "Artículo 1" and "\n\nI. Proponer" in units[1]["texto"]
    assert "secreto" not in _text("articulos-de-iniciativas")


def test_contributions_table_is_visible_and_anonymous(world):
    process, author, taken, drafted = world
    rows = _csv("aportaciones-a-iniciativas")
    assert [int(r["id"]) for r in rows] == [taken.pk, drafted.pk]
    first, second = rows
    assert first["proceso"] == process.slug and first["clave"] == "articulo-1"
    assert first["parrafo"] == "2" and first["version"] == "1"
    assert first["destacada"] == "true" and second["destacada"] == "false"
    assert first["respuesta"] == "incorporated" and first["incorporada_en_version"] == "3"
    assert second["incorporada_en_version"] == ""  # taken into a draft: not public yet
    assert first["texto_propuesto"].startswith("'=")  # a spreadsheet will not run it
    assert first["aportada_el"] == timezone.localdate(taken.created_at).isoformat()
    text = _text("aportaciones-a-iniciativas")
    for secret in (author.email, author.first_name, author.last_name, "Ofensiva"):
        assert secret not in text


def test_the_csv_is_byte_stable(world):
    for source in SOURCES:
        assert _text(source) == _text(source)


def test_the_bulk_package_and_catalogue_carry_them(world):
    platform_datasets_sync()
    archive = zipfile.ZipFile(io.BytesIO(b"".join(stream_zip())))
    package = json.loads(archive.read("datapackage.json"))
    names = {resource["name"] for resource in package["resources"]}
    assert {f"cocrea-{source}" for source in SOURCES} <= names
    assert "aportaciones-a-iniciativas" in archive.read("README.md").decode()
    body = archive.read("cocrea-aportaciones-a-iniciativas.csv").decode()
    assert "autor.oculto@example.org" not in body and "articulo-1" in body
    shown = Client().get("/api/3/action/package_show", {"id": "cocrea-procesos-legislativos"})
    assert shown.json()["success"] is True
    served = Client().get("/datos/plataforma/aportaciones-a-iniciativas.csv")
    assert served.status_code == 200 and b"articulo-1" in streamed(served)
