"""Exports of a plan's published commitments: CSV, XLSX and JSON, plus OGP's commitment columns.

Everything streams: commitments are read in chunks with their milestones prefetched, and rows
are written as they are read, so that 10,000 commitments export with flat memory.
"""

import json
import tempfile
from collections.abc import Iterable, Iterator
from typing import IO, Any

from django.db.models import Prefetch, QuerySet
from openpyxl import Workbook

from cocrea.core.csvio import safe_cell
from cocrea.plans.models import OGP_VALUES, PILLARS, ActionPlan, Commitment, Milestone

CHUNK = 500

COMMITMENT_COLUMNS = [
    "id_externo",
    "numero",
    "titulo",
    "problema",
    "situacion_actual",
    "objetivo",
    "como_resuelve",
    "ambicion",
    "institucion_responsable",
    "persona_responsable",
    "cargo_responsable",
    "instituciones_apoyo",
    "pilares",
    "valores_ogp",
    "tematica",
    "inicio",
    "fin",
    "estado",
    "publicado",
    "dato_de_ejemplo",
    "avance",
]
MILESTONE_COLUMNS = [
    "hito_numero",
    "hito_entregable",
    "hito_responsable",
    "hito_inicio",
    "hito_fin",
    "hito_ponderacion",
    "hito_estado",
    "hito_avance",
    "hito_fecha_cumplimiento",
]
COLUMNS = COMMITMENT_COLUMNS + MILESTONE_COLUMNS

OGP_COLUMNS = [
    "Unique Identifier",
    "Country/Locality",
    "Action Plan Number",
    "Commitment Number",
    "Start Date",
    "End Date",
    "Theme",
    "Commitment Title",
    "Full Text",
    "Lead Institution",
    "Supporting Institutions",
    "Access to Information",
    "Civic Participation",
    "Public Accountability",
    "Technology and Innovation",
    "Specificity",
    "Potential Impact",
    "Completion",
    "Did It Open Government?",
]


def exported_commitments(plan: ActionPlan) -> QuerySet[Commitment]:
    return (
        Commitment.objects.filter(plan=plan, is_published=True)
        .select_related("lead_institution", "theme")
        .prefetch_related(
            "supporting_institutions",
            Prefetch("milestones", queryset=Milestone.objects.order_by("number")),
        )
        .order_by("number")
    )


def _date(value: Any) -> str:
    return value.isoformat() if value else ""


def _keys(commitment: Commitment, catalogue: dict[str, tuple[str, Any]]) -> str:
    return ";".join(key for key, (field, _label) in catalogue.items() if getattr(commitment, field))


def commitment_values(c: Commitment) -> list[Any]:
    return [
        c.external_id,
        c.number,
        c.title,
        c.problem,
        c.status_quo,
        c.objective,
        c.how_it_solves,
        c.ambition,
        c.lead_institution.slug,
        c.responsible_person,
        c.responsible_position,
        ";".join(o.slug for o in c.supporting_institutions.all()),
        _keys(c, PILLARS),
        _keys(c, OGP_VALUES),
        c.theme.name if c.theme else "",
        _date(c.start_on),
        _date(c.end_on),
        c.status,
        "si" if c.is_published else "no",
        "si" if c.is_example else "no",
        str(c.progress),
    ]


def milestone_values(m: Milestone | None) -> list[Any]:
    if m is None:
        return [""] * len(MILESTONE_COLUMNS)
    weight = "" if m.weight is None else str(m.weight)
    return [
        m.number,
        m.deliverable,
        m.responsible,
        _date(m.start_on),
        _date(m.end_on),
        weight,
        m.status,
        m.progress,
        _date(m.completed_on),
    ]


def rows(plan: ActionPlan) -> Iterator[list[Any]]:
    """One row per milestone (a commitment without milestones gives one row)."""
    for commitment in exported_commitments(plan).iterator(chunk_size=CHUNK):
        head = commitment_values(commitment)
        milestones: list[Milestone | None] = list(commitment.milestones.all()) or [None]
        for milestone in milestones:
            yield head + milestone_values(milestone)


def ogp_rows(plan: ActionPlan) -> Iterator[list[Any]]:
    locality = plan.exercise.territory.iso_code or plan.exercise.territory.name
    for c in exported_commitments(plan).select_related("assessment").iterator(chunk_size=CHUNK):
        flags = [("Yes" if getattr(c, field) else "No") for field, _label in OGP_VALUES.values()]
        text = "\n\n".join(
            t for t in (c.problem, c.status_quo, c.objective, c.how_it_solves, c.ambition) if t
        )
        yield [
            f"{locality}-{plan.number:02d}-{c.number:02d}",
            locality,
            plan.number,
            c.number,
            _date(c.start_on),
            _date(c.end_on),
            c.theme.name if c.theme else "",
            c.title,
            text,
            c.lead_institution.name,
            "; ".join(o.name for o in c.supporting_institutions.all()),
            *flags,
            *_assessment(c),
        ]


def _assessment(c: Commitment) -> list[str]:
    """Specificity, Potential Impact, Completion, Did It Open Government? (blank until assessed)."""
    a = getattr(c, "assessment", None)  # reverse one-to-one: absent when not assessed
    if a is None:
        return ["", "", "", ""]
    return [a.specificity, a.potential_impact, a.completion, a.opened_government]


def xlsx_file(header: list[str], body: Iterable[list[Any]]) -> IO[bytes]:
    """A temporary XLSX file written row by row (openpyxl's write-only mode)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("compromisos")
    sheet.append(header)
    for row in body:
        sheet.append([safe_cell(cell) for cell in row])
    handle = tempfile.TemporaryFile()  # noqa: SIM115 (closed by the response that sends it)
    workbook.save(handle)
    handle.seek(0)
    return handle


def json_stream(plan: ActionPlan) -> Iterator[str]:
    head = {
        "plan": {
            "exercise": plan.exercise.slug,
            "number": plan.number,
            "name": plan.name,
            "period_start": _date(plan.period_start),
            "period_end": _date(plan.period_end),
            "status": plan.status,
            "progress": str(plan.progress),
        }
    }
    yield json.dumps(head, ensure_ascii=False)[:-1] + ', "commitments": ['
    for index, commitment in enumerate(exported_commitments(plan).iterator(chunk_size=CHUNK)):
        item = dict(zip(COMMITMENT_COLUMNS, commitment_values(commitment), strict=True))
        item["milestones"] = [
            dict(zip(MILESTONE_COLUMNS, milestone_values(m), strict=True))
            for m in commitment.milestones.all()
        ]
        yield ("," if index else "") + json.dumps(item, ensure_ascii=False, default=str)
    yield "]}"
