"""Consultation results as CSV and JSON, streamed, without any personal data."""

import json
from collections.abc import Iterator
from typing import Any

from cocrea.core.csvio import csv_stream
from cocrea.participation.models import Consultation, Proposal

COLUMNS = [
    "numero",
    "titulo",
    "propuesta",
    "eje",
    "lugar",
    "fecha",
    "apoyos",
    "respuesta",
    "respuesta_razonada",
    "problematica",
    "compromiso",
    "eje_retirado",
]


def _rows(consultation: Consultation) -> Iterator[list[Any]]:
    proposals = (
        Proposal.objects.filter(consultation=consultation, is_hidden=False)
        .select_related("axis", "problem", "commitment")
        .order_by("-support_count", "id")
    )
    for p in proposals.iterator(chunk_size=2000):
        yield [
            p.pk,
            p.title,
            p.body,
            p.axis.name if p.axis else "",
            p.place,
            p.created_at.date().isoformat(),
            p.support_count,
            p.status,
            p.response,
            p.problem.title if p.problem else "",
            p.commitment.title if p.commitment else "",
            bool(p.axis and p.axis.is_retired),
        ]


def results_csv(consultation: Consultation) -> Iterator[str]:
    return csv_stream(COLUMNS, _rows(consultation))


def results_json(consultation: Consultation) -> Iterator[str]:
    head = {
        "consultation": consultation.title,
        "opens_at": consultation.opens_at.isoformat(),
        "closes_at": consultation.closes_at.isoformat(),
    }
    yield json.dumps(head, ensure_ascii=False)[:-1] + ', "proposals": ['
    for index, row in enumerate(_rows(consultation)):
        yield ("," if index else "") + json.dumps(
            dict(zip(COLUMNS, row, strict=True)), ensure_ascii=False
        )
    yield "]}"
