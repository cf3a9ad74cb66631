"""Demo data of monitoring: one commitment's whole follow-up, then the consistency findings.

Jalisco's fifth commitment (whose milestones the plans demo invents, as examples) gets two
progress reports by its lead institution: the first reports the diagnosis done without
evidence, civil society disputes it and the institution answers; the correction brings the
evidence, which closes the "done without evidence" finding, and civil society validates it.
The commitment is assessed IRM-style. The coordination fixes the status of the third commitment
with a reason, and the rule that compares status and progress flags it. Everything invented is
marked "(dato de ejemplo)"; the accounts are example accounts that cannot sign in.
"""

import datetime as dt

from cocrea.core.demo import account
from cocrea.core.models import Organization, OrganizationMembership, OrganizationRole, User
from cocrea.exercises.models import Exercise, ExerciseMembership, ExerciseRole, SeatSector
from cocrea.monitoring.models import Completion, Impact, ProgressReport, Specificity, Verdict
from cocrea.monitoring.services import (
    assessment_save,
    checks_run_all,
    report_file,
    review_add,
    review_answer,
)
from cocrea.plans.models import Commitment, CommitmentStatus
from cocrea.plans.services import commitment_status_override

EXAMPLE = " (dato de ejemplo)"
EVIDENCE_URL = "https://datos.zapopan.gob.mx/"  # the municipality's open-data portal


def load() -> dict[str, int]:
    commitment = Commitment.objects.filter(
        plan__exercise__slug="jalisco", plan__number=2, number=5
    ).first()
    if commitment is not None and not ProgressReport.objects.filter(commitment=commitment):
        _follow_up(commitment)
        _fixed_status()
    checks_run_all()
    return {"progress_reports": ProgressReport.objects.count()}


def _people(commitment: Commitment) -> tuple[User, User]:
    """An example liaison of the lead institution and an example civil-society member."""
    exercise: Exercise = commitment.plan.exercise
    liaison = account("enlace.zapopan@example.org", "Enlace de ejemplo")
    OrganizationMembership.objects.get_or_create(
        user=liaison,
        organization=Organization.objects.get(pk=commitment.lead_institution_id),
        role=OrganizationRole.LIAISON,
    )
    civil = account("sociedad.civil@example.org", "Sociedad civil de ejemplo")
    ExerciseMembership.objects.get_or_create(
        user=civil,
        exercise=exercise,
        role=ExerciseRole.SECRETARIAT,
        defaults={"sector": SeatSector.CIVIL_SOCIETY},
    )
    return liaison, civil


def _follow_up(commitment: Commitment) -> None:
    liaison, civil = _people(commitment)
    first, second = commitment.milestones.order_by("number")[:2]
    report = report_file(
        actor=liaison,
        commitment=commitment,
        organization=commitment.lead_institution,
        reported_on=dt.date(2020, 3, 31),
        narrative="Concluimos el diagnóstico de los datos que publica el Ayuntamiento." + EXAMPLE,
        progress={first.pk: 100, second.pk: 20},
    )
    dispute = review_add(
        actor=civil,
        report=report,
        verdict=Verdict.DISPUTED,
        note="El diagnóstico no está publicado: el reporte no trae evidencia." + EXAMPLE,
        organization=None,
    )
    review_answer(
        actor=liaison,
        review=dispute,
        answer="Publicamos el diagnóstico en el portal; lo enlaza el reporte corregido." + EXAMPLE,
    )
    correction = report_file(
        actor=liaison,
        commitment=commitment,
        organization=commitment.lead_institution,
        reported_on=dt.date(2020, 4, 15),
        narrative="Corrección: el diagnóstico está publicado y el portal avanza." + EXAMPLE,
        progress={first.pk: 100, second.pk: 40},
        links=[("Portal de datos abiertos de Zapopan", EVIDENCE_URL)],
        corrects=report,
    )
    review_add(
        actor=civil,
        report=correction,
        verdict=Verdict.VALIDATED,
        note="Revisamos el diagnóstico publicado y el avance del portal." + EXAMPLE,
        organization=None,
    )
    assessment_save(
        actor=None,
        commitment=commitment,
        assessed_on=dt.date(2020, 6, 30),
        specificity=Specificity.MEDIUM,
        relevance_access_information=True,
        potential_impact=Impact.MODERATE,
        completion=Completion.LIMITED,
        notes="Evaluación de ejemplo al estilo del IRM." + EXAMPLE,
    )


def _fixed_status() -> None:
    """A status the coordination fixes against the records: flagged (EST-02), as it must be."""
    commitment = Commitment.objects.filter(
        plan__exercise__slug="jalisco", plan__number=2, number=3
    ).first()
    if commitment is not None and not commitment.status_reason:
        commitment_status_override(
            actor=None,
            commitment=commitment,
            status=CommitmentStatus.COMPLETED,
            reason="El tribunal informó al secretariado que el nuevo modelo está vigente; "
            "falta capturar sus hitos." + EXAMPLE,
        )
