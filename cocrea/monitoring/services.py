"""Writes of monitoring: findings of the consistency rules, progress reports and their reviews."""

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cocrea.core.models import Organization, User
from cocrea.core.services import not_in_future, record_save
from cocrea.exercises.models import Exercise
from cocrea.monitoring import notifications
from cocrea.monitoring.consistency import evaluate
from cocrea.monitoring.facts import commitment_facts
from cocrea.monitoring.models import (
    Assessment,
    Finding,
    Follow,
    NotificationSettings,
    ProgressReport,
    ReportedProgress,
    ReportLink,
    ReportReview,
    StandardAttestation,
    Verdict,
)
from cocrea.monitoring.standards import ATTESTABLE
from cocrea.plans.models import ActionPlan, Commitment, Milestone
from cocrea.plans.services import milestone_save, plan_touch, plans_touch

CHUNK = 1000


@dataclass(frozen=True)
class Refresh:
    """What one run of the rules did: findings open afterwards, newly opened, resolved."""

    open: int
    opened: int
    resolved: int


def findings_refresh(*, commitment_ids: Sequence[int], today: dt.date | None = None) -> int:
    """Re-evaluates every rule for these commitments: opens new findings, resolves gone ones.

    Returns how many findings are open for them afterwards.
    """
    return findings_update(commitment_ids=commitment_ids, today=today).open


@transaction.atomic
def findings_update(*, commitment_ids: Sequence[int], today: dt.date | None = None) -> Refresh:
    """`findings_refresh`, telling how many findings it opened and resolved."""
    today = today or timezone.localdate()
    wanted: dict[str, Finding] = {}
    for facts in commitment_facts(list(commitment_ids)):
        for rule, milestone_id, detail in evaluate(facts, today):
            key = f"{rule}:{facts.id}:{milestone_id or 0}"
            wanted[key] = Finding(
                rule=rule, commitment_id=facts.id, milestone_id=milestone_id, detail=detail, key=key
            )
    open_now = Finding.objects.filter(commitment_id__in=commitment_ids, resolved_at__isnull=True)
    existing = dict(open_now.values_list("key", "commitment_id"))
    gone = {key: cid for key, cid in existing.items() if key not in wanted}
    new = [f for key, f in wanted.items() if key not in existing]
    open_now.filter(key__in=list(gone)).update(resolved_at=timezone.now())
    Finding.objects.bulk_create(new)
    notifications.liaison_alerts(findings=new)
    changed = set(gone.values()) | {f.commitment_id for f in new}
    if changed:  # the commitment pages show findings: their cached parts must be redrawn
        _touch_plans_of(changed)
    return Refresh(open=len(wanted), opened=len(new), resolved=len(gone))


def _touch_plans_of(commitment_ids: Iterable[int]) -> None:
    plans_touch(plans=ActionPlan.objects.filter(commitments__id__in=list(commitment_ids)))


def commitment_changed(*, commitment_ids: Sequence[int]) -> None:
    """What follows any change to commitments: the rules re-run and their followers hear of it."""
    findings_refresh(commitment_ids=commitment_ids)
    notifications.followers_notify(commitment_ids=commitment_ids)


@transaction.atomic
def follow_set(*, user: User, commitment: Commitment, following: bool) -> None:
    if following:
        Follow.objects.get_or_create(user=user, commitment=commitment)
    else:
        Follow.objects.filter(user=user, commitment=commitment).delete()


@transaction.atomic
def notification_settings_save(
    *,
    user: User,
    followed_changes: bool,
    weekly_digest: bool,
    liaison_alerts: bool,
    public_name: str,
) -> NotificationSettings:
    """The person's notice preferences, and the name (if any) shown beside their changes."""
    found, _created = NotificationSettings.objects.update_or_create(
        user=user,
        defaults={
            "followed_changes": followed_changes,
            "weekly_digest": weekly_digest,
            "liaison_alerts": liaison_alerts,
        },
    )
    if user.public_name != public_name:
        user.public_name = public_name
        user.save(update_fields=["public_name"])
    return found


def checks_run_all(*, today: dt.date | None = None) -> tuple[int, int]:
    """Evaluates every commitment in chunks; returns (commitments checked, open findings)."""
    ids = list(Commitment.objects.order_by("id").values_list("id", flat=True))
    found = 0
    for start in range(0, len(ids), CHUNK):
        found += findings_refresh(commitment_ids=ids[start : start + CHUNK], today=today)
    return len(ids), found


def checks_run_exercise(*, exercise: Exercise, today: dt.date | None = None) -> Refresh:
    """Runs the rules now for every commitment of the exercise, as the nightly checks would."""
    ids = list(
        Commitment.objects.filter(plan__exercise=exercise)
        .order_by("id")
        .values_list("id", flat=True)
    )
    total = Refresh(open=0, opened=0, resolved=0)
    for start in range(0, len(ids), CHUNK):
        done = findings_update(commitment_ids=ids[start : start + CHUNK], today=today)
        total = Refresh(
            open=total.open + done.open,
            opened=total.opened + done.opened,
            resolved=total.resolved + done.resolved,
        )
    return total


