"""Reading a bill's text by structure from a file (DOCX, ODT, Markdown, plain text).

A file becomes a list of lines (each a paragraph, marked when its style or Markdown makes it a
heading); `structure` then finds, in Mexican legislative drafting, the exposición de motivos,
the títulos, capítulos and secciones, the artículos ("Artículo 1.", "Artículo 2o.-",
"Artículo 15 Bis.") and, after "TRANSITORIOS", the transitorios ("Primero.-"). Fracciones and
incisos stay paragraphs of their article. Each unit's key comes from its kind and number, never
its position, so the same article has the same key in every version.

Everything read is kept as text (HTML included: it is escaped on output). Files are checked by
content and bounded in size, unpacked size, nesting and number of units; every refusal is a
ValidationError in Spanish and nothing is saved by this module.
"""

import io
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cocrea.lawmaking.docx_numbering import WordNumbering
from cocrea.lawmaking.legal_numbers import SEPARATORS, leading_number, plain
from cocrea.lawmaking.models import BODY_MAX, UnitKind

MAX_UPLOAD_MB = 5
MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1024 * 1024
MAX_UNPACKED_MB = 30  # a DOCX or ODT unpacked: far above any bill, far below a zip bomb
MAX_UNPACKED_BYTES = MAX_UNPACKED_MB * 1024 * 1024
MAX_ZIP_MEMBERS = 1000
MAX_DEPTH = 10  # lists, quotes or sections inside one another
MAX_UNITS = 2000
HEADING_MAX, TITLE_MAX, KEY_MAX = 200, 300, 60
SUFFIXES = {"docx": "DOCX", "odt": "ODT", "md": "Markdown", "markdown": "Markdown", "txt": "texto"}
DUPLICATE = "-repetido-"  # marks a provisional key given to a repeated number


@dataclass
class Line:
    text: str
    heading: bool = False  # styled as a heading (Word or LibreOffice style, Markdown "#")


@dataclass
class ParsedUnit:
    kind: str
    key: str
    heading: str
    title: str = ""
    paragraphs: list[str] = field(default_factory=list)

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)


@dataclass
class Parsed:
    units: list[ParsedUnit]
    notes: list[str]  # what the editor should look at before publishing


def refusal(message: str, code: str) -> ValidationError:
    return ValidationError(message, code=code)


# ---------------------------------------------------------------------------------- entry points


def parse_file(*, name: str, data: bytes) -> Parsed:
    """The units of an uploaded file, its format told by its name and checked by its content."""
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix not in SUFFIXES:
        raise refusal(
            _("Sube un archivo DOCX, ODT, Markdown (.md) o de texto (.txt)."), "wrong_type"
        )
    if len(data) > MAX_UPLOAD_BYTES:
        raise too_large(len(data))
    if not data.strip():
        raise refusal(_("El archivo está vacío."), "empty")
    if suffix == "docx":
        return structure(docx_lines(data))
    if suffix == "odt":
        return structure(odt_lines(data))
    return parse_text(text=decode(data), markdown=suffix != "txt")


def parse_text(*, text: str, markdown: bool = False) -> Parsed:
    """The units of pasted text: Markdown, or plain text where each line is a paragraph."""
    if "\x00" in text:
        raise refusal(_("El texto tiene caracteres nulos; no parece un texto."), "nul")
    return structure(markdown_lines(text) if markdown else plain_lines(text))


def too_large(size: int) -> ValidationError:
    return ValidationError(
        _("El archivo pesa %(size).1f MB; el máximo es %(max)d MB."),
        params={"size": size / 1024 / 1024, "max": MAX_UPLOAD_MB},
        code="too_large",
    )


def too_deep() -> ValidationError:
    return refusal(
        _(
            "El documento tiene más de %(max)d niveles de listas, citas o secciones unas dentro "
            "de otras; simplifícalo antes de importarlo."
        )
        % {"max": MAX_DEPTH},
        "too_deep",
    )


# ------------------------------------------------------------------------------------- formats


