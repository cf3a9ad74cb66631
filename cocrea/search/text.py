"""What the search does with the words someone typed: tidy them, split them for the plain search,
and cut a short excerpt around the first of them, marked. Pure functions, no database."""

import re
import unicodedata

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

MAX_LENGTH = 200  # characters of a query; the form refuses longer ones
MAX_WORDS = 8  # words the plain (SQLite) search and the excerpt look for
EXCERPT = 200  # characters of an excerpt
BEFORE = 60  # of them, before the first match
# Everything but letters, digits and spaces: quotes, the "-" that excludes a word, punctuation.
NOT_WORD = re.compile(r"[^\w\s]+")


def tidy(raw: str) -> str:
    """The query as searched: compatibility forms folded (NFKC: full-width letters, ligatures),
    control and format characters out, runs of spaces as one."""
    text = unicodedata.normalize("NFKC", raw)
    kept = "".join(" " if unicodedata.category(c)[0] in "CZ" else c for c in text)
    return " ".join(kept.split())


def words_of(query: str) -> list[str]:
    """The words to look for, in order, without websearch's operators: quotes and "or" out,
    and a word after "-" (one to leave out) not looked for."""
    wanted = (token for token in query.split() if not token.startswith("-"))
    words = NOT_WORD.sub(" ", " ".join(wanted)).split()
    return [w for w in words if w.lower() != "or"][:MAX_WORDS]


def _fold_char(c: str) -> str:
    # One character in, one out, so that positions in the folded text are positions in the text.
    return unicodedata.normalize("NFD", c)[0].lower()[:1] or c


def fold(text: str) -> str:
    """Lower case, accents off: "Educación" → "educacion"."""
    return "".join(_fold_char(c) for c in text)


def _stem(word: str) -> str:
    # A crude Spanish plural, so that "escuelas" marks "escuela" as the database's stemmer finds it.
    folded = fold(word)
    for ending in ("es", "s"):
        if len(folded) > 4 and folded.endswith(ending):
            return folded[: -len(ending)]
    return folded


def _pattern(words: list[str]) -> re.Pattern[str] | None:
    stems = sorted({_stem(w) for w in words if _stem(w)}, key=len, reverse=True)
    # A word's start, then the rest of it: "escuela" marks all of "escuelas".
    alternatives = "|".join(re.escape(s) for s in stems)
    return re.compile(rf"\b(?:{alternatives})\w*") if stems else None


def excerpt(text: str, words: list[str]) -> SafeString:
    """About EXCERPT characters of `text` around the first word found (its start if none), HTML
    escaped, with each word found marked by <mark>."""
    text = " ".join(text.split())
    pattern = _pattern(words)
    folded = fold(text)
    first = pattern.search(folded) if pattern else None
    start = 0
    if first and first.start() > BEFORE:
        start = text.rfind(" ", 0, first.start() - BEFORE) + 1
    end = min(len(text), start + EXCERPT)
    if end < len(text) and " " in text[start + EXCERPT // 2 : end]:
        end = text.rfind(" ", start, end)
    pieces, at = [], start
    for found in pattern.finditer(folded, start, end) if pattern else ():
        marked = escape(text[found.start() : min(found.end(), end)])
        pieces += [escape(text[at : found.start()]), f"<mark>{marked}</mark>"]
        at = min(found.end(), end)
    pieces.append(escape(text[at:end]))
    cut = ("…" if start else "") + "".join(pieces) + ("…" if end < len(text) else "")
    return mark_safe(cut)
