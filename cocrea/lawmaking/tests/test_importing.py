"""Reading a bill's text by structure from real DOCX, ODT, Markdown and plain-text files,
generated here, and refusing what is not one or is too big, too deep or empty."""

import io
import zipfile

import docx
import pytest
from django.core.exceptions import ValidationError
from docx.oxml.ns import qn
from odf.opendocument import OpenDocumentText  # type: ignore[import-untyped]
from odf.text import H, List, ListItem, P  # type: ignore[import-untyped]

from cocrea.lawmaking.importing import MAX_DEPTH, MAX_UNITS, key_for, parse_file, parse_text
from cocrea.lawmaking.legal_numbers import leading_number, ordinal
from cocrea.lawmaking.models import BODY_MAX

PREAMBLE = "La ciudadanía pide ser escuchada en el Congreso del Estado."
BILL = [
    ("h", "Exposición de motivos"),
    ("p", PREAMBLE),
    ("p", "Por ello se propone la presente iniciativa."),
    ("h", "TÍTULO PRIMERO"),
    ("p", "Disposiciones generales"),
    ("h", "CAPÍTULO I"),
    ("p", "Del objeto de la ley"),
    ("p", "Artículo 1.- La presente ley tiene por objeto:"),
    ("p", "I. Garantizar el derecho a participar;"),
    ("p", "II. Establecer los mecanismos de participación, y"),
    ("p", "a) Las consultas;"),
    ("p", "Artículo 2o.- Son principios de esta ley:"),
    ("p", "I. La inclusión, y"),
    ("p", "II. La transparencia."),
    ("p", "Artículo 15 Bis. Toda persona podrá proponer cambios, conforme al Capítulo II de esta Ley."),
    ("p", "I. Por escrito, o"),
    ("p", "II. En la plataforma."),
    ("h", "TRANSITORIOS"),
    ("p", "Primero.- Este decreto entrará en vigor al día siguiente de su publicación."),
    ("p", "Segundo.- Se derogan las disposiciones que se opongan a este decreto."),
]  # fmt: skip
EXPECTED = [
    ("exposicion", "exposicion-de-motivos", "Exposición de motivos", ""),
    ("titulo", "titulo-1", "TÍTULO PRIMERO", "Disposiciones generales"),
    ("capitulo", "titulo-1-capitulo-1", "CAPÍTULO I", "Del objeto de la ley"),
    ("articulo", "articulo-1", "Artículo 1.", ""),
    ("articulo", "articulo-2", "Artículo 2o.", ""),
    ("articulo", "articulo-15-bis", "Artículo 15 Bis.", ""),
    ("transitorio", "transitorio-1", "Primero.", ""),
    ("transitorio", "transitorio-2", "Segundo.", ""),
]


def structure_of(parsed):
    return [(u.kind, u.key, u.heading, u.title) for u in parsed.units]


def check_bill(parsed):
    assert structure_of(parsed) == EXPECTED
    units = {u.key: u for u in parsed.units}
    assert units["exposicion-de-motivos"].paragraphs == [
        PREAMBLE,
        "Por ello se propone la presente iniciativa.",
    ]
    assert units["articulo-1"].paragraphs == [
        "La presente ley tiene por objeto:",
        "I. Garantizar el derecho a participar;",
        "II. Establecer los mecanismos de participación, y",
        "a) Las consultas;",
    ]
    assert units["articulo-1"].body.count("\n\n") == 3  # fracciones are paragraphs
    assert units["transitorio-2"].body.startswith("Se derogan")
    assert parsed.notes == []


def docx_bytes(blocks, *, styled=True):
    document = docx.Document()
    for kind, text in blocks:
        if kind == "h" and styled:
            document.add_heading(text, level=1)
        else:
            document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def odt_bytes(blocks):
    document = OpenDocumentText()
    for kind, text in blocks:
        document.text.addElement(H(outlinelevel=1, text=text) if kind == "h" else P(text=text))
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


