"""Import of commitments with milestones from CSV or XLSX, in the export's own columns.

All or nothing: every row is checked first and the errors are listed by row and column; only a
file without errors is written. Commitments are matched by `id_externo`, so a corrected file can
be imported again without duplicating anything.
"""

import csv
import datetime as dt
import io
import zipfile
from collections import defaultdict, deque
from collections.abc import Generator, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import IO, Any

from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from cocrea.core.models import Organization, User
from cocrea.core.services import ImportRejected, RowError, record_save
from cocrea.plans.models import (
    OGP_VALUES,
    PILLARS,
    ActionPlan,
    Commitment,
    CommitmentStatus,
    Milestone,
    MilestoneStatus,
    Theme,
)
from cocrea.plans.services import (
    commitment_progress_store,
    commitment_statuses_derive,
    consistency_recheck,
    plan_progress_recompute,
)

REQUIRED = ("id_externo", "numero", "titulo", "institucion_responsable")
MAX_ROWS = 100_000


@dataclass
class ParsedCommitment:
    row: int
    values: dict[str, Any]
    supporting: list[Organization]
    milestones: list[tuple[int, dict[str, Any]]] = field(default_factory=list)


def read_table(stream: IO[bytes], filename: str) -> Iterator[tuple[int, dict[str, str]]]:
    """(row number, {column: text}) for each data row of a CSV or XLSX file."""
    lines: Iterator[list[str]]
    if filename.lower().endswith(".xlsx"):
        sheet = load_workbook(stream, read_only=True, data_only=True).worksheets[0]
        lines = (
            [("" if v is None else str(v)) for v in row]
            for row in sheet.iter_rows(values_only=True)
        )
    else:
        text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
        lines = iter(csv.reader(text))
    header = [h.strip().lower() for h in next(lines, [])]
    for number, line in enumerate(lines, start=2):
        if any(cell.strip() for cell in line):
            yield number, {h: _cell(line, i) for i, h in enumerate(header)}


def _cell(line: list[str], index: int) -> str:
    """The cell's text, undoing the export's quoting of text that starts like a formula."""
    cell = line[index].strip() if index < len(line) else ""
    return cell[1:] if cell[:2] in {"'=", "'+", "'-", "'@"} else cell


class Checker:
    """Turns text cells into values, collecting every error instead of stopping at the first."""

    def __init__(self) -> None:
        self.errors: list[RowError] = []
        self.organizations = {o.slug: o for o in Organization.objects.only("id", "slug", "name")}
        self.themes = {t.name.lower(): t for t in Theme.objects.all()}

    def fail(self, row: int, column: str, message: str) -> None:
        self.errors.append(RowError(row, column, message))

    def integer(
        self, row: int, cells: dict[str, str], column: str, low: int, high: int
    ) -> int | None:
        text = cells.get(column, "")
        if not text:
            return None
        try:
            value = int(Decimal(text))
        except (InvalidOperation, ValueError):
            value = None
        if value is None or not low <= value <= high:
            self.fail(
                row,
                column,
                _("«%(v)s» no es un número entre %(a)s y %(b)s.")
                % {"v": text, "a": low, "b": high},
            )
            return None
        return value

    def decimal(self, row: int, cells: dict[str, str], column: str) -> Decimal | None:
        text = cells.get(column, "")
        if not text:
            return None
        try:
            value = Decimal(text.replace(",", "."))
        except InvalidOperation:
            value = Decimal(-1)
        if not Decimal(0) <= value <= Decimal(100):
            self.fail(row, column, _("«%s» no es un número entre 0 y 100.") % text)
            return None
        return value.quantize(Decimal("0.01"))

    def date(self, row: int, cells: dict[str, str], column: str) -> dt.date | None:
        text = cells.get(column, "")[:10]
        try:
            return dt.date.fromisoformat(text) if text else None
        except ValueError:
            self.fail(row, column, _("«%s» no es una fecha AAAA-MM-DD.") % text)
            return None

    def choice(
        self, row: int, cells: dict[str, str], column: str, choices: list[str], default: str
    ) -> str:
        text = cells.get(column, "") or default
        if text not in choices:
            self.fail(
                row,
                column,
                _("«%(v)s» no es válido; usa: %(c)s.") % {"v": text, "c": ", ".join(choices)},
            )
        return text

    def flags(
        self, row: int, cells: dict[str, str], column: str, catalogue: dict[str, Any]
    ) -> dict[str, bool]:
        keys = [k.strip() for k in cells.get(column, "").split(";") if k.strip()]
        for key in keys:
            if key not in catalogue:
                self.fail(
                    row,
                    column,
                    _("«%(v)s» no es válido; usa: %(c)s.") % {"v": key, "c": ", ".join(catalogue)},
                )
        return {field_name: key in keys for key, (field_name, _label) in catalogue.items()}

    def organization(self, row: int, column: str, slug: str) -> Organization | None:
        found = self.organizations.get(slug)
        if found is None:
            self.fail(row, column, _("no hay una institución con el identificador «%s».") % slug)
        return found

    def theme(self, row: int, cells: dict[str, str]) -> Theme | None:
        name = cells.get("tematica", "")
        if not name:
            return None
        found = self.themes.get(name.lower())
        if found is None:
            self.fail(row, "tematica", _("la temática «%s» no está en el catálogo.") % name)
        return found


