"""Comparing two published versions, and the cuadro comparativo as a page, a PDF and a DOCX."""

import base64
import io
import re
import zlib

import pytest
from django.urls import reverse
from docx import Document
from docx.oxml.ns import qn

from cocrea.lawmaking.models import UnitKind
from cocrea.lawmaking.tests.factories import (
    ProcessFactory,
    UnitFactory,
    VersionFactory,
    process_with_text,
)

pytestmark = pytest.mark.django_db

NOT_PUBLISHED = "No hay una versión publicada con ese número"
CHANGED_BODY = (
    "Toda persona tiene derecho a participar, con voz y respuesta, en la elaboración de las leyes."
)
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _reform():
    """A reform: the law in force (0), the initiative (1) with three articles, the dictamen
    (2) that changes article 1, drops article 3 and adds article 4, and an unpublished
    draft (3)."""
    process, initiative = process_with_text(articles=3, kind="reform", law_name="Ley de Prueba")
    current = VersionFactory(process=process, number=0, label="Ley vigente")
    UnitFactory(version=current, position=1, body="Texto vigente del artículo uno.")
    dictamen = VersionFactory(process=process, number=2, label="Dictamen", is_dictamen=True)
    for unit in initiative.units.order_by("position"):
        if unit.key == "articulo-3":
            continue
        body = CHANGED_BODY if unit.key == "articulo-1" else unit.body
        UnitFactory(
            version=dictamen, position=unit.position, kind=unit.kind, key=unit.key,
            heading=unit.heading, body=body,
        )  # fmt: skip
    UnitFactory(version=dictamen, position=4, body="Artículo nuevo de la comisión.")
    draft = VersionFactory(process=process, number=3, label="Borrador", published_at=None)
    UnitFactory(version=draft, position=1, body="Secreto del borrador.")
    return process


def _compare(client, process, query="", status=200):
    response = client.get(reverse("lawmaking:compare", args=[process.slug]) + query)
    assert response.status_code == status, response.content.decode()[:500]
    return response.content.decode()


# --- Two versions --------------------------------------------------------------------------


@pytest.mark.parametrize("who", [None, "participant", "other_liaison", "liaison", "admin"])
def test_anyone_compares_the_latest_two_versions(client, roles, who):
    process = _reform()
    if who:
        client.force_login(getattr(roles, who))
    html = _compare(client, process)
    assert 'id="id_de"' in html and 'id="id_a"' in html  # the form, labelled
    assert '<label for="id_de">' in html and '<label for="id_a">' in html
    assert 'value="1" selected' in html and 'value="2" selected' in html
    assert "Borrador" not in html  # the unpublished draft is not offered
    assert 'id="articulo-1"' in html and "Modificado" in html
    assert '<span class="visually-hidden">[añadido:] </span>, con voz y respuesta,' in html
    assert 'id="articulo-3"' in html and "Suprimido" in html
    assert 'id="articulo-4"' in html and "Añadido" in html
    assert 'id="articulo-2"' not in html  # unchanged: only with mostrar=todo
    assert "1 parte modificada" in html and "1 añadida" in html and "1 suprimida" in html
    assert '<p class="diff-legend">' in html


def test_compare_any_two_versions_in_any_order(client):
    process = _reform()
    html = _compare(client, process, "?de=2&a=0")
    assert "De «Dictamen» a «Ley vigente»" in html
    assert "Texto vigente del artículo uno" in html  # the law in force, the newer column here
    assert "3 suprimidas" in html


def test_side_by_side_shows_each_version_in_its_column(client):
    html = _compare(client, _reform(), "?de=1&a=2")
    old_col, new_col = html.split('<div class="diff-col">')[1:3]
    assert "<del>" not in new_col.split("</section>")[0] and "<ins>" in new_col
    assert "Versión 1: Iniciativa" in old_col and "Versión 2: Dictamen" in new_col


def test_one_text_view_and_all_units(client):
    html = _compare(client, _reform(), "?de=1&a=2&vista=texto&mostrar=todo")
    assert 'class="diff-columns"' not in html
    assert "<ins>" in html
    assert 'id="articulo-2"' in html and "Sin cambios" in html
    assert 'id="exposicion-de-motivos"' in html
    assert 'name="vista" value="texto"' in html  # the form keeps the chosen view


def test_unknown_view_falls_back_to_columns(client):
    html = _compare(client, _reform(), "?vista=<b>&mostrar=x")
    assert 'class="diff-columns"' in html and "&lt;b&gt;" not in html


@pytest.mark.parametrize(
    "query",
    ["?de=abc&a=2", "?de=1&a=99", "?de=1&a=3", "?de=-1&a=2", "?de=1.0&a=2", "?de=&a=2"],
)
def test_a_number_that_names_no_published_version_is_refused(client, roles, query):
    process = _reform()
    client.force_login(roles.admin)  # not even the platform's admins compare drafts here
    html = _compare(client, process, query, status=400)
    assert NOT_PUBLISHED in html and 'class="error-summary"' in html
    assert "Secreto del borrador" not in html