def markdown_text(blocks):
    return "\n\n".join(f"## {text}" if kind == "h" else text for kind, text in blocks)


def test_docx_with_heading_styles():
    check_bill(parse_file(name="iniciativa.docx", data=docx_bytes(BILL)))


def test_docx_by_patterns_alone():
    check_bill(parse_file(name="iniciativa.DOCX", data=docx_bytes(BILL, styled=False)))


def test_docx_automatic_numbering_is_read_back():
    """Word numbers fracciones itself; python-docx reads the text without the "I."."""
    document = docx.Document()
    document.add_paragraph("Artículo 1.- Son derechos:")
    document.add_paragraph("Votar;", style="List Number")
    document.add_paragraph("Ser votado.", style="List Number")
    numbering = document.part.numbering_part.element
    for fmt in numbering.iter(qn("w:numFmt")):
        fmt.set(qn("w:val"), "upperRoman")
    buffer = io.BytesIO()
    document.save(buffer)
    parsed = parse_file(name="a.docx", data=buffer.getvalue())
    assert parsed.units[0].paragraphs == ["Son derechos:", "I. Votar;", "II. Ser votado."]


def test_docx_tables_become_paragraphs():
    document = docx.Document()
    document.add_paragraph("Artículo 1. Las cuotas son:")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Copia", "1 peso"
    buffer = io.BytesIO()
    document.save(buffer)
    parsed = parse_file(name="a.docx", data=buffer.getvalue())
    assert parsed.units[0].paragraphs == ["Las cuotas son:", "Copia | 1 peso"]


def test_odt():
    check_bill(parse_file(name="iniciativa.odt", data=odt_bytes(BILL)))


def test_odt_list_items_are_paragraphs():
    document = OpenDocumentText()
    document.text.addElement(P(text="Artículo 1. Son derechos:"))
    items = List()
    for text in ("I. Votar;", "II. Ser votado."):
        item = ListItem()
        item.addElement(P(text=text))
        items.addElement(item)
    document.text.addElement(items)
    buffer = io.BytesIO()
    document.write(buffer)
    parsed = parse_file(name="a.odt", data=buffer.getvalue())
    assert parsed.units[0].paragraphs == ["Son derechos:", "I. Votar;", "II. Ser votado."]


def test_markdown_file_and_pasted():
    text = markdown_text(BILL)
    check_bill(parse_file(name="iniciativa.md", data=text.encode()))
    check_bill(parse_text(text=text, markdown=True))


def test_markdown_joins_wrapped_lines_and_keeps_list_numbers():
    parsed = parse_text(
        markdown=True,
        text="**Artículo 1.** Son derechos\nde toda persona:\n\n1. Votar;\n2. Ser votado.\n",
    )
    assert parsed.units[0].heading == "Artículo 1."
    assert parsed.units[0].paragraphs == [
        "Son derechos de toda persona:",
        "1. Votar;",
        "2. Ser votado.",
    ]


def test_plain_text_each_line_is_a_paragraph():
    text = "\n".join(text for _kind, text in BILL)
    check_bill(parse_text(text=text))
    check_bill(parse_file(name="iniciativa.txt", data=text.encode("cp1252")))


def test_same_line_names_ordinals_and_unico():
    parsed = parse_text(
        text="TÍTULO SEGUNDO DE LOS DERECHOS\n"
        "Capítulo III. De las consultas\n"
        "Sección Primera\n"
        "ARTÍCULO DÉCIMO PRIMERO.- Texto.\n"
        "Artículo Único. Otro.\n"
        "Artículos transitorios\n"
        "Vigésimo Segundo.- Tercero.\n"
        "I. Una fracción del transitorio.\n"
        "Único. Entra en vigor."
    )
    assert structure_of(parsed) == [
        ("titulo", "titulo-2", "TÍTULO SEGUNDO", "DE LOS DERECHOS"),
        ("capitulo", "titulo-2-capitulo-3", "Capítulo III.", "De las consultas"),
        ("seccion", "titulo-2-capitulo-3-seccion-1", "Sección Primera", ""),
        ("articulo", "articulo-11", "ARTÍCULO DÉCIMO PRIMERO.", ""),
        ("articulo", "articulo-unico", "Artículo Único.", ""),
        ("transitorio", "transitorio-22", "Vigésimo Segundo.", ""),
        ("transitorio", "transitorio-unico", "Único.", ""),
    ]
    assert parsed.units[5].paragraphs == ["Tercero.", "I. Una fracción del transitorio."]


