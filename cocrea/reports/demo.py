"""Report categories for the services that Jalisco's municipal commitments (2019–2020) name.

The categories follow the commitments' own words; the two reports are invented to show the
tracking pages and are marked `is_example` ("dato de ejemplo").
"""

from django.utils.text import slugify

from cocrea.core.demo import upsert
from cocrea.core.models import Organization
from cocrea.reports.models import Category, CategoryAttribute, Datatype, Report
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
