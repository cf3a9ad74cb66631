"""Word-level differences and the alignment of two versions' units (no database)."""

import time

import pytest

from cocrea.lawmaking.diffing import (
    ADDED,
    CHANGED,
    DELETE,
    EQUAL,
    INSERT,
    REMOVED,
    UNCHANGED,
    Segment,
    UnitText,
    align,
    side,
    summary,
    tokens,
    word_diff,
)


def _check(old: str, new: str) -> list[Segment]:
    """The diff, after checking that each side joins back into its text exactly."""
    segments = word_diff(old, new)
    assert side(segments, DELETE) == old
    assert side(segments, INSERT) == new
    assert all(s.text for s in segments)
    return segments


def _unit(key: str, body: str = "Texto.", heading: str = "", title: str = "") -> UnitText:
    return UnitText(key, "articulo", heading or key, title, body)


@pytest.mark.parametrize(
    "text",
    [
        "Artículo 5. Toda persona —sin excepción— tiene derecho; ¿verdad? ¡Sí!",
        "  espacios\t y\n\nsaltos  ",
        "",
        "niño, pingüino, acción: «comillas» y “otras”.",
    ],
)
def test_tokens_join_back_into_the_text(text):
    assert "".join(tokens(text)) == text


def test_tokens_are_words_or_marks_with_their_following_space():
    assert tokens("acción pingüino.") == ["acción ", "pingüino", "."]


def test_identical_texts_are_one_equal_segment():
    assert _check("Igual.", "Igual.") == [Segment(EQUAL, "Igual.")]


def test_empty_texts():
    assert _check("", "") == []
    assert _check("", "Nuevo texto.") == [Segment(INSERT, "Nuevo texto.")]
    assert _check("Viejo texto.", "") == [Segment(DELETE, "Viejo texto.")]


def test_insertion():
    segments = _check("Toda persona tiene derecho.", "Toda persona mayor tiene derecho.")
    (change,) = [s for s in segments if s.op != EQUAL]
    assert (change.op, change.text.strip()) == (INSERT, "mayor")


def test_deletion():
    segments = _check("Toda persona mayor tiene derecho.", "Toda persona tiene derecho.")
    (change,) = [s for s in segments if s.op != EQUAL]
    assert (change.op, change.text.strip()) == (DELETE, "mayor")


def test_replacement_reads_as_one_deletion_then_one_insertion():
    segments = _check("La comisión podrá responder.", "La comisión deberá responder siempre.")
    assert segments[:3] == [
        Segment(EQUAL, "La comisión "),
        Segment(DELETE, "podrá"),
        Segment(INSERT, "deberá"),
    ]
    # Several replaced words in a row are one change, not a word-and-space patchwork.
    assert _check("uno dos tres", "cuatro cinco seis") == [
        Segment(DELETE, "uno dos tres"),
        Segment(INSERT, "cuatro cinco seis"),
    ]


def test_punctuation_changes_alone():
    segments = _check("hola, mundo.", "hola; mundo!")
    assert [s for s in segments if s.op != EQUAL] == [
        Segment(DELETE, ","),
        Segment(INSERT, ";"),
        Segment(DELETE, "."),
        Segment(INSERT, "!"),
    ]


def test_accents_count_as_changes():
    segments = _check("La participacion ciudadana.", "La participación ciudadana.")
    assert [s for s in segments if s.op != EQUAL] == [
        Segment(DELETE, "participacion"),
        Segment(INSERT, "participación"),
    ]


def test_paragraphs_changed_elsewhere_stay_equal():
    old = "Primer párrafo igual.\n\nI. Fracción que cambia;\n\nII. Otra igual."
    new = "Primer párrafo igual.\n\nI. Fracción que sí cambia;\n\nII. Otra igual.\n\nIII. Nueva."
    segments = _check(old, new)
    assert segments[0] == Segment(EQUAL, "Primer párrafo igual.\n\nI. Fracción que ")
    assert any(s.op == INSERT and s.text.strip() == "sí" for s in segments)
    assert segments[-1] == Segment(INSERT, "\n\nIII. Nueva.")


def test_markup_is_kept_as_text():
    """The diff never interprets the text; escaping is the template's job."""
    assert _check("a", "<script>alert(1)</script>")[-1].text == "<script>alert(1)</script>"


def test_a_long_text_diffs_quickly():
    sentence = "La ciudadanía participa en la elaboración de las leyes del Estado número {}. "
    old = "\n\n".join(
        "".join(sentence.format(f"{n}-{k}") for k in range(40)) for n in range(60)
    )  # about 200,000 characters
    new = old.replace("número 10-3.", "número 10-3 y otros.").replace("del Estado", "de Jalisco", 3)
    start = time.perf_counter()
    _check(old, new)
    assert time.perf_counter() - start < 1


def test_alignment_by_key_with_added_removed_and_changed_units():
    old = [_unit("a"), _unit("b"), _unit("c", "Antes."), _unit("d")]
    new = [_unit("a"), _unit("c", "Después."), _unit("e"), _unit("d")]
    rows = align(old, new)
    assert [(r.key, r.status) for r in rows] == [
        ("a", UNCHANGED),
        ("b", REMOVED),  # right after the unit that preceded it
        ("c", CHANGED),
        ("e", ADDED),
        ("d", UNCHANGED),
    ]
    assert summary(rows) == {CHANGED: 1, ADDED: 1, REMOVED: 1, UNCHANGED: 2}
    removed = rows[1]
    assert removed.new is None and removed.unit.key == "b"
    assert removed.body == [Segment(DELETE, "Texto.")]


def test_removed_units_before_any_kept_one_come_first():
    rows = align([_unit("x"), _unit("a")], [_unit("a"), _unit("z")])
    assert [(r.key, r.status) for r in rows] == [("x", REMOVED), ("a", UNCHANGED), ("z", ADDED)]


def test_a_changed_heading_or_title_is_a_change():
    old = [_unit("a", heading="Artículo 5", title="De los derechos")]
    new = [_unit("a", heading="Artículo 6", title="De los derechos humanos")]
    (row,) = align(old, new)
    assert row.status == CHANGED
    assert Segment(INSERT, " humanos") in row.title
    assert row.body == [Segment(EQUAL, "Texto.")]


def test_empty_versions():
    assert align([], []) == []
    assert [r.status for r in align([], [_unit("a")])] == [ADDED]
