"""Word-level differences between two texts, and between two versions unit by unit.

A text is cut into tokens (words, runs of whitespace, single punctuation marks) that join back
into exactly the same text, and difflib aligns the tokens. Texts are first aligned by sentence
(or fracción, or line), so an article, or an exposición de motivos of many pages, costs a word
diff only where a sentence changed. The result is a list of segments `(op, text)` that a template shows as plain text,
`<del>` or `<ins>` (always escaped).

Two versions are aligned by `TextUnit.key`, which stays the same from one version to the next:
each unit is unchanged, changed, added or removed. Nothing here reads the database; the result
is made of tuples of strings, so it can be cached as it is (published versions never change).
"""

import re
from collections.abc import Callable, Iterable, Sequence
from difflib import SequenceMatcher
from os.path import commonprefix
from typing import NamedTuple, Protocol

EQUAL, DELETE, INSERT = "equal", "delete", "insert"
UNCHANGED, CHANGED, ADDED, REMOVED = "unchanged", "changed", "added", "removed"

# A word or a punctuation mark with the whitespace after it (and the whitespace a text starts
# with): every character falls in one token, so "".join(tokens(text)) == text. Spaces kept apart
# would be half the tokens, all alike, and make the alignment ten times slower.
TOKEN = re.compile(r"\s+|\w+\s*|[^\w\s]\s*")
# A sentence, a fracción or a line, with the whitespace after it.
SENTENCE = re.compile(r".*?(?:[.;:!?](?=\s|$)|\n)\s*|.+", re.S)


class Segment(NamedTuple):
    op: str  # EQUAL, DELETE or INSERT
    text: str


def tokens(text: str) -> list[str]:
    return TOKEN.findall(text)


def word_diff(old: str, new: str) -> list[Segment]:
    """The segments that turn `old` into `new`: the EQUAL and DELETE ones join into `old`, the
    EQUAL and INSERT ones into `new`."""
    if old == new:
        return [Segment(EQUAL, old)] if old else []
    if not old or not new:
        return [Segment(DELETE, old)] if old else [Segment(INSERT, new)]
    old_parts, new_parts = SENTENCE.findall(old), SENTENCE.findall(new)
    if len(old_parts) == 1 or len(new_parts) == 1:
        return _tidy(_aligned(tokens(old), tokens(new), _trimmed))
    return _tidy(_aligned(old_parts, new_parts, _word_level))


def _word_level(old: str, new: str) -> list[Segment]:
    return _aligned(tokens(old), tokens(new), _trimmed)


def _aligned(
    old: list[str], new: list[str], replace: Callable[[str, str], list[Segment]]
) -> list[Segment]:
    """Two lists of pieces (sentences or tokens) aligned by difflib, ignoring the whitespace
    that ends each piece ("responder" before a period and "responder " before a word are the
    same word); `replace` diffs the pieces that differ."""
    # autojunk would treat common words as noise in long texts and misalign them.
    matcher = SequenceMatcher(
        None, [x.rstrip() for x in old], [y.rstrip() for y in new], autojunk=False
    )
    out: list[Segment] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.extend(_same_but_spacing(old[i1:i2], new[j1:j2]))
            continue
        before, after = "".join(old[i1:i2]), "".join(new[j1:j2])
        if op == "replace":
            out.extend(replace(before, after))
        else:
            out.append(Segment(DELETE, before) if before else Segment(INSERT, after))
    return out


def _same_but_spacing(old: list[str], new: list[str]) -> list[Segment]:
    out: list[Segment] = []
    for x, y in zip(old, new, strict=True):
        if x == y:
            out.append(Segment(EQUAL, x))
            continue
        core = x.rstrip()
        out += [
            Segment(EQUAL, core),
            Segment(DELETE, x[len(core) :]),
            Segment(INSERT, y[len(core) :]),
        ]
    return out


def _trimmed(old: str, new: str) -> list[Segment]:
    """A replacement without the words both sides start or end with ("derecho" → "derecho a
    votar" inserts " a votar": the tokens differed only by the space after the word)."""
    start = _common(old, new, 1)
    end = _common(old[start:], new[start:], -1)
    middle_old, middle_new = old[start : len(old) - end], new[start : len(new) - end]
    parts = [
        Segment(EQUAL, old[:start]),
        Segment(DELETE, middle_old),
        Segment(INSERT, middle_new),
        Segment(EQUAL, old[len(old) - end :] if end else ""),
    ]
    return [part for part in parts if part.text]


