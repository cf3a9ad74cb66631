"""Action plans of the sources: Jalisco's 2nd local plan and Mexico's four national plans.

Facts only, except the milestones of Jalisco's fifth commitment, which are invented to show how
progress rolls up and are marked `is_example` (the pages label them "dato de ejemplo"). No
status is loaded: each commitment's is derived from its milestones, as on the platform.
"""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils.text import slugify

from cocrea.core.demo import seed, upsert
from cocrea.core.models import Organization
from cocrea.exercises.demo import JALISCO_INSTITUTIONS
from cocrea.exercises.models import Exercise
from cocrea.plans.models import (
    ActionPlan,
    Commitment,
    Milestone,
    PlanAxis,
    PlanStage,
    PlanStatus,
)
from cocrea.plans.services import progress_recompute

EXAMPLE_MILESTONES = [
    ("Diagnóstico de los datos que publica el Ayuntamiento (dato de ejemplo)", 100, "completed"),
    (
        "Portal de datos abiertos con formatos accesibles en línea (dato de ejemplo)",
        40,
        "in_progress",
    ),
]


def load() -> dict[str, int]:
    _load_jalisco_plan()
    _load_national_plans()
    return {"plans": ActionPlan.objects.count(), "commitments": Commitment.objects.count()}


def _load_jalisco_plan() -> None:
    facts = seed("jalisco_pal_2019_2020")["plan"]
    exercise = Exercise.objects.get(slug="jalisco")
    plan = upsert(
        ActionPlan,
        {"exercise": exercise, "number": facts["numero"]},
        {
            "name": facts["nombre"],
            "period_label": f"{facts['periodo']['inicio']}–{facts['periodo']['fin']}",
            "objective": facts["objetivo"],
            "description": "Alcances: "
            + " ".join(facts["alcances"])
            + "\nLimitaciones: "
            + " ".join(facts["limitaciones"]),
            "status": PlanStatus.IMPLEMENTATION,
        },
    )
    for order, name in enumerate(facts["etapas"], start=1):
        upsert(PlanStage, {"plan": plan, "order": order}, {"name": name})
    for item in facts["compromisos"]:
        _load_jalisco_commitment(plan, item)


def _lead(source_name: str) -> Organization:
    name = JALISCO_INSTITUTIONS[source_name][0] or source_name
    return Organization.objects.get(slug=slugify(name)[:70])


def _load_jalisco_commitment(plan: ActionPlan, item: dict[str, Any]) -> None:
    commitment = upsert(
        Commitment,
        {"plan": plan, "number": item["numero"]},
        {
            "title": item["titulo"],
            "problem": item["problema"],
            "lead_institution": _lead(item["responsable"]["institucion"]),
            "responsible_person": item["responsable"]["persona"],
            "is_published": True,
            "external_id": f"jalisco-pal2-{item['numero']}",
        },
    )
    if item["numero"] == 5:
        _load_example_milestones(commitment)
    progress_recompute(commitment=commitment)


def _load_example_milestones(commitment: Commitment) -> None:
    for number, (deliverable, progress, status) in enumerate(EXAMPLE_MILESTONES, start=1):
        upsert(
            Milestone,
            {"commitment": commitment, "number": number},
            {
                "deliverable": deliverable,
                "progress": progress,
                "status": status,
                "weight": Decimal(30 if number == 1 else 70),
                "is_example": True,
            },
        )


def _load_national_plans() -> None:
    facts = seed("planes_nacionales_mexico")
    exercise = Exercise.objects.get(slug="mexico-aga")
    for item in facts["planes"]:
        plan = upsert(
            ActionPlan,
            {"exercise": exercise, "number": item["numero"]},
            {
                "name": f"{item['nombre']} de México",
                "period_label": item.get("periodo", ""),
                "description": _national_description(item),
                "status": PlanStatus.CONCLUDED,
                **_national_period(item),
            },
        )
        for order, axis in enumerate(item.get("ejes", []), start=1):
            upsert(PlanAxis, {"plan": plan, "order": order}, {"name": axis})
        for stage in item.get("cocreacion", []):
            _load_national_stage(plan, stage)


def _national_period(item: dict[str, Any]) -> dict[str, Any]:
    implementation = item.get("implementacion")
    if not implementation:
        return {}
    start = dt.date.fromisoformat(implementation["inicio"] + "-01")
    return {
        "period_start": start,
        "period_end": dt.date.fromisoformat(implementation["fin"]),
        "period_label": f"{start.year}–{implementation['fin'][:4]}",
    }


def _national_description(item: dict[str, Any]) -> str:
    parts = []
    if "compromisos" in item:
        parts.append(f"{item['compromisos']} compromisos.")
    if "lineas_de_accion" in item:
        parts.append(f"{item['lineas_de_accion']} líneas de acción.")
    if "metodologia" in item:
        parts.append("Metodología: " + ", ".join(item["metodologia"]) + ".")
    if "participantes" in item:
        parts.append(f"Participantes: {item['participantes']}.")
    if "vinculacion" in item:
        parts.append(f"Vinculación: {item['vinculacion']}.")
    if "implementacion" in item:
        parts.append(
            f"Implementación: {item['implementacion']['inicio']} a {item['implementacion']['fin']}."
        )
    return " ".join(parts)


def _load_national_stage(plan: ActionPlan, stage: dict[str, Any]) -> None:
    # The source gives month and day only; the co-creation of the 4th plan ran in 2019,
    # before its implementation began in December of that year.
    year = plan.period_start.year if plan.period_start else None
    upsert(
        PlanStage,
        {"plan": plan, "order": stage["etapa"]},
        {
            "name": stage["nombre"],
            "description": "; ".join(stage["notas"]),
            "start_on": dt.date.fromisoformat(f"{year}-{stage['inicio']}") if year else None,
            "end_on": dt.date.fromisoformat(f"{year}-{stage['fin']}") if year else None,
        },
    )
