"""Demo data of exercises: the facts of the source documents (shipped in `core/data/seeds/`).
Idempotent.

A record is written only when it is new or differs, so loading twice adds no history entries.
Nothing here is invented: where a source gives no date or name, the field stays empty and a
note says so.
"""

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.text import slugify

from cocrea.core.demo import seed, upsert
from cocrea.core.models import Organization, Sector, Territory, TerritoryLevel
from cocrea.exercises.models import (
    Exercise,
    ProgramCut,
    SeatRole,
    SeatSector,
    Secretariat,
    SecretariatMember,
    Stage,
    StageReached,
)

SOURCE_2020 = "Presentación «Gobierno Abierto: conceptos y elementos», Jalisco, 26/02/2020"
SOURCE_2021 = "Taller de Gobierno Abierto Quintana Roo, 25/03/2021"


def _state(name: str) -> Territory:
    return Territory.objects.get(level=TerritoryLevel.STATE, name=name)


@transaction.atomic
def load() -> dict[str, int]:
    """The local and national exercises, their secretariats and the programme's cuts."""
    _load_state_exercises()
    _load_jalisco()
    _load_national()
    _load_program_cuts()
    return {
        "exercises": Exercise.objects.count(),
        "organizations": Organization.objects.count(),
        "secretariat_members": SecretariatMember.objects.count(),
    }


def _load_state_exercises() -> None:
    local = seed("ejercicios_locales")
    pilots = {
        name: (dt.date.fromisoformat(group["inicio"]), key.replace("_", " "))
        for key, group in local["grupos_piloto_2015"].items()
        for name in group["entidades"]
    }
    in_2020 = set(local["corte_2020"]["entidades"])
    with_plan = set(local["corte_2020"]["entidades_con_plan"])
    for name in local["corte_2021"]["entidades"]:
        joined, group = pilots.get(name, (None, ""))
        exercise = upsert(
            Exercise,
            {"slug": _state(name).slug},
            {
                "territory": _state(name),
                "name": f"Gobierno Abierto {name}",
                "joined_on": joined,
                "description": _state_description(group, name in in_2020),
                "stage": Stage.PLAN_PUBLISHED if name in with_plan else Stage.JOINT_DECLARATION,
            },
        )
        cut = SOURCE_2020 if name in in_2020 else SOURCE_2021
        _reached(exercise, Stage.JOINT_DECLARATION, f"Entidad participante según: {cut}.")
        if name in with_plan:
            _reached(exercise, Stage.PLAN_PUBLISHED, f"Plan de acción local según: {SOURCE_2020}.")


def _state_description(group: str, in_2020: bool) -> str:
    parts = ["Ejercicio local del programa «Gobierno Abierto: Cocreación desde lo local»."]
    if group:
        parts.append(f"Entidad del {group} piloto de 2015.")
    parts.append("Participa desde el corte de 2020." if in_2020 else "Se suma en el corte de 2021.")
    return " ".join(parts)


def _reached(exercise: Exercise, stage: str, note: str, on: dt.date | None = None) -> None:
    upsert(StageReached, {"exercise": exercise, "stage": stage}, {"reached_on": on, "note": note})


def _load_jalisco() -> None:
    facts = seed("jalisco_pal_2019_2020")
    jalisco = Exercise.objects.get(slug=_state("Jalisco").slug)
    upsert(Exercise, {"pk": jalisco.pk}, {"name": facts["ejercicio"]["nombre"]})
    secretariat = upsert(
        Secretariat,
        {"exercise": jalisco, "name": "Secretariado Técnico Local de Gobierno Abierto Jalisco"},
        {
            "acronym": "STL",
            "period": "2019–2020",
            "composition": (
                "Tres sectores: sector público, sociedad civil y una secretaría técnica a cargo "
                "de una organización civil; una presidencia lo encabeza."
            ),
        },
    )
    seats = [
        (SeatSector.GOVERNMENT, SeatRole.MEMBER, "Sector público"),
        (SeatSector.CIVIL_SOCIETY, SeatRole.MEMBER, "Sociedad civil"),
        (SeatSector.TECHNICAL_SECRETARIAT, SeatRole.TECHNICAL_SECRETARY, "Organización civil"),
    ]
    for sector, role, position in seats:
        upsert(
            SecretariatMember,
            {"secretariat": secretariat, "sector": sector, "role": role},
            {"position": position},
        )
    _load_jalisco_institutions(facts["plan"]["compromisos"])


