"""Durango's 2014 social-comptrollership figures, as reported, and watched public works.

The works, a committee, its inspection sheet and a complaint are invented to show every part of
the comptrollership pages and are marked `is_example` ("dato de ejemplo"). Their places are real
spots of the municipalities of Jalisco's commitments, approximate, so the works' map has
something to show.
"""

import datetime as dt
from decimal import Decimal

from django.utils.text import slugify

from cocrea.comptrollership.models import (
    Committee,
    Inspection,
    PublicWork,
    ReportedComptrollership,
)
from cocrea.core.demo import seed, upsert
from cocrea.core.models import Organization, Territory
from cocrea.reports.demo import backdate
from cocrea.reports.models import ReportStatus
from cocrea.reports.selectors import complaint_categories
from cocrea.reports.services import Filing, report_create, report_transition

PLAZA = "Rehabilitación de una plaza (dato de ejemplo)"
# The plaza's place: the Plaza de la Liberación, in the centre of Guadalajara (approximate).
PLAZA_PLACE = (Decimal("20.676900"), Decimal("-103.346900"))

# (name, institution, municipality, progress, latitude, longitude): more works for the map.
MAPPED_WORKS = [
    (
        "Pavimentación de una avenida (dato de ejemplo)",
        "Ayuntamiento de Zapopan",
        "14120",
        70,
        "20.720600",
        "-103.391800",
    ),
    (
        "Colector pluvial (dato de ejemplo)",
        "Ayuntamiento de San Pedro Tlaquepaque",
        "14098",
        30,
        "20.640900",
        "-103.293300",
    ),
    (
        "Unidad deportiva (dato de ejemplo)",
        "Ayuntamiento de Tonalá",
        "14101",
        100,
        "20.623700",
        "-103.234300",
    ),
    (
        "Alumbrado público de una colonia (dato de ejemplo)",
        "Ayuntamiento de Tlajomulco de Zúñiga",
        "14097",
        0,
        "20.473700",
        "-103.443600",
    ),
]


def load() -> None:
    _load_durango_comptrollership()
    if not PublicWork.objects.filter(is_example=True).exists():
        _example_work()
    work = PublicWork.objects.filter(is_example=True).order_by("pk").first()
    if work is not None and work.latitude is None and work.name == PLAZA:
        # Demos loaded before works had a place get the plaza's.
        work.latitude, work.longitude = PLAZA_PLACE
        work.save(update_fields=["latitude", "longitude"])
    if work is not None and not work.complaints.exists():
        _example_complaint(work)
    _mapped_works()


def _mapped_works() -> None:
    for name, institution, municipality, progress, lat, long in MAPPED_WORKS:
        upsert(
            PublicWork,
            {"name": name, "is_example": True},
            {
                "institution": Organization.objects.get(slug=slugify(institution)[:70]),
                "municipality": Territory.objects.get(inegi_code=municipality),
                "progress": progress,
                "latitude": Decimal(lat),
                "longitude": Decimal(long),
                "starts_on": dt.date(2026, 1, 15),
            },
        )


def _example_complaint(work: PublicWork) -> None:
    """A complaint about the work: filed in a category of the work's institution in its state,
    routed to that institution, with that category's deadline."""
    category = complaint_categories(work=work).first()
    if category is None:
        return
    filing = Filing(
        category=category,
        description="La obra lleva dos semanas sin trabajadores (dato de ejemplo).",
        address="Plaza en rehabilitación",
        # Near the plaza; the public page shows it rounded to about a hundred metres.
        lat="20.677210",
        long="-103.346480",
        attributes={"servicio": ["calles"], "desde-cuando": ["mes"]},
        public_work=work,
    )
    report = report_create(filing=filing, is_example=True)
    report_transition(
        report=report,
        to_status=ReportStatus.IN_PROGRESS,
        note="La supervisión de obra visitará el sitio con el comité (dato de ejemplo).",
    )
    backdate(report, 5, [30])


def _example_work() -> None:
    """A labelled example of a watched work, so the comptrollership pages show every part."""
    work = PublicWork.objects.create(
        name=PLAZA,
        latitude=PLAZA_PLACE[0],
        longitude=PLAZA_PLACE[1],
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
