import csv
import io

import pytest
from django.test import Client

from cocrea.core.tablecsv import tables_of
from cocrea.reports.services import Filing, report_create
from cocrea.reports.tests.factories import CategoryFactory

pytestmark = pytest.mark.django_db


def test_tables_are_read_as_the_reader_sees_them():
    html = (
        "<table><caption>Cifras</caption><thead><tr><th>Nombre</th><th>Total</th></tr></thead>"
        "<tbody><tr><td><a href='/x'>Zapopan</a>\n  Centro</td><td>1&nbsp;200</td></tr></tbody>"
        "</table><p>texto</p><table><tr><td>=SUMA(A1)</td></tr></table>"
    )
    first, second = tables_of(html)
    assert first == [["Nombre", "Total"], ["Zapopan Centro", "1 200"]]
    assert second == [["=SUMA(A1)"]]


def test_every_table_has_its_csv_download():
    category = CategoryFactory(name="Fuga de agua", institution__name="Agua Potable")
    report_create(filing=Filing(category=category, description="Fuga", address="Centro"))
    page = Client().get("/reportes/estadisticas/").content.decode()
    assert page.count('class="table-csv"') == 3
    assert '<a href="/reportes/estadisticas/?tabla=2">' in page
    response = Client().get("/reportes/estadisticas/", {"tabla": "2"})
    assert response["Content-Disposition"] == (
        'attachment; filename="reportes-estadisticas-tabla-2.csv"'
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Nombre", "Recibidos", "Cerrados"]
    assert rows[1][:3] == ["Fuga de agua", "1", "0"]
    for bad in ("9", "0", "uno"):
        assert Client().get("/reportes/estadisticas/", {"tabla": bad}).status_code == 404


def test_text_that_a_spreadsheet_would_run_is_quoted():
    category = CategoryFactory(name="=HYPERLINK(1)")
    report_create(filing=Filing(category=category, description="x", address="Centro"))
    body = Client().get("/reportes/estadisticas/", {"tabla": "2"}).content.decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in body


def test_tables_with_their_own_csv_get_no_second_link():
    from django.test import RequestFactory

    from cocrea.core.tablecsv import _link_after_tables

    html = "<table data-own-csv><tr><td>a</td></tr></table><table><tr><td>b</td></tr></table>"
    linked = _link_after_tables(html, RequestFactory().get("/tablero/"))
    assert linked.count('class="table-csv"') == 1 and "?tabla=2" in linked