def test_a_draft_looks_like_a_version_that_does_not_exist(client):
    process = _reform()

    def main(query):
        html = _compare(client, process, query, status=400)
        return html[html.index("<main") : html.index("</main>")]

    assert main("?de=1&a=3") == main("?de=1&a=4")


def test_the_same_version_twice_is_refused(client):
    html = _compare(client, _reform(), "?de=2&a=2", status=400)
    assert "Elige dos versiones distintas." in html


def test_a_missing_process_is_not_found(client):
    response = client.get(reverse("lawmaking:compare", args=["no-existe"]))
    assert response.status_code == 404


def test_without_two_published_versions_the_page_says_so(client):
    process = ProcessFactory()
    assert "aún no tiene versiones publicadas" in _compare(client, process)
    version = VersionFactory(process=process, number=1)
    UnitFactory(version=version)
    assert "una sola versión publicada" in _compare(client, process)


def test_texts_are_escaped(client):
    process, _initiative = process_with_text(articles=1)
    later = VersionFactory(process=process, number=2)
    UnitFactory(version=later, position=1, body="<script>alert('x')</script> & más")
    html = _compare(client, process)
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; más" in html


def test_identical_versions_say_so(client):
    process, initiative = process_with_text(articles=2)
    again = VersionFactory(process=process, number=2)
    for unit in initiative.units.all():
        UnitFactory(version=again, position=unit.position, key=unit.key, heading=unit.heading,
                    kind=unit.kind, body=unit.body)  # fmt: skip
    assert "Las dos versiones tienen el mismo texto." in _compare(client, process)


def test_compare_query_count(client, django_assert_num_queries):
    process = _reform()
    for n in range(5, 60):
        UnitFactory(version=process.versions.get(number=2), position=n, body=f"Artículo {n}.")
    url = reverse("lawmaking:compare", args=[process.slug]) + "?de=1&a=2"
    # The process, its published versions, and both versions' units at once.
    with django_assert_num_queries(3):
        assert client.get(url).status_code == 200
    with django_assert_num_queries(2):  # published versions never change: the rest is cached
        assert client.get(url).status_code == 200


# --- The cuadro comparativo ---------------------------------------------------------------


def _cuadro(client, process, query="", status=200):
    response = client.get(reverse("lawmaking:comparative", args=[process.slug]) + query)
    assert response.status_code == status, response.content.decode()[:500]
    return response.content.decode()


@pytest.mark.parametrize("who", [None, "participant", "liaison", "admin"])
def test_the_cuadro_shows_current_law_proposal_and_dictamen(client, roles, who):
    process = _reform()
    if who:
        client.force_login(getattr(roles, who))
    html = _cuadro(client, process)
    assert "<caption>" in html
    assert '<th scope="col">Texto vigente (Ley vigente)</th>' in html
    assert '<th scope="col">Propuesta (Iniciativa)</th>' in html
    assert '<th scope="col">Texto final (Dictamen)</th>' in html
    row = html.split('<tr id="articulo-1"')[1].split("</tr>")[0]
    assert "Texto vigente del artículo uno." in row and CHANGED_BODY in row
    assert 'data-label="Propuesta (Iniciativa)"' in row
    assert "Se suprime." in html.split('<tr id="articulo-3"')[1].split("</tr>")[0]
    new_row = html.split('<tr id="articulo-4"')[1].split("</tr>")[0]
    assert "Sin texto vigente: texto nuevo." in new_row and "Sin correlativo." in new_row
    keys = re.findall(r'<tr id="([^"]+)"', html)
    assert keys == ["exposicion-de-motivos", "articulo-1", "articulo-2", "articulo-3", "articulo-4"]
    assert "Secreto del borrador" not in html
    assert "cuadro-comparativo.pdf?propuesta=1&amp;final=2" in html


def test_the_cuadro_of_a_new_law_and_chosen_versions(client):
    process, _initiative = process_with_text(articles=2)
    second = VersionFactory(process=process, number=2, label="Segunda")
    UnitFactory(version=second, position=1, body="Cambiado.")
    html = _cuadro(client, process, "?propuesta=2&final=1")
    assert "ley nueva: no hay texto vigente" in html
    assert '<th scope="col">Propuesta (Segunda)</th>' in html
    assert '<th scope="col">Texto final (Iniciativa)</th>' in html


@pytest.mark.parametrize("query", ["?propuesta=x", "?final=3", "?final=0", "?propuesta=99"])
def test_the_cuadro_refuses_versions_it_cannot_show(client, query):
    html = _cuadro(client, _reform(), query, status=400)
    assert NOT_PUBLISHED in html and "Secreto del borrador" not in html