def _commitment(checker: Checker, row: int, cells: dict[str, str]) -> ParsedCommitment:
    for column in REQUIRED:
        if not cells.get(column):
            checker.fail(row, column, _("es obligatorio."))
    supporting = [
        checker.organization(row, "instituciones_apoyo", slug.strip())
        for slug in cells.get("instituciones_apoyo", "").split(";")
        if slug.strip()
    ]
    values: dict[str, Any] = {
        "number": checker.integer(row, cells, "numero", 1, 9999),
        "title": cells.get("titulo", "")[:400],
        "problem": cells.get("problema", ""),
        "status_quo": cells.get("situacion_actual", ""),
        "objective": cells.get("objetivo", ""),
        "how_it_solves": cells.get("como_resuelve", ""),
        "ambition": cells.get("ambicion", ""),
        "lead_institution": checker.organization(
            row, "institucion_responsable", cells.get("institucion_responsable", "")
        ),
        "responsible_person": cells.get("persona_responsable", "")[:160],
        "responsible_position": cells.get("cargo_responsable", "")[:160],
        "theme": checker.theme(row, cells),
        "start_on": checker.date(row, cells, "inicio"),
        "end_on": checker.date(row, cells, "fin"),
        "status": checker.choice(row, cells, "estado", CommitmentStatus.values, "not_started"),
        "is_published": (cells.get("publicado") or "si").lower()
        in ("si", "sí", "1", "true", "yes"),
        **checker.flags(row, cells, "pilares", PILLARS),
        **checker.flags(row, cells, "valores_ogp", OGP_VALUES),
    }
    if values["start_on"] and values["end_on"] and values["end_on"] < values["start_on"]:
        checker.fail(row, "fin", _("es anterior a «inicio»."))
    return ParsedCommitment(row, values, [o for o in supporting if o])


def _milestone(
    checker: Checker, row: int, cells: dict[str, str], parent: ParsedCommitment
) -> tuple[int, dict[str, Any]] | None:
    if not cells.get("hito_numero") and not cells.get("hito_entregable"):
        return None
    values = {
        "number": checker.integer(row, cells, "hito_numero", 1, 999),
        "deliverable": cells.get("hito_entregable", ""),
        "responsible": cells.get("hito_responsable", "")[:200],
        "start_on": checker.date(row, cells, "hito_inicio"),
        "end_on": checker.date(row, cells, "hito_fin"),
        "weight": checker.decimal(row, cells, "hito_ponderacion"),
        "status": checker.choice(row, cells, "hito_estado", MilestoneStatus.values, "not_started"),
        "progress": checker.integer(row, cells, "hito_avance", 0, 100) or 0,
        "completed_on": checker.date(row, cells, "hito_fecha_cumplimiento"),
    }
    if not values["deliverable"]:
        checker.fail(row, "hito_entregable", _("es obligatorio para un hito."))
    if values["status"] == MilestoneStatus.COMPLETED and values["progress"] != 100:
        checker.fail(row, "hito_avance", _("un hito cumplido tiene 100 de avance."))
    low, high = parent.values["start_on"], parent.values["end_on"]
    for column in ("hito_inicio", "hito_fin"):
        date = values["start_on" if column == "hito_inicio" else "end_on"]
        if date and ((low and date < low) or (high and date > high)):
            checker.fail(row, column, _("queda fuera de las fechas del compromiso."))
    return row, values


def _consistency(checker: Checker, plan: ActionPlan, parsed: dict[str, ParsedCommitment]) -> None:
    numbers: dict[int, str] = {}
    existing = dict(Commitment.objects.filter(plan=plan).values_list("number", "external_id"))
    for external_id, item in parsed.items():
        number = item.values["number"]
        if number in numbers or existing.get(number, external_id) != external_id:
            checker.fail(
                item.row, "numero", _("el número %s ya lo usa otro compromiso del plan.") % number
            )
        numbers[number] = external_id
        weights = [m["weight"] for _row, m in item.milestones]
        if any(w is not None for w in weights) and (None in weights or sum(weights) != 100):
            checker.fail(
                item.row, "hito_ponderacion", _("las ponderaciones del compromiso deben sumar 100.")
            )
        seen = [m["number"] for _row, m in item.milestones]
        if len(seen) != len(set(seen)):
            checker.fail(item.row, "hito_numero", _("hay números de hito repetidos."))


@dataclass(frozen=True)
class Progress:
    """Where a running import is: rows checked, then commitments saved out of `total`."""

    stage: str  # "checking", "saving" or "done"
    done: int
    total: int = 0


