"""Durango's 2014 social-comptrollership figures, as reported, and a watched public work.

The work, its committee and its inspection sheet are invented to show every part of the
comptrollership pages and are marked `is_example` ("dato de ejemplo").
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


def load() -> None:
    _load_durango_comptrollership()
    if not PublicWork.objects.filter(is_example=True).exists():
        _example_work()


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