def test_the_cuadro_without_versions(client):
    process = ProcessFactory()
    assert "aún no tiene versiones publicadas" in _cuadro(client, process)
    for name in ("lawmaking:comparative_pdf", "lawmaking:comparative_docx"):
        assert client.get(reverse(name, args=[process.slug])).status_code == 404


def test_the_cuadro_escapes_texts(client):
    process, initiative = process_with_text(articles=1)
    UnitFactory(version=initiative, position=5, heading="<b>Artículo</b>", body="<img src=x>")
    html = _cuadro(client, process)
    assert "<img src=x>" not in html and "&lt;img src=x&gt;" in html
    assert "&lt;b&gt;Artículo&lt;/b&gt;" in html


def test_the_cuadro_query_count(client, django_assert_num_queries):
    process = _reform()
    url = reverse("lawmaking:comparative", args=[process.slug])
    with django_assert_num_queries(3):
        assert client.get(url).status_code == 200
    with django_assert_num_queries(2):
        assert client.get(url).status_code == 200


def _pdf_text(content: bytes) -> str:
    """The text drawn on the pages of a reportlab PDF (ASCII85 + Flate streams, strings in
    the font's Latin-1 encoding with octal escapes)."""
    drawn = []
    for stream in re.findall(rb"stream\r?\n(.*?)endstream", content, re.S):
        data = stream.strip().removesuffix(b"~>")
        try:
            page = zlib.decompress(base64.a85decode(data))
        except ValueError:
            continue
        for literal in re.findall(rb"\(((?:\\.|[^\\)])*)\)\s*Tj", page):
            text = re.sub(rb"\\([0-7]{3})", lambda m: bytes([int(m.group(1), 8)]), literal)
            drawn.append(re.sub(rb"\\(.)", rb"\1", text).decode("cp1252"))
    return " ".join(drawn)


def test_the_cuadro_as_pdf(client):
    process = _reform()
    response = client.get(reverse("lawmaking:comparative_pdf", args=[process.slug]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="cuadro-comparativo-{process.slug}.pdf"'
    )
    assert response.content.startswith(b"%PDF")
    text = _pdf_text(response.content)
    assert "Artículo 1" in text and "Texto vigente del artículo uno." in text
    assert "Texto final (Dictamen)" in text and "Se suprime." in text


def test_a_long_unit_splits_across_pdf_pages(client):
    process, initiative = process_with_text(articles=1)
    long_text = "\n\n".join("Párrafo largo de la exposición de motivos. " * 30 for _ in range(40))
    initiative.units.filter(key="exposicion-de-motivos").update(body=long_text)
    response = client.get(reverse("lawmaking:comparative_pdf", args=[process.slug]))
    assert response.status_code == 200
    assert response.content.count(b"/Type /Page\n") > 3


def test_the_cuadro_as_docx(client):
    process = _reform()
    url = reverse("lawmaking:comparative_docx", args=[process.slug]) + "?propuesta=1&final=2"
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX_TYPE
    assert response["Content-Disposition"] == (
        f'attachment; filename="cuadro-comparativo-{process.slug}.docx"'
    )
    (table,) = Document(io.BytesIO(response.content)).tables
    header = [cell.text for cell in table.rows[0].cells]
    assert header == [
        "Texto vigente (Ley vigente)",
        "Propuesta (Iniciativa)",
        "Texto final (Dictamen)",
    ]
    properties = table.rows[0]._tr.trPr
    assert properties is not None
    assert properties.find(qn("w:tblHeader")) is not None  # repeated on each page
    rows = {row.cells[2].paragraphs[0].text: [c.text for c in row.cells] for row in table.rows[1:]}
    current, proposal, final = rows["Artículo 1"]
    assert "Texto vigente del artículo uno." in current
    assert CHANGED_BODY in final and CHANGED_BODY not in proposal
    assert rows["Artículo 4"][0].endswith("Sin texto vigente: texto nuevo.")
    assert len(table.rows) == 6  # the header, the exposición and four articles


def test_files_refuse_bad_versions(client):
    process = _reform()
    url = reverse("lawmaking:comparative_docx", args=[process.slug]) + "?final=3"
    response = client.get(url)
    assert response.status_code == 400
    assert NOT_PUBLISHED in response.content.decode()


def test_headings_of_structure_units_reach_the_files(client):
    process, initiative = process_with_text(articles=1)
    UnitFactory(version=initiative, position=9, kind=UnitKind.CHAPTER, key="capitulo-i",
                heading="Capítulo I", title="Disposiciones generales", body="")  # fmt: skip
    response = client.get(reverse("lawmaking:comparative_docx", args=[process.slug]))
    (table,) = Document(io.BytesIO(response.content)).tables
    texts = [row.cells[1].text for row in table.rows]
    assert any("Capítulo I" in t and "Disposiciones generales" in t for t in texts)
