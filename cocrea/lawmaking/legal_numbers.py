"""Numbers as Mexican laws write them: ordinals in words ("Décimo Primero"), roman numerals
("Capítulo IV") and the Latin additions of an inserted article ("15 Bis", "20 Ter")."""

import re
import unicodedata
from dataclasses import dataclass

ONES = {
    "primer": 1, "primero": 1, "primera": 1, "segundo": 2, "segunda": 2, "tercer": 3,
    "tercero": 3, "tercera": 3, "cuarto": 4, "cuarta": 4, "quinto": 5, "quinta": 5,
    "sexto": 6, "sexta": 6, "septimo": 7, "septima": 7, "setimo": 7, "octavo": 8,
    "octava": 8, "noveno": 9, "novena": 9,
}  # fmt: skip
TENS = {
    "decimo": 10, "decima": 10, "vigesimo": 20, "vigesima": 20, "trigesimo": 30,
    "trigesima": 30, "cuadragesimo": 40, "quincuagesimo": 50, "sexagesimo": 60,
    "septuagesimo": 70, "octogesimo": 80, "nonagesimo": 90,
}  # fmt: skip
SPECIAL = {"undecimo": 11, "undecima": 11, "duodecimo": 12, "duodecima": 12}
LATIN = r"bis|ter|qu[aá]ter|quinquies|sexies|septies|octies|nonies|decies"
ROMAN = re.compile(r"m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})", re.I)
SEPARATORS = " .-–—:"


def plain(word: str) -> str:
    """Lowercase, without accents: "Décimo" → "decimo"."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def ordinal(words: str) -> int | None:
    """1–99 written as a Spanish ordinal ("Primero", "Décimo Segundo", "Vigésimo primero")."""
    parts = re.findall(r"[a-z]+", plain(words))
    if len(parts) == 1:
        word = parts[0]
        if word in ONES or word in TENS or word in SPECIAL:
            return ONES.get(word) or TENS.get(word) or SPECIAL[word]
        for tens, value in TENS.items():  # "decimoprimero"
            if word.startswith(tens) and word[len(tens) :] in ONES:
                return value + ONES[word[len(tens) :]]
    if len(parts) == 2 and parts[0] in TENS and parts[1] in ONES:
        return TENS[parts[0]] + ONES[parts[1]]
    return None


def roman(word: str) -> int | None:
    if not word or not ROMAN.fullmatch(word):
        return None
    values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
    digits = [values[c] for c in word.lower()]
    return sum(-d if d < n else d for d, n in zip(digits, [*digits[1:], 0], strict=True))


@dataclass
class Number:
    slug: str  # "5", "15-bis", "unico"
    rest: str  # what follows the number on the line
    separated: bool  # a separator (".", "-", ":") or the end of the line follows it


def leading_number(
    text: str, *, digits: bool = True, words: bool = True, romans: bool = True
) -> Number | None:
    """The number a heading's text starts with: digits ("2o."), an ordinal, a roman numeral or
    "Único", then an optional "Bis", "Ter"…"""
    slug, rest = _number_token(text, digits=digits, words=words, romans=romans)
    if slug is None:
        return None
    latin = re.match(rf"[\s\-]*({LATIN})\b", rest, re.I)
    if latin:
        slug, rest = f"{slug}-{plain(latin.group(1))}", rest[latin.end() :]
    separated = not rest.strip() or rest.lstrip(" ")[:1] in tuple(".-–—:")
    return Number(slug, rest, separated)


def _number_token(text: str, *, digits: bool, words: bool, romans: bool) -> tuple[str | None, str]:
    figures = re.match(r"(\d{1,4})\s?(?:o|a|º|°|ª|\.o|\.a)?(?=[\s.\-–—:]|$)", text, re.I)
    if figures:
        return (str(int(figures.group(1))) if digits else None), text[figures.end() :]
    found = re.match(r"([^\W\d_]+)(?:\s+([^\W\d_]+))?", text)
    if not found:
        return None, text
    if words and found.group(2) and (value := ordinal(found.group(0))):
        return str(value), text[found.end() :]
    first = found.group(1)
    rest = text[found.end(1) :]
    if words and plain(first) in ("unico", "unica"):
        return "unico", rest
    if words and (value := ordinal(first)):
        return str(value), rest
    if romans and (value := roman(first)):
        return str(value), rest
    return None, text


# ----------------------------------------------------------------------------------- structure