def _report_items(commitment: Commitment, progress: Mapping[int, int]) -> list[Milestone]:
    milestones = {m.pk: m for m in commitment.milestones.all()}
    unknown = set(progress) - set(milestones)
    if unknown:
        raise ValidationError({"milestones": _("Hay hitos que no son de este compromiso.")})
    if any(not 0 <= value <= 100 for value in progress.values()):
        raise ValidationError({"milestones": _("El avance de cada hito va de 0 a 100.")})
    return [milestones[pk] for pk in progress]


@transaction.atomic
def report_file(
    *,
    actor: User | None,
    commitment: Commitment,
    organization: Organization,
    reported_on: dt.date,
    narrative: str,
    progress: Mapping[int, int],
    links: Iterable[tuple[str, str]] = (),
    corrects: ProgressReport | None = None,
) -> ProgressReport:
    """Files a report and applies the progress it states to each milestone."""
    not_in_future("reported_on", reported_on)
    if not narrative.strip():
        raise ValidationError({"narrative": _("Escribe qué se avanzó.")})
    milestones = _report_items(commitment, progress)
    report = ProgressReport(
        commitment=commitment,
        organization=organization,
        author=actor,
        reported_on=reported_on,
        narrative=narrative,
        corrects=corrects,
    )
    record_save(instance=report, actor=actor)
    ReportedProgress.objects.bulk_create(
        ReportedProgress(report=report, milestone=m, progress=progress[m.pk]) for m in milestones
    )
    ReportLink.objects.bulk_create(
        ReportLink(report=report, description=d, url=u) for d, u in links
    )
    reason = _("Reporte de avance n.º %s") % report.pk
    for milestone in milestones:
        if milestone.progress != progress[milestone.pk]:
            milestone_save(
                actor=actor,
                milestone=milestone,
                progress=progress[milestone.pk],
                reason=reason,
            )
    plan_touch(plan_id=commitment.plan_id)
    commitment_changed(commitment_ids=[commitment.pk])
    return report


@transaction.atomic
def review_add(
    *,
    actor: User,
    report: ProgressReport,
    verdict: str,
    note: str,
    organization: Organization | None,
) -> ReportReview:
    if verdict not in Verdict.values:
        raise ValidationError({"verdict": _("El dictamen es «validado» o «cuestionado».")})
    if verdict == Verdict.DISPUTED and not note.strip():
        raise ValidationError({"note": _("Explica por qué cuestionas el reporte.")})
    review = ReportReview(
        report=report, reviewer=actor, organization=organization, verdict=verdict, note=note
    )
    record_save(instance=review, actor=actor)
    plan_touch(plan_id=report.commitment.plan_id)
    findings_refresh(commitment_ids=[report.commitment_id])
    return review


@transaction.atomic
def review_answer(*, actor: User, review: ReportReview, answer: str) -> ReportReview:
    """The institution's answer to a dispute; the dispute itself stays as it was."""
    if review.verdict != Verdict.DISPUTED:
        raise ValidationError({"answer": _("Solo se responde a un reporte cuestionado.")})
    if not answer.strip():
        raise ValidationError({"answer": _("Escribe la respuesta.")})
    review.answer, review.answered_at = answer, timezone.now()
    record_save(instance=review, actor=actor, only=["answer", "answered_at"])
    plan_touch(plan_id=review.report.commitment.plan_id)
    findings_refresh(commitment_ids=[review.report.commitment_id])
    return review


class AssessmentFields(TypedDict, total=False):
    assessed_on: dt.date
    specificity: str
    relevance_access_information: bool
    relevance_civic_participation: bool
    relevance_public_accountability: bool
    relevance_technology: bool
    potential_impact: str
    completion: str
    opened_government: str
    verifiable: bool | None
    open_government_lens: bool | None
    results_potential: str
    notes: str


@transaction.atomic
def assessment_save(
    *, actor: User | None, commitment: Commitment, **fields: Unpack[AssessmentFields]
) -> Assessment:
    assessment = Assessment.objects.filter(commitment=commitment).first() or Assessment(
        commitment=commitment
    )
    for name, value in fields.items():
        setattr(assessment, name, value)
    if assessment.verifiable is False and (
        assessment.open_government_lens is not None or assessment.results_potential
    ):
        raise ValidationError(
            {
                "verifiable": _(
                    "Un compromiso no verificable no se revisa: deja vacíos la lente y el potencial."
                )
            }
        )
    not_in_future("assessed_on", assessment.assessed_on)
    record_save(instance=assessment, actor=actor)
    plan_touch(plan_id=commitment.plan_id)
    return assessment


@transaction.atomic
def standard_attest(
    *, actor: User, exercise: Exercise, item: str, url: str, note: str = ""
) -> StandardAttestation:
    if item not in ATTESTABLE:
        raise ValidationError(
            {"item": _("Ese requisito lo calcula la plataforma: no se atestigua.")}
        )
    found = StandardAttestation.objects.filter(exercise=exercise, item=item).first()
    attestation = found or StandardAttestation(exercise=exercise, item=item)
    attestation.url, attestation.note = url, note
    attestation.attested_by, attestation.attested_on = actor, timezone.localdate()
    record_save(instance=attestation, actor=actor)
    return attestation
