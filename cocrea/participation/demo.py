"""Consultations of the sources: the 4th national plan's (2019) and Durango's 2014 figures.

Facts only, except three proposals in the national consultation, invented to show how the
pages work and marked `is_example` ("dato de ejemplo").
"""

import datetime as dt
from zoneinfo import ZoneInfo

from cocrea.core.demo import seed, upsert
from cocrea.core.models import Territory
from cocrea.exercises.models import Exercise
from cocrea.participation import demo_cycle
from cocrea.participation.models import Axis, Consultation, Problem, Proposal, WorkingTable
from cocrea.plans.models import ActionPlan

MX = ZoneInfo("America/Mexico_City")
MONTHS = {"ago": 8, "sept": 9, "sep": 9}
EXAMPLES = [
    ("Publicar en datos abiertos los contratos de obra (dato de ejemplo)", 0),
    ("Mesas de seguimiento ciudadano en cada alcaldía (dato de ejemplo)", 1),
    ("Becas con reglas de operación públicas (dato de ejemplo)", 1),
]


def load() -> None:
    _load_national()
    _load_durango()
    demo_cycle.load()


def _moment(year: int, month_day: str, end: bool = False) -> dt.datetime:
    month, day = (int(x) for x in month_day.split("-"))
    moment = dt.datetime(year, month, day, tzinfo=MX)
    return moment + dt.timedelta(days=1) if end else moment


def _table_date(label: str) -> dt.date:
    _weekday, day, month = label.lower().split("/")
    return dt.date(2019, MONTHS[month], int(day))


def _load_national() -> None:
    fourth = seed("planes_nacionales_mexico")["planes"][3]
    stage = fourth["cocreacion"][0]
    exercise = Exercise.objects.get(slug="mexico-aga")
    consultation = upsert(
        Consultation,
        {"slug": "consulta-4-plan-de-accion"},
        {
            "exercise": exercise,
            "plan": ActionPlan.objects.get(exercise=exercise, number=4),
            "title": "Consulta pública del 4.º Plan de Acción de México",
            "description": "; ".join(stage["notas"])
            + ". Siguió la sistematización: "
            + "; ".join(fourth["cocreacion"][1]["notas"])
            + ".",
            "opens_at": _moment(2019, stage["inicio"]),
            "closes_at": _moment(2019, stage["fin"], end=True),
            "reported_source": "Taller de Gobierno Abierto Quintana Roo, 25/03/2021: «más de 1,100 participaciones»",
        },
    )
    axes: dict[str, Axis] = {}
    for item in fourth["temas_mas_votados"]:
        name = item["eje"]
        if name not in axes:
            axes[name] = upsert(
                Axis, {"consultation": consultation, "name": name}, {"order": len(axes) + 1}
            )
        problem = upsert(
            Problem,
            {"consultation": consultation, "title": item["problematica"]},
            {"description": f"Tema más votado: {item['tema']}", "axis": axes[name]},
        )
        table = WorkingTable.objects.filter(problems=problem).first()
        if table is None:
            table = WorkingTable.objects.create(
                consultation=consultation,
                held_on=_table_date(item["mesa"]),
                outcome="Mesa de trabajo de cocreación (la fuente da la fecha).",
            )
            table.problems.add(problem)
    for title, axis_index in EXAMPLES:
        upsert(
            Proposal,
            {"consultation": consultation, "title": title},
            {
                "body": "Propuesta inventada para mostrar la consulta.",
                "is_example": True,
                "axis": list(axes.values())[axis_index],
            },
        )
    Consultation.objects.filter(pk=consultation.pk).update(
        proposal_count=Proposal.objects.filter(consultation=consultation).count()
    )


def _load_durango() -> None:
    facts = seed("durango_municipio_2014")["consulta_ciudadana_2014"]
    upsert(
        Consultation,
        {"slug": "consulta-ciudadana-durango-2014"},
        {
            "exercise": Exercise.objects.get(slug="durango"),
            "territory": Territory.objects.get(inegi_code="10005"),
            "title": "Consulta ciudadana 2014 del municipio de Durango",
            "description": (
                f"A cargo del {facts['responsable']}. Se visitaron {facts['colonias_visitadas']} colonias y "
                f"{facts['fraccionamientos_visitados']} fraccionamientos. Temas principales: "
                + ", ".join(facts["temas_principales"])
                + ". La fuente da el año, no las fechas: se registra el año completo."
            ),
            "opens_at": dt.datetime(2014, 1, 1, tzinfo=MX),
            "closes_at": dt.datetime(2015, 1, 1, tzinfo=MX),
            "reported_participants": facts["registros"],
            "reported_proposals": facts["propuestas"],
            "reported_source": "Presentación de Durango, 2015 (Gobierno Abierto: cocreación desde lo local)",
        },
    )