JALISCO_INSTITUTIONS = {
    "Congreso del Estado": ("Congreso del Estado de Jalisco", Sector.LEGISLATURE, None),
    "Secretaría de Planeación y Participación Ciudadana": (
        "Secretaría de Planeación y Participación Ciudadana",
        Sector.GOVERNMENT_AGENCY,
        None,
    ),
    "Supremo Tribunal de Justicia del Estado de Jalisco / Consejo de la Judicatura": (
        "Supremo Tribunal de Justicia del Estado de Jalisco",
        Sector.JUDICIARY,
        None,
    ),
    "Ayuntamiento de San Pedro Tlaquepaque": (None, Sector.MUNICIPALITY, "14098"),
    "Ayuntamiento de Zapopan": (None, Sector.MUNICIPALITY, "14120"),
    "Ayuntamiento de Guadalajara": (None, Sector.MUNICIPALITY, "14039"),
    "Ayuntamiento de Tlajomulco de Zúñiga": (None, Sector.MUNICIPALITY, "14097"),
    "Ayuntamiento de Tonalá": (None, Sector.MUNICIPALITY, "14101"),
}


def _load_jalisco_institutions(commitments: list[dict[str, Any]]) -> None:
    for commitment in commitments:
        source_name = commitment["responsable"]["institucion"]
        name, sector, municipality = JALISCO_INSTITUTIONS[source_name]
        name = name or source_name
        territory = Territory.objects.get(inegi_code=municipality or _state("Jalisco").inegi_code)
        upsert(
            Organization,
            {"slug": slugify(name)[:70]},
            {"name": name, "sector": sector, "territory": territory},
        )


def _load_national() -> None:
    facts = seed("planes_nacionales_mexico")
    nation = Territory.objects.get(level=TerritoryLevel.NATIONAL)
    exercise = upsert(
        Exercise,
        {"slug": "mexico-aga"},
        {
            "territory": nation,
            "name": "Alianza para el Gobierno Abierto en México",
            "description": (
                "México es país fundador de la Alianza para el Gobierno Abierto (OGP, "
                f"{facts['ogp']['fundacion']}). Ha cocreado cuatro planes de acción nacionales."
            ),
            "stage": Stage.IMPLEMENTATION,
        },
    )
    fourth = facts["planes"][3]
    _reached(exercise, Stage.SECRETARIAT_INSTALLED, "2011: Secretariado Técnico Tripartita.")
    _reached(
        exercise,
        Stage.IMPLEMENTATION,
        f"{fourth['nombre']}: implementación de {fourth['implementacion']['inicio']} "
        f"al {fourth['implementacion']['fin']}.",
    )
    for index, organ in enumerate(facts["gobernanza"]):
        _load_national_organ(exercise, organ, facts["gobernanza"][index + 1 :])


def _load_national_organ(
    exercise: Exercise, organ: dict[str, Any], later: list[dict[str, Any]]
) -> None:
    name, _, acronym = organ["organo"].partition(" (")
    until = later[0]["desde"] if later else ""
    secretariat = upsert(
        Secretariat,
        {"exercise": exercise, "name": name},
        {
            "acronym": acronym.rstrip(")"),
            "period": f"{organ['desde']}–{until}",
            "is_active": not later,
            "composition": organ.get("integrantes") or organ.get("nota", ""),
        },
    )
    seats = [
        (SeatSector.GOVERNMENT, "Poder ejecutivo federal"),
        (SeatSector.CIVIL_SOCIETY, "Núcleo de Organizaciones de la Sociedad Civil (NOSC)"),
        (SeatSector.GUARANTOR, "Órgano garante de acceso a la información"),
    ]
    for sector, position in seats:
        upsert(
            SecretariatMember,
            {"secretariat": secretariat, "sector": sector, "role": SeatRole.MEMBER},
            {"position": position},
        )


def _load_program_cuts() -> None:
    local = seed("ejercicios_locales")
    c2020, c2021 = local["corte_2020"], local["corte_2021"]
    cut = upsert(
        ProgramCut,
        {"label": "Corte 2020"},
        {
            "as_of": dt.date(2020, 2, 26),
            "source": SOURCE_2020,
            "participating_count": c2020["estados_participantes"],
            "secretariats_installed": c2020["secretariados_tecnicos_instalados"],
            "plans": c2020["planes_de_accion"],
            "commitments": c2020["compromisos"],
            "civil_society_orgs": c2020["organizaciones_sociedad_civil"],
            "authorities": c2020["autoridades"],
            "guarantors": c2020["organismos_garantes"],
        },
    )
    cut.participating.set([_state(n) for n in c2020["entidades"]])
    cut.with_plan.set([_state(n) for n in c2020["entidades_con_plan"]])
    cut = upsert(
        ProgramCut,
        {"label": "Corte 2021"},
        {
            "as_of": dt.date(2021, 3, 25),
            "source": SOURCE_2021,
            "participating_count": c2021["estados_participantes"],
        },
    )
    cut.participating.set([_state(n) for n in c2021["entidades"]])
