"""Durango's 2014 social-comptrollership figures, as reported, and report categories for the services that Jalisco's municipal commitments (2019–2020) name.

The categories follow the commitments' own words; the two reports and the watched public work
are invented to show the tracking and comptrollership pages and are marked `is_example`
("dato de ejemplo").
"""

import datetime as dt
from decimal import Decimal

from django.utils.text import slugify

from cocrea.core.demo import seed, upsert
from cocrea.core.models import Organization, Territory
from cocrea.reports.models import (
    Category,
    CategoryAttribute,
    Committee,
    Datatype,
    Inspection,
    PublicWork,
    Report,
    ReportedComptrollership,
)
from cocrea.reports.services import Filing, report_create

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


def load() -> None:
    _load_durango_comptrollership()
    for code, name, group, description, institution in CATEGORIES:
        category = upsert(
            Category,
            {"code": code},
            {
                "name": name,
                "group": group,
                "description": description,
                "institution": Organization.objects.get(slug=slugify(institution)[:70]),
                "response_days": 10,
            },
        )
        upsert(
            CategoryAttribute,
            {"category": category, "code": "servicio"},
            {
                "datatype": Datatype.SINGLE,
                "required": True,
                "description": "¿Qué servicio?",
                "values": SERVICES,
            },
        )
    if not Report.objects.filter(is_example=True).exists():
        _examples()
    if not PublicWork.objects.filter(is_example=True).exists():
        _example_work()


def _examples() -> None:
    for code, service, text in (
        ("guadalajara-servicio-publico", "alumbrado", "Lámpara apagada (dato de ejemplo)"),
        ("tonala-servicio-basico", "basura", "No pasó el camión (dato de ejemplo)"),
    ):
        filing = Filing(
            category=Category.objects.get(code=code),
            description=text,
            address="Centro",
            attributes={"servicio": [service]},
        )
        report_create(filing=filing, is_example=True)


def _example_work() -> None:
    """A labelled example of a watched work, so the comptrollership pages show every part."""
    work = PublicWork.objects.create(
        name="Rehabilitación de una plaza (dato de ejemplo)",
        institution=Organization.objects.get(slug=slugify("Ayuntamiento de Guadalajara")[:70]),
        municipality=Territory.objects.get(inegi_code="14039"),
        budget=Decimal("1500000"),
        contractor="Constructora de ejemplo",
        starts_on=dt.date(2026, 2, 1),
        ends_on=dt.date(2026, 12, 15),
        progress=45,
        is_example=True,
    )
    committee = Committee.objects.create(
        public_work=work,
        name="Comité vecinal de la plaza (dato de ejemplo)",
        members=7,
        trained_on=dt.date(2026, 1, 20),
        commitment_letter_signed=True,
        citizen_comptrollers=1,
    )
    Inspection.objects.create(
        public_work=work,
        committee=committee,
        held_on=dt.date(2026, 5, 12),
        findings="Faltan rampas de acceso en la esquina norte (dato de ejemplo).",
        progress_observed=40,
    )


def _load_durango_comptrollership() -> None:
    facts = seed("durango_municipio_2014")["contraloria_social_2014"]
    upsert(
        ReportedComptrollership,
        {"territory": Territory.objects.get(inegi_code="10005"), "year": 2014},
        {
            "trained_members": facts["integrantes_comites_obra_capacitados"],
            "commitment_letters": facts["cartas_compromiso_firmadas"],
            "complaints": facts["quejas_por_irregularidades_en_obra"],
            "observatories": facts["observatorios_ciudadanos"],
            "citizen_comptrollers": facts["contralores_ciudadanos"],
            "source": "Presentación de Durango, 2015 (Gobierno Abierto: cocreación desde lo local)",
        },
    )
