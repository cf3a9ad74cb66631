"""Notifications: requests only queue them; `send_notifications` (the worker) sends them.

Each notice has a key, so the same event never reaches the same person twice: a followed
commitment sends at most one notice a day, an alert one per finding, a digest one per week.
"""

import datetime as dt
from collections.abc import Iterable, Sequence

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from cocrea.core.models import OrganizationMembership, OrganizationRole, User
from cocrea.exercises.models import ExerciseMembership, ExerciseRole
from cocrea.monitoring.consistency import RULES, dispute_deadline
from cocrea.monitoring.models import (
    Finding,
    Follow,
    Notification,
    NotificationSettings,
    ReportReview,
    Verdict,
)
from cocrea.participation.models import Proposal, Support
from cocrea.participation.notices import Notice
from cocrea.plans.models import Commitment

ALERT_RULES = {"HIT-02", "ACT-01"}


def _wants(users: QuerySet[User], setting: str) -> QuerySet[User]:
    """Users who did not turn `setting` off (no settings row means the defaults, all on)."""
    off = NotificationSettings.objects.filter(**{setting: False}).values("user_id")
    return users.exclude(pk__in=off).filter(is_active=True)


def _queue(pairs: Iterable[tuple[int, str, str, str]]) -> int:
    rows = [Notification(user_id=u, key=k[:120], subject=s[:200], body=b) for u, k, s, b in pairs]
    return len(Notification.objects.bulk_create(rows, ignore_conflicts=True))


NOTICE_BATCH = 500


def notices_insert(notices: Sequence[Notice]) -> int:
    """Queues the notices whose key is not queued yet (a key names one event for one person, so
    the same news never reaches anyone twice), in batches; says how many were new."""
    return sum(
        _insert_new(notices[start : start + NOTICE_BATCH])
        for start in range(0, len(notices), NOTICE_BATCH)
    )


def _insert_new(notices: Sequence[Notice]) -> int:
    # bulk_create with ignore_conflicts counts the skipped rows too: count only new keys.
    keys = {n.key[:120] for n in notices}
    known = set(Notification.objects.filter(key__in=keys).values_list("key", flat=True))
    rows = [
        Notification(user_id=n.user_id, key=n.key[:120], subject=n.subject[:200], body=n.body)
        for n in notices
        if n.key[:120] not in known
    ]
    Notification.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def _url(commitment: Commitment) -> str:
    site: str = settings.SITE_URL
    return site.rstrip("/") + commitment.get_absolute_url()


def _interested_in(commitment: Commitment) -> QuerySet[User]:
    """Its followers, and whoever wrote or supported a proposal it took up."""
    taken = Proposal.objects.filter(commitment=commitment)
    authors = taken.values("author_id")
    supporters = Support.objects.filter(proposal__in=taken).values("user_id")
    interested = Q(follows__commitment=commitment) | Q(pk__in=authors) | Q(pk__in=supporters)
    return User.objects.filter(interested).distinct()


@transaction.atomic
def proposal_answered_queue(*, proposal: Proposal, notices: list[Notice]) -> int:
    """Queues participation's notices of a reasoned answer (taken, grouped or not taken) for
    the author and supporters who did not turn off the news of what they follow."""
    people = User.objects.filter(pk__in=[n.user_id for n in notices])
    wanted = set(_wants(people, "followed_changes").values_list("pk", flat=True))
    return _queue((n.user_id, n.key, n.subject, n.body) for n in notices if n.user_id in wanted)


@transaction.atomic
def followers_notify(*, commitment_ids: Iterable[int]) -> int:
    """Queues today's notice for the followers of each changed commitment."""
    today = timezone.localdate().isoformat()
    commitments = Commitment.objects.filter(pk__in=list(commitment_ids)).select_related(
        "plan__exercise"
    )
    pairs = []
    for commitment in commitments:
        followers = _wants(_interested_in(commitment), "followed_changes")
        subject = _("Cambió un compromiso que sigues: %s") % commitment.title[:120]
        body = _("Hay novedades en «%(title)s»: %(url)s") % {
            "title": commitment.title,
            "url": _url(commitment),
        }
        pairs += [
            (u, f"change:{commitment.pk}:{u}:{today}", subject, body)
            for u in followers.values_list("pk", flat=True)
        ]
    return _queue(pairs)


def liaison_alerts(*, findings: Iterable[Finding]) -> int:
    """Queues an alert to the lead institution's liaisons for each new overdue or stale finding.

    Three queries whatever the number of findings: their commitments, and the liaisons who want
    alerts, grouped by institution.
    """
    alerts = [f for f in findings if f.rule in ALERT_RULES]
    if not alerts:
        return 0
    commitments = Commitment.objects.select_related("plan__exercise").in_bulk(
        {f.commitment_id for f in alerts}
    )
    liaisons: dict[int, list[int]] = {}
    wanted = _wants(User.objects.all(), "liaison_alerts")
    memberships = OrganizationMembership.objects.filter(
        organization_id__in={c.lead_institution_id for c in commitments.values()},
        role=OrganizationRole.LIAISON,
        is_active=True,
        user__in=wanted,
    ).values_list("organization_id", "user_id")
    for organization_id, user_id in memberships:
        liaisons.setdefault(organization_id, []).append(user_id)
    stamp = timezone.localdate().strftime("%Y%m%d")
    pairs = []
    for finding in alerts:
        commitment, rule = commitments[finding.commitment_id], RULES[finding.rule]
        subject = f"{rule.title}: {commitment.title[:120]}"
        body = f"{rule.explanation} {rule.fix} {finding.detail}\n{_url(commitment)}"
        for user_id in liaisons.get(commitment.lead_institution_id, []):
            pairs.append((user_id, f"alert:{finding.key}:{user_id}:{stamp}", subject, body))
    return _queue(pairs)


