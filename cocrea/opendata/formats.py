"""Checks that an uploaded file's content is what its declared format says, and what it holds."""

import csv
import hashlib
import io
import json
import zipfile
from dataclasses import dataclass
from typing import IO, Any

import filetype
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from cocrea.opendata.licenses import FORMATS

MAX_MB = 50
SAMPLE_ROWS = 200


@dataclass(frozen=True)
class Checked:
    media_type: str
    size: int
    checksum: str
    table_schema: dict[str, Any] | None


def _digest(handle: IO[bytes]) -> tuple[int, str]:
    sha, size = hashlib.sha256(), 0
    handle.seek(0)
    for chunk in iter(lambda: handle.read(1 << 16), b""):
        sha.update(chunk)
        size += len(chunk)
    handle.seek(0)
    return size, sha.hexdigest()


def _csv_rows(handle: IO[bytes]) -> list[list[str]]:
    head = handle.read(1 << 20)
    handle.seek(0)
    if b"\x00" in head or filetype.guess(head[:8192]) is not None:
        raise ValidationError(_("El archivo no es un CSV: su contenido es binario."))
    try:
        text = head.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        if error.start < len(head) - 4:  # not just a character cut at the sample's end
            raise ValidationError(
                _("El CSV debe estar codificado en UTF-8; guárdalo de nuevo como «CSV UTF-8».")
            ) from None
        text = head[: error.start].decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    if len(head) == 1 << 20:
        rows = rows[:-1]  # the sample may have cut the last row
    rows = rows[:SAMPLE_ROWS]
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise ValidationError(_("El CSV no tiene renglón de encabezados."))
    return rows


def _table_schema(rows: list[list[str]]) -> dict[str, Any]:
    from frictionless import describe  # imported here: it is slow to import and rarely needed

    width = len(rows[0])
    sample = [row[:width] + [""] * (width - len(row)) for row in rows]
    schema: dict[str, Any] = describe(sample, type="schema").to_dict()
    return schema


def _xlsx_rows(handle: IO[bytes]) -> list[list[str]]:
    """The first rows of the workbook's first sheet, as text (openpyxl's read-only mode)."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(handle, read_only=True, data_only=True)
        sheet = book.worksheets[0]
        rows = [
            ["" if cell is None else str(cell) for cell in row]
            for row in sheet.iter_rows(max_row=SAMPLE_ROWS, values_only=True)
        ]
        book.close()
    except (OSError, KeyError, ValueError, IndexError, zipfile.BadZipFile):
        raise ValidationError(_("No se pudo leer el libro de Excel: está dañado.")) from None
    finally:
        handle.seek(0)
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise ValidationError(_("La primera hoja no tiene renglón de encabezados."))
    return rows


def _check_json(handle: IO[bytes], geo: bool) -> None:
    try:
        data = json.loads(handle.read().decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValidationError(_("El archivo no es JSON válido: %s.") % error) from None
    finally:
        handle.seek(0)
    geo_types = {"FeatureCollection", "Feature", "Point", "Polygon", "MultiPolygon", "LineString"}
    if geo and not (isinstance(data, dict) and data.get("type") in geo_types):
        raise ValidationError(_("El JSON no es GeoJSON: falta «type» (p. ej. FeatureCollection)."))


def _check_binary(handle: IO[bytes], declared: str) -> None:
    head = handle.read(8192)
    handle.seek(0)
    kind = filetype.guess(head)
    expected = {"PDF": {"application/pdf"}, "ZIP": {"application/zip"}}.get(declared)
    if declared == "XLSX":
        ok = (
            zipfile.is_zipfile(handle)
            and "[Content_Types].xml" in zipfile.ZipFile(handle).namelist()
        )
        handle.seek(0)
    else:
        ok = kind is not None and expected is not None and kind.mime in expected
    if not ok:
        found = kind.extension.upper() if kind else _("texto u otro formato")
        raise ValidationError(
            _("El contenido no corresponde al formato declarado (%(declared)s): parece %(found)s.")
            % {"declared": declared, "found": found}
        )


def check_upload(handle: IO[bytes], *, declared: str) -> Checked:
    """Size, SHA-256 and, for a CSV, a Table Schema inferred from its first rows."""
    if declared not in FORMATS:
        raise ValidationError(_("Formato desconocido: %s.") % declared)
    size, checksum = _digest(handle)
    if size > MAX_MB * 1024 * 1024:
        raise ValidationError(
            _("El archivo pesa %(size).1f MB; el máximo es %(max)d MB.")
            % {"size": size / 1024 / 1024, "max": MAX_MB}
        )
    if size == 0:
        raise ValidationError(_("El archivo está vacío."))
    schema = None
    if declared == "CSV":
        schema = _table_schema(_csv_rows(handle))
    elif declared in ("JSON", "GeoJSON"):
        _check_json(handle, geo=declared == "GeoJSON")
    else:
        _check_binary(handle, declared)
        if declared == "XLSX":
            schema = _table_schema(_xlsx_rows(handle))
    return Checked(FORMATS[declared], size, checksum, schema)
