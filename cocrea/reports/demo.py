"""Jalisco's list of report categories: the services that its municipal commitments (2019–2020)
name, with their questions and deadlines; a day off of the state; and reports in every state of
their lifecycle.

The categories follow the commitments' own words. Their questions beyond «¿Qué servicio?», the
state's day off and the reports are invented to show the pages and are marked as example data
(«dato de ejemplo»); each example is loaded once, however often the demo is loaded.
"""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from cocrea.core.demo import upsert
from cocrea.core.models import Organization, Territory
from cocrea.reports.calendar import add_working_days
from cocrea.reports.models import (
    Category,
    CategoryAttribute,
    Datatype,
    Holiday,
    Report,
    ReportEvent,
    ReportStatus,
)
from cocrea.reports.services import Filing, report_create, report_transition

JALISCO = "14"

# (code, name, group, description, institution) — from commitments 4, 6 and 8 of the plan.
CATEGORIES = [
    (
        "tlaquepaque-queja",
        "Reporte, queja o denuncia ciudadana",
        "San Pedro Tlaquepaque",
        "Captación y canalización de reportes, quejas y denuncias (compromiso 4).",
        "Ayuntamiento de San Pedro Tlaquepaque",
    ),
    (
        "guadalajara-servicio-publico",
        "Falla en un servicio público",
        "Guadalajara",
        "Reportes, denuncias y quejas sobre los servicios públicos (compromiso 6).",
        "Ayuntamiento de Guadalajara",
    ),
    (
        "tonala-servicio-basico",
        "Denuncia sobre un servicio básico municipal",
        "Tonalá",
        "Recepción, seguimiento y solución de denuncias de servicios básicos (compromiso 8).",
        "Ayuntamiento de Tonalá",
    ),
]
SERVICES = [
    {"key": "alumbrado", "name": "Alumbrado público"},
    {"key": "agua", "name": "Agua potable y drenaje"},
    {"key": "basura", "name": "Recolección de basura"},
    {"key": "calles", "name": "Calles y baches"},
    {"key": "otro", "name": "Otro"},
]
SINCE = [
    {"key": "hoy", "name": "Desde hoy"},
    {"key": "semana", "name": "Desde esta semana"},
    {"key": "mes", "name": "Desde hace más de un mes"},
]
YES_NO = [{"key": "si", "name": "Sí"}, {"key": "no", "name": "No"}]

# (code, question, public, options): «servicio» is the commitments'; the others are examples.
QUESTIONS = [
    ("servicio", "¿Qué servicio?", True, SERVICES),
    ("desde-cuando", "¿Desde cuándo pasa? (pregunta de ejemplo)", True, SINCE),
    (
        "vive-ahi",
        "¿Vives o trabajas en ese lugar? (pregunta de ejemplo)",
        False,
        YES_NO,
    ),
]


def load() -> None:
    jalisco = Territory.objects.get(inegi_code=JALISCO)
    for code, name, group, description, institution in CATEGORIES:
        category = upsert(
            Category,
            {"code": code},
            {
                "name": name,
                "group": group,
                "description": description,
                "institution": _organization(institution),
                "territory": jalisco,
                "response_days": 10,
            },
        )
        for order, (key, question, public, options) in enumerate(QUESTIONS, start=1):
            upsert(
                CategoryAttribute,
                {"category": category, "code": key},
                {
                    "datatype": Datatype.SINGLE,
                    "required": key == "servicio",
                    "description": question,
                    "values": options,
                    "order": order,
                    "is_public": public,
                },
            )
    _day_off(jalisco)
    for example in EXAMPLES:
        if not Report.objects.filter(is_example=True, description=example.text).exists():
            _example(example)


def _organization(name: str) -> Organization:
    return Organization.objects.get(slug=slugify(name)[:70])


def _day_off(jalisco: Territory) -> None:
    """A day off of the state, on the first weekday a week after the demo is first loaded, so
    that the deadlines of the reports filed on the demo site step over it."""
    name = "Día inhábil del estado (dato de ejemplo)"
    if Holiday.objects.filter(territory=jalisco, name=name).exists():
        return
    day = timezone.localdate() + dt.timedelta(days=7)
    while day.weekday() > 4:
        day += dt.timedelta(days=1)
    Holiday.objects.create(territory=jalisco, date=day, name=name)


@dataclass(frozen=True)
class Example:
    category: str
    text: str
    answers: dict[str, list[str]]
    days_ago: int
    # (state, public note, hours after filing, institution it is routed to, if rerouted)
    steps: tuple[tuple[str, str, int, str], ...] = ()


