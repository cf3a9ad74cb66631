"""Durango's 2014 social-comptrollership figures, as reported, and report categories for the services that Jalisco's municipal commitments (2019–2020) name.

The categories follow the commitments' own words; the two reports are invented to show the
tracking pages and are marked `is_example` ("dato de ejemplo").
"""

from django.utils.text import slugify

from cocrea.core.models import Organization, Territory
from cocrea.demo.loader import _data, upsert
from cocrea.reports.models import (
    Category,
    CategoryAttribute,
    Datatype,
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


def load_reports() -> None:
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


def _load_durango_comptrollership() -> None:
    facts = _data("durango_municipio_2014")["contraloria_social_2014"]
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
