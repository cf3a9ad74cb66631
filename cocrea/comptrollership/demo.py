"""Durango's 2014 social-comptrollership figures, as reported, and a watched public work.

The work, its committee, its inspection sheet and a complaint about it are invented to show
every part of the comptrollership pages and are marked `is_example` ("dato de ejemplo").
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


def load() -> None:
    _load_durango_comptrollership()
    if not PublicWork.objects.filter(is_example=True).exists():
        _example_work()
    work = PublicWork.objects.filter(is_example=True).order_by("pk").first()
    if work is not None and not work.complaints.exists():
        _example_complaint(work)


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