def decode(data: bytes) -> str:
    if b"\x00" in data or data.startswith(b"PK\x03\x04") or data.startswith(b"%PDF"):
        raise refusal(_("El archivo no es de texto (su contenido no corresponde)."), "not_text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def plain_lines(text: str) -> Iterator[Line]:
    for line in text.splitlines():
        yield Line(line)


def markdown_lines(text: str) -> Iterator[Line]:
    """Paragraphs and headings of a Markdown text; HTML in it stays text (escaped on output)."""
    from markdown_it import MarkdownIt

    # The parser stops nesting at maxNesting: set above our own limit so a deeper text is
    # refused rather than silently cut.
    tokens = MarkdownIt("commonmark", {"maxNesting": 4 * MAX_DEPTH}).parse(text)
    depth, in_heading, marker = 0, False, ""
    for token in tokens:
        if token.type in ("blockquote_open", "bullet_list_open", "ordered_list_open"):
            depth += 1
            if depth > MAX_DEPTH:
                raise too_deep()
        elif token.type in ("blockquote_close", "bullet_list_close", "ordered_list_close"):
            depth -= 1
        elif token.type == "list_item_open":
            marker = f"{token.info}{token.markup} " if token.info else ""
        elif token.type == "heading_open":
            in_heading = True
        elif token.type == "heading_close":
            in_heading = False
        elif token.type == "inline":
            yield Line(marker + _inline_text(token.children or []), heading=in_heading)
            marker = ""
        elif token.type in ("html_block", "code_block", "fence"):
            yield from (Line(part) for part in token.content.split("\n\n"))


def _inline_text(children: Iterable[Any]) -> str:
    words = []
    for child in children:
        if child.type in ("softbreak", "hardbreak"):
            words.append(" ")
        elif child.type in ("text", "code_inline", "html_inline", "image"):
            words.append(child.content)
    return "".join(words)


def _open_zip(data: bytes, kind: str) -> zipfile.ZipFile:
    """The archive, refused when it is not one, holds too many members or would unpack to
    more than the limit (zipfile never inflates a member past the size its header declares)."""
    not_it = refusal(
        _("El archivo no es un %(kind)s (su contenido no corresponde).") % {"kind": kind},
        "wrong_type",
    )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError):
        raise not_it from None
    unpacked = sum(member.file_size for member in members)
    if len(members) > MAX_ZIP_MEMBERS or unpacked > MAX_UNPACKED_BYTES:
        raise refusal(
            _(
                "El archivo descomprimido ocuparía %(size)d MB; el máximo es %(max)d MB. "
                "Quítale imágenes o divídelo."
            )
            % {"size": unpacked // (1024 * 1024), "max": MAX_UNPACKED_MB},
            "too_large_unpacked",
        )
    for member in members:
        if member.filename.endswith(".xml") and _declares_entities(archive, member.filename):
            raise not_it  # neither format declares a DTD; one that does is a trap
    return archive


def _declares_entities(archive: zipfile.ZipFile, name: str) -> bool:
    try:
        content = archive.read(name)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return True
    return b"<!DOCTYPE" in content or b"<!ENTITY" in content


def broken(kind: str) -> ValidationError:
    return refusal(
        _("No se pudo leer el %(kind)s: el archivo está dañado o incompleto.") % {"kind": kind},
        "broken",
    )


def docx_lines(data: bytes) -> list[Line]:
    archive = _open_zip(data, "DOCX")
    if "word/document.xml" not in archive.namelist():
        raise refusal(_("El archivo no es un DOCX (su contenido no corresponde)."), "wrong_type")
    import docx
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
        numbering = WordNumbering(document)
        lines: list[Line] = []
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                lines.extend(Line(" | ".join(c.text for c in row.cells)) for row in block.rows)
            else:
                lines.append(Line(numbering.label(block) + block.text, _docx_heading(block)))
    except ValidationError:
        raise
    except Exception:  # python-docx and lxml raise many kinds on a damaged part
        raise broken("DOCX") from None
    return lines


def _docx_heading(paragraph: Any) -> bool:
    style = paragraph.style
    name = (style.name or "").lower() if style is not None else ""
    return bool(re.match(r"(heading|t[ií]tulo|title)\b", name))


def odt_lines(data: bytes) -> list[Line]:
    archive = _open_zip(data, "ODT")
    try:
        mimetype = archive.read("mimetype").strip()
    except (KeyError, zipfile.BadZipFile, OSError):
        mimetype = b""
    if mimetype != b"application/vnd.oasis.opendocument.text":
        raise refusal(_("El archivo no es un ODT (su contenido no corresponde)."), "wrong_type")
    from odf.opendocument import load  # type: ignore[import-untyped]

    try:
        return list(_odt_walk(load(io.BytesIO(data)).text, 0))
    except ValidationError:
        raise
    except RecursionError:
        raise too_deep() from None
    except Exception:  # odfpy raises many kinds on a damaged part
        raise broken("ODT") from None


def _odt_walk(node: Any, depth: int) -> Iterator[Line]:
    from odf import teletype  # type: ignore[import-untyped]
    from odf.namespaces import TABLENS, TEXTNS  # type: ignore[import-untyped]

    for child in node.childNodes:
        name = getattr(child, "qname", None)
        if name == (TEXTNS, "h"):
            yield Line(teletype.extractText(child), heading=True)
        elif name == (TEXTNS, "p"):
            yield Line(teletype.extractText(child))
        elif name == (TABLENS, "table-row"):
            cells = [teletype.extractText(c) for c in child.childNodes if hasattr(c, "qname")]
            yield Line(" | ".join(cells))
        elif name in ((TEXTNS, "list"), (TEXTNS, "section"), (TABLENS, "table")):
            if depth >= MAX_DEPTH:
                raise too_deep()
            yield from _odt_walk(child, depth + 1)
        elif name in ((TEXTNS, "list-item"), (TEXTNS, "list-header"), (TABLENS, "table-rows")):
            yield from _odt_walk(child, depth)


PREAMBLE = re.compile(r"exposici[oó]n\s+de\s+motivos\s*[.:]?", re.I)
TRANSITORIES = re.compile(r"(?:art[ií]culos?\s+)?transitorios?\s*[.:]?", re.I)
GROUP = re.compile(r"(t[ií]tulo|cap[ií]tulo|secci[oó]n)\s+", re.I)
ARTICLE = re.compile(r"(?:art[ií]culo|art\.)\s*", re.I)
GROUP_KINDS = {"titulo": UnitKind.TITLE, "capitulo": UnitKind.CHAPTER, "seccion": UnitKind.SECTION}


def clean(text: str) -> str:
    """One paragraph's text: control characters out, runs of spaces made one."""
    text = "".join(c if c.isprintable() else " " for c in unicodedata.normalize("NFC", text))
    return re.sub(r"\s+", " ", text).strip()


def _heading_of(text: str, rest: str) -> str:
    """The heading as written, with its period ("Artículo 2o.- Son…" → "Artículo 2o.")."""
    separator = re.match(r"[\s.\-–—:]*", rest)
    end = len(text) - len(rest) + (separator.end() if separator else 0)
    return text[:end].rstrip(" -–—:")[:HEADING_MAX]


class _Builder:
    def __init__(self) -> None:
        self.units: list[ParsedUnit] = []
        self.current: ParsedUnit | None = None
        self.awaiting_title = False
        self.transitories = False
        self.scope: dict[str, str] = {}  # the key of the current título and capítulo
        self.seen: dict[str, int] = {}
        self.notes: list[str] = []
        self.left_out: list[str] = []

    def add(self, text: str, heading: bool) -> None:
        if PREAMBLE.fullmatch(text):
            self.transitories = False
            self._start(UnitKind.PREAMBLE, "exposicion-de-motivos", text)
        elif TRANSITORIES.fullmatch(text):
            self.transitories, self.current, self.awaiting_title = True, None, False
        elif not self._group(text, heading) and not self._article(text, heading):
            self._paragraph(text, heading)

    def _group(self, text: str, heading: bool) -> bool:
        found = GROUP.match(text)
        number = found and leading_number(text[found.end() :])
        if not found or not number or len(text) > HEADING_MAX:
            return False
        name = number.rest.strip(SEPARATORS)
        # "Capítulo II de esta Ley" in a sentence is not a heading: a name follows a separator
        # or starts with a capital, or the line is styled as a heading.
        if not (number.separated or heading or name[:1].isupper()):
            return False
        kind = plain(found.group(1))
        key = f"{kind}-{number.slug}"
        if kind == "titulo":
            self.scope = {"titulo": key}
        elif kind == "capitulo":
            key = "-".join(filter(None, (self.scope.get("titulo"), key)))
            self.scope["capitulo"] = key
        else:
            key = "-".join(filter(None, (self.scope.get("capitulo"), key)))
        self.transitories = False
        unit = self._start(GROUP_KINDS[kind], key, _heading_of(text, number.rest))
        if name and len(name) <= TITLE_MAX:
            unit.title = name.rstrip(".")
        elif name:
            unit.paragraphs.append(name)
        self.awaiting_title = not name
        return True

    def _article(self, text: str, heading: bool) -> bool:
        found = ARTICLE.match(text)
        if found:
            number = leading_number(text[found.end() :])
        elif self.transitories:
            # "Primero.-", "Único.": words only, so that a fracción "I." or a numbered paragraph
            # inside a transitorio does not start another.
            number = leading_number(text, digits=heading, romans=heading)
        else:
            return False
        if not number or not (number.separated or heading):
            return False
        kind = UnitKind.TRANSITORY if self.transitories else UnitKind.ARTICLE
        unit = self._start(kind, f"{kind}-{number.slug}", _heading_of(text, number.rest))
        first = number.rest.lstrip(SEPARATORS)
        if first:
            unit.paragraphs.append(first)
        return True

    def _paragraph(self, text: str, heading: bool) -> None:
        unit = self.current
        if unit is None:
            self.left_out.append(text)
        elif self.awaiting_title and len(text) <= TITLE_MAX and (heading or len(text) <= 150):
            unit.title = text.rstrip(".")
        else:
            unit.paragraphs.append(text)
        self.awaiting_title = False

    def _start(self, kind: str, key: str, heading: str) -> ParsedUnit:
        if len(self.units) >= MAX_UNITS:
            raise refusal(
                _("El documento tiene más de %(max)d partes; divídelo en varias versiones.")
                % {"max": MAX_UNITS},
                "too_many_units",
            )
        key = slugify(key)[:KEY_MAX]
        self.seen[key] = self.seen.get(key, 0) + 1
        if self.seen[key] > 1:
            provisional = f"{key[: KEY_MAX - 14]}{DUPLICATE}{self.seen[key]}"
            self.notes.append(
                _(
                    "«%(heading)s» aparece más de una vez; la repetición quedó con la clave "
                    "provisional «%(key)s»: corrígela o quítala antes de publicar."
                )
                % {"heading": heading, "key": provisional}
            )
            key = provisional
        unit = ParsedUnit(kind=kind, key=key, heading=heading)
        self.units.append(unit)
        self.current, self.awaiting_title = unit, False
        return unit

    def finish(self) -> Parsed:
        if not self.units:
            raise refusal(
                _(
                    "No se reconoció ninguna parte del texto: ni «Exposición de motivos», ni "
                    "títulos, capítulos, artículos («Artículo 1.») o transitorios."
                ),
                "nothing_found",
            )
        for unit in self.units:
            if len(unit.body) > BODY_MAX:
                raise refusal(
                    _("«%(heading)s» tiene %(size)s caracteres; el máximo de una parte es %(max)s.")
                    % {"heading": unit.heading, "size": len(unit.body), "max": BODY_MAX},
                    "unit_too_long",
                )
        if self.left_out:
            self.notes.insert(0, _left_out_note(self.left_out))
        return Parsed(self.units, self.notes)


def _left_out_note(paragraphs: list[str]) -> str:
    return ngettext(
        "Un párrafo no pertenecía a ninguna parte reconocida y se dejó fuera: «%(first)s». "
        "Si es parte del texto, añádelo a mano.",
        "%(count)d párrafos no pertenecían a ninguna parte reconocida y se dejaron fuera "
        "(el primero: «%(first)s»). Si son parte del texto, añádelos a mano.",
        len(paragraphs),
    ) % {"count": len(paragraphs), "first": paragraphs[0][:120]}


def structure(lines: Iterable[Line]) -> Parsed:
    builder = _Builder()
    for line in lines:
        text = clean(line.text)
        if text:
            builder.add(text, line.heading)
    return builder.finish()


def key_for(kind: str, heading: str) -> str:
    """The key a unit's kind and heading give ("articulo", "Artículo 15 Bis." → "articulo-15-bis"),
    for a unit added by hand; empty when the heading names no number."""
    if kind == UnitKind.PREAMBLE:
        return "exposicion-de-motivos"
    text = clean(heading)
    found = ARTICLE.match(text) or GROUP.match(text)
    number = leading_number(text[found.end() :] if found else text)
    return f"{kind}-{number.slug}" if number else ""