@transaction.atomic
def weekly_digest_queue(*, today: dt.date | None = None) -> int:
    """Queues, once per ISO week, a summary of the followed commitments that changed in 7 days."""
    today = today or timezone.localdate()
    since = timezone.now() - dt.timedelta(days=7)
    week = f"{today.isocalendar().year}-{today.isocalendar().week}"
    changed = Q(follows__commitment__updated_at__gte=since) | Q(
        follows__commitment__reports__created_at__gte=since
    )
    pairs = []
    for user in _wants(User.objects.filter(changed).distinct(), "weekly_digest").iterator():
        follows = Follow.objects.filter(user=user).select_related("commitment__plan__exercise")
        lines = [f"- {f.commitment.title}: {_url(f.commitment)}" for f in follows]
        body = _("Compromisos que sigues, con novedades esta semana:") + "\n" + "\n".join(lines)
        pairs.append((user.pk, f"digest:{user.pk}:{week}", _("Tu resumen semanal de Cocrea"), body))
    return _queue(pairs)


def _coordination(commitment: Commitment) -> QuerySet[User]:
    """The active coordination of the commitment's exercise."""
    seats = ExerciseMembership.objects.filter(
        exercise_id=commitment.plan.exercise_id, role=ExerciseRole.COORDINATOR, is_active=True
    )
    return User.objects.filter(pk__in=seats.values("user_id"), is_active=True)


def _liaisons(commitment: Commitment) -> QuerySet[User]:
    """The active liaisons of the commitment's lead institution."""
    seats = OrganizationMembership.objects.filter(
        organization_id=commitment.lead_institution_id,
        role=OrganizationRole.LIAISON,
        is_active=True,
    )
    return User.objects.filter(pk__in=seats.values("user_id"), is_active=True)


def _review_commitment(review: ReportReview) -> Commitment:
    return Commitment.objects.select_related("plan__exercise").get(pk=review.report.commitment_id)


@transaction.atomic
def dispute_notify(*, review: ReportReview) -> int:
    """Tells the lead institution's liaisons and the exercise's coordination that civil society
    disputed a progress report, and until when it can be answered before the rule (VAL-01)
    flags it. Queued once per dispute and person; the duty of answering is not opt-out."""
    commitment = _review_commitment(review)
    deadline = dispute_deadline(timezone.localtime(review.created_at).date())
    subject = _("Reporte de avance cuestionado: %s") % commitment.title[:120]
    body = _(
        "La sociedad civil cuestionó el reporte de avance del %(date)s de «%(title)s»:\n"
        "%(note)s\n\nLa institución responsable puede responder hasta el %(deadline)s; "
        "después, la regla %(rule)s lo señala como cuestionamiento sin respuesta.\n%(url)s"
    ) % {
        "date": review.report.reported_on.isoformat(),
        "title": commitment.title,
        "note": review.note,
        "deadline": deadline.isoformat(),
        "rule": "VAL-01",
        "url": _url(commitment),
    }
    users = _liaisons(commitment) | _coordination(commitment)
    if review.reviewer_id:  # whoever disputed knows it already
        users = users.exclude(pk=review.reviewer_id)
    pairs = [
        (u, f"dispute:{review.pk}:{u}", subject, body)
        for u in users.distinct().values_list("pk", flat=True)
    ]
    return _queue(pairs)


@transaction.atomic
def answer_notify(*, review: ReportReview) -> int:
    """Tells the civil-society members who disputed the report, and the exercise's
    coordination, the institution's answer. Each new answer is a new notice."""
    commitment = _review_commitment(review)
    disputed = ReportReview.objects.filter(
        report_id=review.report_id, verdict=Verdict.DISPUTED, reviewer__isnull=False
    ).values("reviewer_id")
    users = User.objects.filter(pk__in=disputed, is_active=True) | _coordination(commitment)
    stamp = review.answered_at.strftime("%Y%m%d%H%M%S%f") if review.answered_at else ""
    subject = _("Respuesta a un cuestionamiento: %s") % commitment.title[:120]
    body = _(
        "La institución responsable respondió al cuestionamiento del reporte de avance del "
        "%(date)s de «%(title)s»:\n%(answer)s\n%(url)s"
    ) % {
        "date": review.report.reported_on.isoformat(),
        "title": commitment.title,
        "answer": review.answer,
        "url": _url(commitment),
    }
    pairs = [
        (u, f"answer:{review.pk}:{stamp}:{u}", subject, body)
        for u in users.distinct().values_list("pk", flat=True)
    ]
    return _queue(pairs)


def notifications_send(*, limit: int = 1000) -> int:
    """Sends queued notices in batches (run by the worker, outside any request)."""
    sent = 0
    pending = (
        Notification.objects.filter(sent_at__isnull=True).select_related("user").order_by("id")
    )
    for notice in pending[:limit]:
        send_mail(notice.subject, notice.body, None, [notice.user.email])
        Notification.objects.filter(pk=notice.pk).update(sent_at=timezone.now())
        sent += 1
    return sent
