"""Consistency rules: each has a stable code, a Spanish explanation and the fix it asks for.

Rules read plain facts (`facts.py`), never the database, so that `run_checks` evaluates every
commitment of the country with a handful of queries, and a single change re-evaluates one.
"""

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _

from cocrea.monitoring.facts import CommitmentFacts, MilestoneFacts
from cocrea.plans.models import CommitmentStatus, MilestoneStatus

DISPUTE_ANSWER_DAYS = 30
FINISHED = {"completed", "cancelled"}
DUE_SOON_DAYS = 7  # the watch page lists milestones due within this many days


@dataclass(frozen=True)
class Rule:
    code: str
    title: object
    explanation: object
    fix: object


RULES = {
    rule.code: rule
    for rule in [
        Rule(
            "HIT-01",
            _("Hito cumplido sin evidencia"),
            _("El hito se marcó como cumplido pero no tiene ninguna evidencia."),
            _("Agrega un documento o enlace que pruebe el entregable."),
        ),
        Rule(
            "AVA-01",
            _("Avance sin ningún reporte"),
            _(
                "El compromiso tiene avance mayor que cero pero su institución no ha presentado reportes."
            ),
            _("Presenta un reporte de avance que explique lo logrado."),
        ),
        Rule(
            "HIT-02",
            _("Hito vencido sin actualización"),
            _(
                "La fecha de fin del hito pasó, no está cumplido y no se ha actualizado desde entonces."
            ),
            _("Actualiza el avance del hito o reprográmalo con una explicación."),
        ),
        Rule(
            "HIT-03",
            _("Hito fuera de las fechas del compromiso"),
            _("Las fechas del hito quedan fuera del periodo del compromiso."),
            _("Corrige las fechas del hito o las del compromiso."),
        ),
        Rule(
            "POND-01",
            _("Ponderaciones que no suman 100"),
            _("Los hitos tienen ponderaciones que no suman 100 o no todos la tienen."),
            _("Ajusta las ponderaciones para que sumen exactamente 100, o déjalas vacías."),
        ),
        Rule(
            "EST-01",
            _("Compromiso cumplido con hitos pendientes"),
            _(
                "El compromiso se marcó como cumplido pero algún hito no está cumplido ni cancelado."
            ),
            _("Actualiza los hitos pendientes o corrige el estado del compromiso."),
        ),
        Rule(
            "EST-02",
            _("Estado que contradice el avance"),
            _(
                "El estado del compromiso o de un hito no corresponde a su avance: sin iniciar "
                "con avance, cumplido sin llegar a 100 %, o en curso al 100 % sin que un reporte "
                "diga por qué no está cumplido."
            ),
            _(
                "Corrige el avance o presenta un reporte que explique el estado; si la "
                "coordinación fijó el estado, revisa que siga siendo cierto."
            ),
        ),
        Rule(
            "AVA-02",
            _("Avance que bajó sin explicación"),
            _(
                "El avance del hito es menor que el registrado antes y el cambio no trae explicación."
            ),
            _("Registra el cambio con una explicación o en un reporte de avance."),
        ),
        Rule(
            "RESP-01",
            _("Sin persona responsable"),
            _("El compromiso no tiene una persona responsable registrada."),
            _("Registra el nombre y cargo de la persona responsable."),
        ),
        Rule(
            "VAL-01",
            _("Cuestionamiento sin respuesta"),
            _("Un reporte cuestionado por la sociedad civil lleva más de 30 días sin respuesta."),
            _("Responde el cuestionamiento o presenta un reporte corregido."),
        ),
        Rule(
            "ACT-01",
            _("Información desactualizada"),
            _("El compromiso vigente no se ha actualizado en el plazo que fija su ejercicio."),
            _("Actualiza el avance o presenta un reporte de avance."),
        ),
    ]
}

Found = tuple[str, int | None, str]  # rule code, milestone id, detail


def stale_deadline(c: CommitmentFacts) -> dt.date | None:
    """The last day the commitment's information counts as up to date (ACT-01 fires the day
    after); None when the rule does not apply to it (it is no longer current)."""
    if not c.is_current:
        return None
    return c.last_update_on + dt.timedelta(days=c.stale_after_days)


def dispute_deadline(disputed_on: dt.date) -> dt.date:
    """The last day to answer a dispute raised on `disputed_on`; VAL-01 fires the day after."""
    return disputed_on + dt.timedelta(days=DISPUTE_ANSWER_DAYS)


def _percent(value: object) -> str:
    return f"{Decimal(str(value)).normalize():f} %"


def _contradiction(status: str, progress: object, explained: bool, labels: Any) -> str:
    """How `status` contradicts `progress` ("Sin iniciar · 65 %"), or "" when it does not."""
    amount = Decimal(str(progress))
    started = amount > 0 and status == "not_started"
    unfinished = amount < 100 and status == "completed"
    finished = amount >= 100 and status in ("in_progress", "late") and not explained
    if started or unfinished or finished:
        return f"{labels[status]} · {_percent(progress)}"
    return ""


def is_pending(m: MilestoneFacts) -> bool:
    """A milestone the overdue rule (HIT-02) still watches: neither completed nor cancelled."""
    return m.status not in FINISHED


def _milestone_rules(c: CommitmentFacts, m: MilestoneFacts, today: dt.date) -> Iterator[Found]:
    if m.status == "completed" and not m.evidence_count:
        yield "HIT-01", m.id, f"Hito {m.number}"
    if m.end_on and m.end_on < today and is_pending(m):
        touched = max(filter(None, [m.updated_on, c.last_report_on]))
        if touched <= m.end_on:
            yield "HIT-02", m.id, f"Hito {m.number}: vencido el {m.end_on.isoformat()}"
    if any(
        d and ((c.start_on and d < c.start_on) or (c.end_on and d > c.end_on))
        for d in (m.start_on, m.end_on)
    ):
        yield "HIT-03", m.id, f"Hito {m.number}"
    labels = dict(MilestoneStatus.choices)
    if contradiction := _contradiction(m.status, m.progress, bool(m.not_done_reason), labels):
        yield "EST-02", m.id, f"Hito {m.number}: {contradiction}"
    if m.previous_progress is not None and m.progress < m.previous_progress and not m.last_reason:
        yield "AVA-02", m.id, f"Hito {m.number}: de {m.previous_progress} a {m.progress}"


def _commitment_rules(c: CommitmentFacts, today: dt.date) -> Iterator[Found]:
    if c.progress > 0 and not c.report_count:
        yield "AVA-01", None, ""
    if not c.weights_valid:
        yield "POND-01", None, ""
    if c.status == "completed" and any(m.status not in FINISHED for m in c.milestones):
        yield "EST-01", None, ""
    explained = bool(c.status_reason) or any(m.not_done_reason for m in c.milestones)
    labels = dict(CommitmentStatus.choices)
    if contradiction := _contradiction(c.status, c.progress, explained, labels):
        yield "EST-02", None, contradiction
    if not c.responsible_person.strip():
        yield "RESP-01", None, ""
    if c.oldest_open_dispute and today > dispute_deadline(c.oldest_open_dispute):
        yield "VAL-01", None, f"Desde {c.oldest_open_dispute.isoformat()}"
    deadline = stale_deadline(c)
    if deadline and today > deadline:
        yield "ACT-01", None, f"Última actualización: {c.last_update_on.isoformat()}"


def evaluate(c: CommitmentFacts, today: dt.date) -> list[Found]:
    found = list(_commitment_rules(c, today))
    for milestone in c.milestones:
        found.extend(_milestone_rules(c, milestone, today))
    return found
