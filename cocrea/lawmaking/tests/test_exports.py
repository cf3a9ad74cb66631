"""The end-of-process summary, XLSX and CSV: public, streamed, one row per visible
contribution in the order of the text, formula-safe, and without who contributed."""

import csv
import io

import pytest
from django.http import FileResponse
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from cocrea.core.tests.factories import UserFactory
from cocrea.core.tests.helpers import client_for, streamed
from cocrea.lawmaking.models import AnswerStatus, ContributionKind
from cocrea.lawmaking.tests.factories import (
    ContributionFactory,
    VersionFactory,
    process_with_text,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    process, first = process_with_text(articles=3, slug="ley-abierta", highlight_supports=2)
    second = VersionFactory(process=process, number=2, label="Versión de la comisión")
    draft = VersionFactory(process=process, number=3, published_at=None)
    author = UserFactory(
        email="quien.aporta@example.org", first_name="Carla", last_name="Reservada"
    )
    units = {u.key: u for u in first.units.all()}
    rows = [
        ContributionFactory(
            unit=units["articulo-2"],
            author=author,
            paragraph=1,
            support_count=5,
            status=AnswerStatus.INCORPORATED,
            answer="La comisión la incorporó.",
            incorporated_in=second,
        ),
        ContributionFactory(
            unit=units["articulo-1"],
            author=author,
            kind=ContributionKind.COMMENT,
            proposed_text="",
            body="=1+1 @SUM(A1) -3 +4",
            status=AnswerStatus.NOT_INCORPORATED,
            answer="No corresponde a esta ley.",
        ),
        ContributionFactory(unit=units["articulo-1"], author=author, incorporated_in=draft),
        ContributionFactory(
            unit=units["exposicion-de-motivos"], author=author, quote="escuchada", support_count=1
        ),
    ]
    ContributionFactory(unit=units["articulo-3"], author=author, is_hidden=True, body="Oculta")
    return process, author, rows


def _url(name: str, process) -> str:
    return reverse(f"lawmaking:{name}", args=[process.slug])


def _private(text: str, author) -> None:
    for secret in (author.email, author.first_name, author.last_name, "Oculta"):
        assert secret not in text


def test_the_csv_streams_one_row_per_visible_contribution_in_text_order(world):
    process, author, _rows = world
    response = Client().get(_url("summary_csv", process))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="resumen-ley-abierta.csv"'
    text = streamed(response).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["articulo"] for r in rows] == [
        "exposicion-de-motivos",
        "articulo-1",
        "articulo-1",
        "articulo-2",
    ]
    last = rows[-1]
    assert last["encabezado"] == "Artículo 2" and last["parrafo"] == "1"
    assert last["tipo"] == "Cambiar el texto" and last["apoyos"] == "5"
    assert last["destacada"] == "sí" and last["respuesta"] == "Incorporada"
    assert last["incorporada_en_version"] == "2"
    assert last["respuesta_de_la_comision"] == "La comisión la incorporó."
    assert rows[0]["destacada"] == "no" and rows[0]["texto_seleccionado"] == "escuchada"
    assert {r["incorporada_en_version"] for r in rows[:3]} == {""}  # the draft is not public
    assert "'=1+1" in text  # neutralised for spreadsheets
    _private(text, author)


def test_the_xlsx_has_the_figures_the_articles_and_the_contributions(world):
    process, author, _rows = world
    response = Client().get(_url("summary_xlsx", process))
    assert response.status_code == 200 and isinstance(response, FileResponse)
    assert response["Content-Disposition"].endswith('filename="resumen-ley-abierta.xlsx"')
    book = load_workbook(io.BytesIO(streamed(response)), read_only=True)
    assert book.sheetnames == ["resumen", "aportaciones"]
    summary = [list(row) for row in book["resumen"].iter_rows(values_only=True)]
    figures = {row[0]: row[1] for row in summary[:9]}
    assert figures["Proceso legislativo"] == process.title
    assert figures["Aportaciones visibles"] == 4 and figures["Incorporadas"] == 1
    assert figures["No incorporadas"] == 1 and figures["Con respuesta de la comisión"] == 2
    header = next(i for i, row in enumerate(summary) if row and row[0] == "articulo")
    assert summary[header][2:4] == ["aportaciones", "apoyos"]
    articles = {row[0]: row for row in summary[header + 1 :]}
    assert articles["articulo-1"][2:] == [2, 0, 0, 0, 1, 0, 1]
    assert articles["articulo-2"][1] == "Artículo 2" and articles["articulo-2"][3] == 5
    assert "articulo-3" not in articles  # only a hidden contribution there
    contributions = list(book["aportaciones"].iter_rows(values_only=True))
    assert contributions[0][0] == "articulo" and len(contributions) == 5
    cells = [
        str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row
    ]
    assert "'=1+1 @SUM(A1) -3 +4" in cells
    _private(" ".join(cells), author)


def test_a_process_without_contributions_exports_headers_only():
    process, _version = process_with_text(articles=1)
    text = streamed(Client().get(_url("summary_csv", process))).decode("utf-8-sig")
    assert text.strip().splitlines() == [
        ",".join(
            [
                "articulo",
                "encabezado",
                "parrafo",
                "tipo",
                "texto_seleccionado",
                "texto_propuesto",
                "justificacion",
                "apoyos",
                "destacada",
                "respuesta",
                "respuesta_de_la_comision",
                "incorporada_en_version",
                "fecha",
            ]
        )
    ]
    response = Client().get(_url("summary_xlsx", process))
    book = load_workbook(io.BytesIO(streamed(response)), read_only=True)
    assert len(list(book["aportaciones"].iter_rows())) == 1


def test_unknown_process_and_writes_are_refused(world):
    process, *_ = world
    for name in ("summary_csv", "summary_xlsx"):
        assert Client().get(reverse(f"lawmaking:{name}", args=["no-existe"])).status_code == 404
        assert client_for(UserFactory()).post(_url(name, process)).status_code == 405


@pytest.mark.parametrize("n", [1, 25])
def test_export_queries_do_not_grow_with_rows(django_assert_num_queries, n):
    process, version = process_with_text(articles=1)
    article = version.units.get(key="articulo-1")
    for _ in range(n):
        ContributionFactory(unit=article)
    with django_assert_num_queries(2):  # the process, the rows
        streamed(Client().get(_url("summary_csv", process)))
    with django_assert_num_queries(4):  # the process, the figures, the articles, the rows
        response = Client().get(_url("summary_xlsx", process))
    assert len(streamed(response)) > 0