def _common(old: str, new: str, step: int) -> int:
    """How many characters both texts start (step 1) or end (step -1) with, never cutting
    a word in two."""
    if step == -1:
        old, new = old[::-1], new[::-1]
    size = len(commonprefix([old, new]))  # noqa: RUF071 (strings, not paths)
    while size and (_inside_word(old, size) or _inside_word(new, size)):
        size -= 1
    return size


def _inside_word(text: str, at: int) -> bool:
    return 0 < at < len(text) and text[at - 1].isalnum() and text[at].isalnum()


def _tidy(segments: Iterable[Segment]) -> list[Segment]:
    """Readable segments: a lone space kept between two changes is folded into them (so "a b"
    → "x y" reads as one deletion and one insertion, not four), and within every run of
    changes the deletion comes first, then the insertion."""
    items = [s for s in segments if s.text]
    for i in range(1, len(items) - 1):
        here = items[i]
        between_changes = items[i - 1].op != EQUAL and items[i + 1].op != EQUAL
        if here.op == EQUAL and not here.text.strip() and between_changes:
            items[i] = Segment("both", here.text)
    out: list[Segment] = []
    deleted: list[str] = []
    inserted: list[str] = []
    for seg in [*items, Segment(EQUAL, "")]:
        if seg.op == EQUAL:
            if deleted:
                out.append(Segment(DELETE, "".join(deleted)))
            if inserted:
                out.append(Segment(INSERT, "".join(inserted)))
            deleted, inserted = [], []
            if seg.text:
                if out and out[-1].op == EQUAL:
                    out[-1] = Segment(EQUAL, out[-1].text + seg.text)
                else:
                    out.append(seg)
            continue
        if seg.op in (DELETE, "both"):
            deleted.append(seg.text)
        if seg.op in (INSERT, "both"):
            inserted.append(seg.text)
    return out


def side(segments: Sequence[Segment], op: str) -> str:
    """One side of a diff: the old text (op=DELETE) or the new one (op=INSERT)."""
    return "".join(s.text for s in segments if s.op in (EQUAL, op))


class UnitLike(Protocol):
    @property
    def key(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def heading(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def body(self) -> str: ...


class UnitText(NamedTuple):
    """What a comparison keeps of a unit (a TextUnit is reduced to this before caching)."""

    key: str
    kind: str
    heading: str
    title: str
    body: str

    @classmethod
    def of(cls, unit: UnitLike) -> "UnitText":
        return cls(unit.key, unit.kind, unit.heading, unit.title, unit.body)


class UnitDiff(NamedTuple):
    key: str
    status: str  # UNCHANGED, CHANGED, ADDED or REMOVED
    old: UnitText | None
    new: UnitText | None
    heading: list[Segment]
    title: list[Segment]
    body: list[Segment]

    @property
    def unit(self) -> UnitText:
        """The unit as it reads now (as it read, if it was removed)."""
        found = self.new or self.old
        assert found is not None  # a UnitDiff always has at least one side
        return found


def unit_diff(old: UnitText | None, new: UnitText | None) -> UnitDiff:
    if old is None and new is None:
        raise ValueError("A unit diff needs at least one side.")
    blank = UnitText("", "", "", "", "")
    before, after = old or blank, new or blank
    if old is None:
        status = ADDED
    elif new is None:
        status = REMOVED
    elif (old.heading, old.title, old.body) == (new.heading, new.title, new.body):
        status = UNCHANGED  # most units of a new version: no diff to compute
    else:
        status = CHANGED
    return UnitDiff(
        key=(new or before).key,
        status=status,
        old=old,
        new=new,
        heading=word_diff(before.heading, after.heading),
        title=word_diff(before.title, after.title),
        body=word_diff(before.body, after.body),
    )


def align(old: Sequence[UnitText], new: Sequence[UnitText]) -> list[UnitDiff]:
    """Both versions' units by key, in the new version's order; a removed unit comes right
    after the unit that preceded it in the old version (or first, if none of those remain)."""
    new_keys = {unit.key for unit in new}
    old_by_key = {unit.key: unit for unit in old}
    removed_after: dict[str | None, list[UnitText]] = {}
    previous: str | None = None
    for unit in old:
        if unit.key in new_keys:
            previous = unit.key
        else:
            removed_after.setdefault(previous, []).append(unit)
    rows = [unit_diff(unit, None) for unit in removed_after.pop(None, [])]
    for unit in new:
        rows.append(unit_diff(old_by_key.get(unit.key), unit))
        rows.extend(unit_diff(gone, None) for gone in removed_after.pop(unit.key, []))
    return rows


def summary(rows: Iterable[UnitDiff]) -> dict[str, int]:
    counts = dict.fromkeys((CHANGED, ADDED, REMOVED, UNCHANGED), 0)
    for row in rows:
        counts[row.status] += 1
    return counts
