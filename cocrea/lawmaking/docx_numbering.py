"""The numbers Word writes in front of automatically numbered paragraphs.

A DOCX keeps "Artículo 1.", a fracción's "I." or an inciso's "a)" out of the paragraph's text
when Word numbers them itself (numbering.xml); python-docx reads the text without them. This
works them out again, well enough for legislative drafting: the format and pattern of each
level ("%1.", "Artículo %1."), its start, and counters per list that restart deeper levels.
Numbering set through a style (rather than on the paragraph) is followed one style deep.
"""

from typing import Any

from docx.oxml.ns import qn


def _val(element: Any, tag: str) -> str | None:
    found = element.find(qn(tag)) if element is not None else None
    return None if found is None else found.get(qn("w:val"))


class WordNumbering:
    def __init__(self, document: Any) -> None:
        self.levels: dict[tuple[str, str], tuple[str, str, int]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstracts = {a.get(qn("w:abstractNumId")): a for a in root.findall(qn("w:abstractNum"))}
        for num in root.findall(qn("w:num")):
            abstract = abstracts.get(_val(num, "w:abstractNumId"))
            for level in abstract.findall(qn("w:lvl")) if abstract is not None else ():
                pattern = _val(level, "w:lvlText") or ""
                start = int(_val(level, "w:start") or 1)
                fmt = _val(level, "w:numFmt") or "decimal"
                self.levels[(num.get(qn("w:numId")), level.get(qn("w:ilvl")))] = (
                    fmt,
                    pattern,
                    start,
                )

    def label(self, paragraph: Any) -> str:
        """The number Word shows before the paragraph ("" when it has none)."""
        num_id, level = self._numbering_of(paragraph)
        if num_id is None or (num_id, level) not in self.levels:
            return ""
        fmt, pattern, start = self.levels[(num_id, level)]
        depth = int(level)
        counters = self.counters.setdefault(num_id, {})
        counters[depth] = counters.get(depth, start - 1) + 1
        for deeper in [d for d in counters if d > depth]:
            del counters[deeper]
        if fmt in ("bullet", "none"):
            return ""
        text = pattern
        for d in range(depth + 1):
            d_fmt, _pattern, d_start = self.levels.get((num_id, str(d)), ("decimal", "", 1))
            text = text.replace(f"%{d + 1}", _format(counters.get(d, d_start), d_fmt))
        return text + " " if text else ""

    @staticmethod
    def _numbering_of(paragraph: Any) -> tuple[str | None, str]:
        for holder in (paragraph._p, getattr(paragraph.style, "element", None)):
            props = holder.find(qn("w:pPr")) if holder is not None else None
            numbering = props.find(qn("w:numPr")) if props is not None else None
            if numbering is not None:
                num_id = _val(numbering, "w:numId")
                return (None if num_id in (None, "0") else num_id), _val(numbering, "w:ilvl") or "0"
        return None, "0"


def _format(value: int, fmt: str) -> str:
    if fmt == "upperRoman":
        return to_roman(value)
    if fmt == "lowerRoman":
        return to_roman(value).lower()
    if fmt == "upperLetter":
        return letters(value).upper()
    if fmt == "lowerLetter":
        return letters(value)
    return str(value)


def to_roman(value: int) -> str:
    numerals = (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    )  # fmt: skip
    out = ""
    for amount, numeral in numerals:
        count, value = divmod(value, amount)
        out += numeral * count
    return out


def letters(value: int) -> str:
    """1 → "a", 26 → "z", 27 → "aa" (as Word counts incisos past the alphabet)."""
    letter = "abcdefghijklmnopqrstuvwxyz"[(max(value, 1) - 1) % 26]
    return letter * ((max(value, 1) - 1) // 26 + 1)