CHECK_EVERY, SAVE_EVERY = 1000, 100


def parse(
    plan: ActionPlan, stream: IO[bytes], filename: str
) -> Generator[Progress, None, dict[str, ParsedCommitment]]:
    try:
        return (yield from _parse(plan, read_table(stream, filename)))
    except UnicodeDecodeError as error:
        raise ImportRejected([RowError(error.start, "—", _("el CSV no está en UTF-8."))]) from error
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError) as error:
        raise ImportRejected([RowError(1, "—", _("no se pudo leer el archivo XLSX."))]) from error


def _parse(
    plan: ActionPlan, table: Iterator[tuple[int, dict[str, str]]]
) -> Generator[Progress, None, dict[str, ParsedCommitment]]:
    checker, parsed = Checker(), dict[str, ParsedCommitment]()
    for row, cells in table:
        if row > MAX_ROWS + 1:
            checker.fail(row, "—", _("el archivo supera %s filas.") % MAX_ROWS)
            break
        if row == 2 and not set(REQUIRED) <= set(cells):
            missing = ", ".join(c for c in REQUIRED if c not in cells)
            raise ImportRejected([RowError(1, missing, _("faltan columnas obligatorias."))])
        key = cells.get("id_externo", "")
        item = parsed.get(key) or parsed.setdefault(key, _commitment(checker, row, cells))
        milestone = _milestone(checker, row, cells, item)
        if milestone:
            item.milestones.append(milestone)
        if (row - 1) % CHECK_EVERY == 0:
            yield Progress("checking", row - 1)
    if not parsed and not checker.errors:
        checker.fail(2, "—", _("el archivo no tiene filas de datos."))
    _consistency(checker, plan, parsed)
    if checker.errors:
        raise ImportRejected(checker.errors)
    return parsed


def commitments_import_steps(
    *, actor: User | None, plan: ActionPlan, stream: IO[bytes], filename: str
) -> Iterator[Progress]:
    """The import, step by step, for a page that shows its progress as it runs.

    Checking writes nothing; saving runs in one transaction, so that an interrupted import
    (an error, or a reader who leaves the page) leaves the plan as it was.
    """
    parsed = yield from parse(plan, stream, filename)
    total = len(parsed)
    with transaction.atomic():
        existing = {
            c.external_id: c for c in Commitment.objects.filter(plan=plan).exclude(external_id="")
        }
        written = []
        for done, (external_id, item) in enumerate(parsed.items(), start=1):
            written.append(
                _write_commitment(actor, plan, existing.get(external_id), external_id, item)
            )
            if done % SAVE_EVERY == 0:
                yield Progress("saving", done, total)
        commitment_statuses_derive(commitment_ids=written)
        plan_progress_recompute(plan_id=plan.pk)
        consistency_recheck(commitment_ids=written)
    yield Progress("done", total, total)


@transaction.atomic
def commitments_import(
    *, actor: User | None, plan: ActionPlan, stream: IO[bytes], filename: str
) -> int:
    """Imports a plan's commitments and milestones; returns how many commitments were written."""
    steps = commitments_import_steps(actor=actor, plan=plan, stream=stream, filename=filename)
    return deque(steps, maxlen=1)[0].total  # the last step says how many were written


def _write_commitment(
    actor: User | None,
    plan: ActionPlan,
    commitment: Commitment | None,
    external_id: str,
    item: ParsedCommitment,
) -> int:
    commitment = commitment or Commitment(plan=plan, external_id=external_id)
    for name, value in item.values.items():
        setattr(commitment, name, value)
    _imported_status(commitment, item.values["status"])
    record_save(instance=commitment, actor=actor, reason=_("Importación"))
    commitment.supporting_institutions.set(item.supporting)
    _write_milestones(actor, commitment, item.milestones)
    commitment_progress_store(commitment=commitment)
    return commitment.pk


def _imported_status(commitment: Commitment, status: str) -> None:
    """The file's status stands only where the milestones cannot give it: a withdrawal (kept
    with a reason, as if the coordination had fixed it). Any other is derived after the import,
    and a status the coordination fixed is kept."""
    if commitment.status_reason:
        commitment.status = Commitment.objects.get(pk=commitment.pk).status
    elif status == CommitmentStatus.WITHDRAWN:
        commitment.status_reason = _("Retirado según el archivo importado.")


def _write_milestones(
    actor: User | None, commitment: Commitment, rows: list[tuple[int, dict[str, Any]]]
) -> None:
    current = {m.number: m for m in commitment.milestones.all()}
    by_number: dict[int, dict[str, Any]] = defaultdict(dict)
    for _row, values in rows:
        by_number[values["number"]] = values
    for number, values in by_number.items():
        milestone = current.get(number) or Milestone(commitment=commitment)
        for name, value in values.items():
            setattr(milestone, name, value)
        record_save(instance=milestone, actor=actor, reason=_("Importación"))