def test_chapters_restart_in_each_titulo_with_distinct_keys():
    parsed = parse_text(
        text="Título Primero\nCapítulo I\nArtículo 1. A.\nTítulo Segundo\nCapítulo I\nArtículo 2. B."
    )
    keys = [u.key for u in parsed.units]
    assert keys == [
        "titulo-1",
        "titulo-1-capitulo-1",
        "articulo-1",
        "titulo-2",
        "titulo-2-capitulo-1",
        "articulo-2",
    ]


def test_references_inside_sentences_are_not_headings():
    parsed = parse_text(
        text="Artículo 3. Lo dispuesto en el\n"
        "Artículo 5 de la Constitución se aplica.\n"
        "Capítulo II de esta Ley se refiere a otra cosa."
    )
    assert [u.key for u in parsed.units] == ["articulo-3"]
    assert len(parsed.units[0].paragraphs) == 3


def test_text_before_the_first_part_is_left_out_with_a_note():
    parsed = parse_text(text="LEY DE PARTICIPACIÓN CIUDADANA\nArtículo 1. Texto.")
    assert [u.key for u in parsed.units] == ["articulo-1"]
    assert "LEY DE PARTICIPACIÓN CIUDADANA" in parsed.notes[0]


def test_a_repeated_number_gets_a_provisional_key_and_a_note():
    parsed = parse_text(text="Artículo 5. Uno.\nArtículo 5. Dos.\nArtículo 5. Tres.")
    assert [u.key for u in parsed.units] == [
        "articulo-5",
        "articulo-5-repetido-2",
        "articulo-5-repetido-3",
    ]
    assert len(parsed.notes) == 2 and "articulo-5-repetido-2" in parsed.notes[0]


def test_html_is_kept_as_text():
    parsed = parse_text(text="Artículo 1. <script>alert('x')</script> <b>hola</b>", markdown=True)
    assert parsed.units[0].body == "<script>alert('x')</script> <b>hola</b>"


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("5.", "5"),
        ("2o.-", "2"),
        ("3º. Texto", "3"),
        ("15 Bis.", "15-bis"),
        ("15-Ter", "15-ter"),
        ("Primero.-", "1"),
        ("DÉCIMO PRIMERO", "11"),
        ("Decimoprimero.", "11"),
        ("Vigésimo", "20"),
        ("IV", "4"),
        ("Única", "unico"),
    ],
)
def test_leading_numbers(text, slug):
    number = leading_number(text)
    assert number is not None and number.slug == slug and number.separated


def test_ordinals_and_keys_for_units_added_by_hand():
    assert ordinal("Trigésimo Noveno") == 39
    assert ordinal("Señor") is None
    assert key_for("articulo", "Artículo 15 Bis.") == "articulo-15-bis"
    assert key_for("transitorio", "Segundo.") == "transitorio-2"
    assert key_for("exposicion", "EXPOSICIÓN DE MOTIVOS") == "exposicion-de-motivos"
    assert key_for("articulo", "Sin número") == ""


# --------------------------------------------------------------------------------- bad input


def refused(code, **kwargs):
    with pytest.raises(ValidationError) as caught:
        if "name" in kwargs:
            parse_file(**kwargs)
        else:
            parse_text(**kwargs)
    assert caught.value.code == code, caught.value.messages
    return caught.value.messages[0]