EXAMPLES = (
    Example(
        "guadalajara-servicio-publico",
        "Lámpara apagada (dato de ejemplo)",
        {"servicio": ["alumbrado"], "desde-cuando": ["semana"], "vive-ahi": ["si"]},
        1,
    ),
    Example(
        "tonala-servicio-basico",
        "No pasó el camión (dato de ejemplo)",
        {"servicio": ["basura"], "desde-cuando": ["semana"]},
        2,
    ),
    Example(
        "tlaquepaque-queja",
        "Fuga de agua en una calle del límite con Guadalajara (dato de ejemplo)",
        {"servicio": ["agua"], "desde-cuando": ["hoy"], "vive-ahi": ["no"]},
        3,
        (
            (
                ReportStatus.ROUTED,
                "La calle es del municipio de Guadalajara; se le turna.",
                20,
                "Ayuntamiento de Guadalajara",
            ),
        ),
    ),
    Example(
        "guadalajara-servicio-publico",
        "Bache hondo frente a una escuela (dato de ejemplo)",
        {"servicio": ["calles"], "desde-cuando": ["mes"], "vive-ahi": ["no"]},
        6,
        ((ReportStatus.IN_PROGRESS, "Una cuadrilla revisó el bache.", 30, ""),),
    ),
    Example(
        "tonala-servicio-basico",
        "Drenaje tapado en la esquina (dato de ejemplo)",
        {"servicio": ["agua"], "desde-cuando": ["semana"]},
        8,
        (
            (ReportStatus.IN_PROGRESS, "Se revisó la coladera.", 24, ""),
            (
                ReportStatus.SCHEDULED,
                "El desazolve está programado para el próximo martes.",
                50,
                "",
            ),
        ),
    ),
    Example(
        "guadalajara-servicio-publico",
        "Poste de luz caído (dato de ejemplo)",
        {"servicio": ["alumbrado"], "desde-cuando": ["hoy"], "vive-ahi": ["si"]},
        20,
        (
            (ReportStatus.IN_PROGRESS, "Se acordonó la zona.", 3, ""),
            (ReportStatus.RESOLVED, "Se repuso el poste y la luminaria.", 70, ""),
        ),
    ),
    Example(
        "tlaquepaque-queja",
        "Ruido de una fiesta (dato de ejemplo)",
        {"servicio": ["otro"], "desde-cuando": ["hoy"]},
        25,
        ((ReportStatus.NO_ACTION, "Al llegar la patrulla ya no había ruido.", 5, ""),),
    ),
    Example(
        "tonala-servicio-basico",
        "Luz intermitente en una carretera federal (dato de ejemplo)",
        {"servicio": ["alumbrado"], "desde-cuando": ["mes"]},
        30,
        (
            (
                ReportStatus.NOT_OURS,
                "La carretera es federal: el alumbrado no es del municipio.",
                26,
                "",
            ),
        ),
    ),
    Example(
        "guadalajara-servicio-publico",
        "Otra vez la lámpara apagada (dato de ejemplo)",
        {"servicio": ["alumbrado"], "desde-cuando": ["semana"]},
        1,
        ((ReportStatus.DUPLICATE, "Es la misma lámpara de un reporte anterior.", 2, ""),),
    ),
    Example(
        "tlaquepaque-queja",
        "Texto sin relación con un servicio (dato de ejemplo)",
        {"servicio": ["otro"]},
        12,
        ((ReportStatus.REJECTED, "No describe un problema que atienda el municipio.", 4, ""),),
    ),
)


@transaction.atomic
def _example(example: Example) -> Report:
    category = Category.objects.select_related("territory").get(code=example.category)
    filing = Filing(
        category=category,
        description=example.text,
        address="Centro",
        attributes=example.answers,
    )
    report = report_create(filing=filing, is_example=True)
    for status, note, _hours, routed_to in example.steps:
        report_transition(
            report=report,
            to_status=status,
            note=note,
            institution=_organization(routed_to) if routed_to else None,
        )
    backdate(report, example.days_ago, [hours for _s, _n, hours, _r in example.steps])
    return report


def backdate(report: Report, days_ago: int, hours: list[int]) -> None:
    """Moves an example report's filing `days_ago` back, each step `hours` after it, with the
    deadline its category gives from then: the pages and figures show a lifecycle in time."""
    report.refresh_from_db()
    filed = timezone.now() - dt.timedelta(days=days_ago)
    events = list(report.events.order_by("at", "pk"))
    moments = [filed, *(filed + dt.timedelta(hours=h) for h in hours)]
    for event, moment in zip(events, moments, strict=False):
        ReportEvent.objects.filter(pk=event.pk).update(at=moment)
    fields: dict[str, Any] = {
        "requested_at": filed,
        "updated_at": moments[-1],
        "expected_at": add_working_days(
            filed, report.category.response_days, territory=report.category.territory
        ),
    }
    if report.closed_at is not None:
        fields["closed_at"] = moments[-1]
    Report.objects.filter(pk=report.pk).update(**fields)
