"""Writes of monitoring: findings of the consistency rules, progress reports and their reviews."""

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cocrea.core.models import Organization, User
from cocrea.core.service_helpers import row_toggle
from cocrea.core.services import not_in_future, record_save
from cocrea.exercises.models import Exercise
from cocrea.monitoring import notifications
from cocrea.monitoring.consistency import evaluate
from cocrea.monitoring.facts import CommitmentFacts, commitment_facts
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
from cocrea.plans.services import (
    commitment_statuses_store,
    evidence_attach,
    milestone_save,
    plan_touch,
    plans_touch,
)
from cocrea.plans.status import MilestoneState, derived_status, followed_state

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
    for facts in _with_derived_status(commitment_facts(list(commitment_ids)), today):
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


def _with_derived_status(facts: list[CommitmentFacts], today: dt.date) -> list[CommitmentFacts]:
    """The facts, each status the coordination has not fixed derived from the milestones as of
    `today` (the calendar makes commitments late) and stored when it changed, before the rules
    read it; read from the facts, so that it costs no query when nothing changed."""
    changes = {}
    for c in facts:
        if c.status_reason:
            continue
        states = [MilestoneState(m.status, m.progress, m.end_on) for m in c.milestones]
        if (status := derived_status(states, c.end_on, today)) != c.status:
            changes[c.id] = c.status = status
    commitment_statuses_store(statuses=changes)
    return facts


def _touch_plans_of(commitment_ids: Iterable[int]) -> None:
    plans_touch(plans=ActionPlan.objects.filter(commitments__id__in=list(commitment_ids)))


def commitment_changed(*, commitment_ids: Sequence[int]) -> None:
    """What follows any change to commitments: the rules re-run and their followers hear of it."""
    findings_refresh(commitment_ids=commitment_ids)
    notifications.followers_notify(commitment_ids=commitment_ids)


@transaction.atomic
def follow_set(*, user: User, commitment: Commitment, following: bool) -> None:
    row_toggle(Follow, present=following, user=user, commitment=commitment)


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


def _report_items(
    commitment: Commitment, progress: Mapping[int, int], not_done: Mapping[int, str]
) -> list[Milestone]:
    milestones = {m.pk: m for m in commitment.milestones.all()}
    unknown = (set(progress) | set(not_done)) - set(milestones)
    if unknown:
        raise ValidationError({"milestones": _("Hay hitos que no son de este compromiso.")})
    if any(not 0 <= value <= 100 for value in progress.values()):
        raise ValidationError({"milestones": _("El avance de cada hito va de 0 a 100.")})
    if any(why.strip() and progress.get(pk) != 100 for pk, why in not_done.items()):
        raise ValidationError(
            {
                "milestones": _(
                    "Solo se explica por qué no está cumplido un hito reportado al 100 %."
                )
            }
        )
    return [milestones[pk] for pk in progress]


def _reported_state(
    milestone: Milestone, progress: int, why_not: str, reported_on: dt.date
) -> dict[str, Any]:
    """What a report changes in a milestone: its progress and the status that follows it
    (`plans.status.followed_state`: at 100 % done on the report's date unless it says why
    not). The status is always given, so that it is the report's and not guessed again."""
    follows = followed_state(
        milestone.status, milestone.completed_on, progress, why_not, reported_on
    )
    wanted = {"progress": progress, **follows}
    changes = {k: v for k, v in wanted.items() if getattr(milestone, k) != v}
    if changes and "status" in follows:
        changes["status"] = follows["status"]
    return changes


@dataclass(frozen=True)
class ReportFile:
    """A file attached to a progress report, with what it shows."""

    description: str
    file: File[bytes]


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
    files: Iterable[ReportFile] = (),
    not_done: Mapping[int, str] | None = None,
    corrects: ProgressReport | None = None,
) -> ProgressReport:
    """Files a report, applies the progress it states to each milestone (and the status that
    follows it), and records its links and files as evidence of the milestones it reports."""
    not_in_future("reported_on", reported_on)
    if not narrative.strip():
        raise ValidationError({"narrative": _("Escribe qué se avanzó.")})
    not_done = {pk: why.strip() for pk, why in (not_done or {}).items() if why.strip()}
    milestones = _report_items(commitment, progress, not_done)
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
        ReportedProgress(
            report=report,
            milestone=m,
            progress=progress[m.pk],
            not_done_reason=not_done.get(m.pk, "")[:300],
        )
        for m in milestones
    )
    links = list(links)
    ReportLink.objects.bulk_create(
        ReportLink(report=report, description=d, url=u) for d, u in links
    )
    reason = _("Reporte de avance n.º %s") % report.pk
    for milestone in milestones:
        changes = _reported_state(
            milestone, progress[milestone.pk], not_done.get(milestone.pk, ""), reported_on
        )
        if changes:
            milestone_save(actor=actor, milestone=milestone, reason=reason, **changes)
    _report_evidence(actor, report, [m for m in milestones if progress[m.pk]], links, files)
    plan_touch(plan_id=commitment.plan_id)
    commitment_changed(commitment_ids=[commitment.pk])
    return report


def _report_evidence(
    actor: User | None,
    report: ProgressReport,
    milestones: list[Milestone],
    links: list[tuple[str, str]],
    files: Iterable[ReportFile],
) -> None:
    """The report's links and files, as evidence of each milestone it reports progress of."""
    if not milestones:
        return
    reason = _("Reporte de avance n.º %s") % report.pk
    suffix = " " + _("(reporte de avance del %s)") % report.reported_on.isoformat()
    for description, url in links:
        evidence_attach(
            actor=actor,
            milestones=milestones,
            description=description + suffix,
            url=url,
            reason=reason,
        )
    for attached in files:
        evidence_attach(
            actor=actor,
            milestones=milestones,
            description=attached.description + suffix,
            file=attached.file,
            reason=reason,
        )


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
    if verdict == Verdict.DISPUTED:
        notifications.dispute_notify(review=review)
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
    notifications.answer_notify(review=review)
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