def test_a_docx_that_is_not_one():
    message = refused("wrong_type", name="iniciativa.docx", data="Artículo 1. Hola.".encode())
    assert "no es un DOCX" in message
    # A zip without Word's document, and an ODT named .docx.
    refused("wrong_type", name="a.docx", data=zip_of({"hola.txt": b"hola"}))
    refused("wrong_type", name="a.docx", data=odt_bytes(BILL))


def test_an_odt_that_is_not_one():
    refused("wrong_type", name="iniciativa.odt", data=b"%PDF-1.4 nada")
    refused("wrong_type", name="iniciativa.odt", data=docx_bytes(BILL))


def test_damaged_docx():
    data = zip_of({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document"})
    assert "dañado" in refused("broken", name="a.docx", data=data)


def test_xml_entities_are_refused():
    bomb = b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]><d>&a;</d>'
    refused("wrong_type", name="a.docx", data=zip_of({"word/document.xml": bomb}))


def test_other_formats_are_refused():
    assert "DOCX, ODT" in refused("wrong_type", name="iniciativa.pdf", data=b"%PDF-1.4")
    refused("wrong_type", name="sin-extension", data="Artículo 1. Hola.".encode())
    refused("not_text", name="imagen.txt", data=b"Art\x00culo")
    refused("not_text", name="a.md", data=docx_bytes(BILL))


def test_files_over_the_size_limit():
    message = refused("too_large", name="a.txt", data=b"a" * (5 * 1024 * 1024 + 1))
    assert "5 MB" in message


def zip_of(members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def test_zip_bombs():
    """31 MB of zeros pack into a few dozen kilobytes."""
    data = zip_of({"word/document.xml": b"0" * (31 * 1024 * 1024)})
    assert len(data) < 200_000
    assert "30 MB" in refused("too_large_unpacked", name="a.docx", data=data)
    many = zip_of({f"m{i}.xml": b"" for i in range(1001)})
    refused("too_large_unpacked", name="a.odt", data=many)


def test_deeply_nested_markdown():
    ok = "Artículo 1. Texto.\n\n" + "".join("  " * i + "- nivel\n" for i in range(MAX_DEPTH))
    assert parse_text(text=ok, markdown=True).units
    lists = "Artículo 1. Texto.\n\n" + "".join("  " * i + "- nivel\n" for i in range(MAX_DEPTH + 1))
    assert "10 niveles" in refused("too_deep", text=lists, markdown=True)
    quotes = "Artículo 1. Texto.\n\n" + ">" * 5000 + " muy adentro"
    refused("too_deep", text=quotes, markdown=True)


def test_deeply_nested_odt():
    document = OpenDocumentText()
    document.text.addElement(P(text="Artículo 1. Texto."))
    parent = document.text
    for _level in range(MAX_DEPTH + 1):
        inner, item = List(), ListItem()
        inner.addElement(item)
        parent.addElement(inner)
        parent = item
    parent.addElement(P(text="muy adentro"))
    buffer = io.BytesIO()
    document.write(buffer)
    refused("too_deep", name="a.odt", data=buffer.getvalue())


def test_enormous_documents():
    many = "\n".join(f"Artículo {n}. Texto." for n in range(1, MAX_UNITS + 2))
    assert "2000 partes" in refused("too_many_units", text=many)
    long = "Artículo 7. Texto.\n" + "palabra " * (BODY_MAX // 8 + 10)
    message = refused("unit_too_long", text=long)
    assert "«Artículo 7.»" in message and "50000" in message


def test_empty_documents_and_nothing_recognised():
    refused("empty", name="a.txt", data=b"  \n ")
    refused("nothing_found", text="Un texto cualquiera.\nSin artículos.")
    refused("nothing_found", name="a.docx", data=docx_bytes([]))
    refused("nothing_found", name="a.odt", data=odt_bytes([("p", "Nada que reconocer")]))


def test_nul_bytes():
    refused("nul", text="Artículo 1. Ho\x00la.")
    refused("not_text", name="a.md", data=b"Art\x00iculo 1.")
