"""What the people of a legislative process are told, queued (never sent) during the request.

Each notice has a key unique per event and person, so the same news never reaches anyone twice;
the background worker (`send_notifications`) sends the queue. Who is told:

- an answer: the contribution's author and its supporters; the followers, once a day;
- a new version, a phase that opens: the process's followers and everyone who contributed;
- the closing summary: everyone who took part (contributed, supported, commented, answered the
  debate) and the followers.

People who turned off the news of what they follow (`NotificationSettings.followed_changes`)
get none of these.
"""

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cocrea.core.models import User
from cocrea.lawmaking.models import (
    AnswerStatus,
    Contribution,
    ContributionComment,
    ContributionSupport,
    DebateAnswer,
    LegislativeProcess,
    Phase,
    TextVersion,
)
from cocrea.monitoring.models import NotificationSettings
from cocrea.monitoring.notifications import notices_insert
from cocrea.participation.notices import Notice


def _site(path: str) -> str:
    site: str = settings.SITE_URL
    return site.rstrip("/") + path


def _queue(notices: Iterable[Notice]) -> int:
    """Queues the notices not queued before (a key already there is the same event) for the
    active people who did not turn these notices off; says how many were new."""
    notices = list(notices)
    people = {n.user_id for n in notices}
    off = NotificationSettings.objects.filter(followed_changes=False, user_id__in=people)
    skipped = set(off.values_list("user_id", flat=True))
    skipped |= set(User.objects.filter(pk__in=people, is_active=False).values_list("pk", flat=True))
    wanted = [n for n in notices if n.user_id not in skipped]
    return notices_insert(wanted)


def _followers_and_contributors(process: LegislativeProcess) -> QuerySet[User]:
    contributors = Contribution.objects.filter(process=process).values("author_id")
    return User.objects.filter(
        Q(pk__in=process.followers.values("user_id")) | Q(pk__in=contributors)
    ).distinct()


def participants_of(process: LegislativeProcess) -> QuerySet[User]:
    """Everyone who took part in the process in any way, and its followers."""
    contributions = Contribution.objects.filter(process=process)
    took_part = (
        Q(pk__in=contributions.values("author_id"))
        | Q(pk__in=ContributionSupport.objects.filter(contribution__process=process).values("user_id"))
        | Q(pk__in=ContributionComment.objects.filter(contribution__process=process).values("author_id"))
        | Q(pk__in=DebateAnswer.objects.filter(question__process=process).values("user_id"))
        | Q(pk__in=process.followers.values("user_id"))
    )  # fmt: skip
    return User.objects.filter(took_part).distinct()


@transaction.atomic
def answer_queue(*, contribution: Contribution) -> int:
    """The committee answered a contribution: its author and supporters are told how."""
    stamp = int(contribution.answered_at.timestamp()) if contribution.answered_at else 0
    people = set(
        ContributionSupport.objects.filter(contribution=contribution).values_list(
            "user_id", flat=True
        )
    )
    if contribution.author_id:
        people.add(contribution.author_id)
    process = contribution.process
    subject = _("La comisión respondió a una aportación: %s") % process.title[:120]
    body = _(
        "La comisión de «%(process)s» respondió a una aportación que hiciste o apoyaste: "
        "%(status)s.\n\n%(answer)s\n\n%(url)s"
    ) % {
        "process": process.title,
        "status": AnswerStatus(contribution.status).label,
        "answer": contribution.answer,
        "url": _site(contribution.get_absolute_url()),
    }
    key = f"law-answer:{contribution.pk}:{stamp}"
    queued = _queue(Notice(u, f"{key}:{u}", subject, body) for u in people)
    return queued + _followers_told_of_answers(process, people)


def _followers_told_of_answers(process: LegislativeProcess, told: set[int]) -> int:
    """Followers hear of the committee's answers once a day (not once per answer: a busy
    committee answers hundreds)."""
    today = timezone.localdate().isoformat()
    followers = process.followers.exclude(user_id__in=told).values_list("user_id", flat=True)
    subject = _("La comisión respondió aportaciones de «%s»") % process.title[:120]
    body = _("Hay respuestas nuevas de la comisión en «%(process)s»: %(url)s") % {
        "process": process.title,
        "url": _site(reverse("lawmaking:contribution_list", args=[process.slug])),
    }
    key = f"law-answers:{process.pk}:{today}"
    return _queue(Notice(u, f"{key}:{u}", subject, body) for u in followers)


@transaction.atomic
def version_queue(*, version: TextVersion) -> int:
    """A new version was published: followers and contributors are told what it took in."""
    process = version.process
    taken = Contribution.objects.filter(incorporated_in=version).count()
    subject = _("Nueva versión de «%s»") % process.title[:120]
    body = _(
        "Se publicó «%(label)s» de «%(process)s». Incorpora %(taken)s aportaciones.\n\n%(url)s"
    ) % {
        "label": version.label,
        "process": process.title,
        "taken": taken,
        "url": _site(process.get_absolute_url()),
    }
    users = _followers_and_contributors(process).values_list("pk", flat=True)
    return _queue(Notice(u, f"law-version:{version.pk}:{u}", subject, body) for u in users)


@transaction.atomic
def phases_queue(*, now: dt.datetime | None = None) -> int:
    """Phases opened in the last two days: their processes' followers and contributors are told
    (run by the worker; the key makes a second run queue nothing new)."""
    moment = now or timezone.now()
    since = moment - dt.timedelta(days=2)
    phases = Phase.objects.filter(opens_at__lte=moment, opens_at__gt=since, closes_at__gt=moment)
    queued = 0
    for phase in phases.select_related("process"):
        process = phase.process
        subject = _("Empezó una fase de «%s»") % process.title[:120]
        body = _("Empezó la fase «%(phase)s» de «%(process)s».\n\n%(url)s") % {
            "phase": phase.get_kind_display(),
            "process": process.title,
            "url": _site(process.get_absolute_url()),
        }
        users = _followers_and_contributors(process).values_list("pk", flat=True)
        queued += _queue(Notice(u, f"law-phase:{phase.pk}:{u}", subject, body) for u in users)
    return queued


def summary_text(*, process: LegislativeProcess, figures: dict[str, int]) -> str:
    return _(
        "Cerró «%(process)s». Se recibieron %(total)s aportaciones; la comisión respondió "
        "%(answered)s: %(incorporated)s incorporadas, %(partly)s incorporadas en parte y "
        "%(not_incorporated)s no incorporadas.\n\n%(result)s\n\n%(url)s"
    ) % {
        **figures,
        "process": process.title,
        "result": process.result,
        "url": _site(process.get_absolute_url()),
    }


@transaction.atomic
def summary_queue(*, process: LegislativeProcess, figures: dict[str, int]) -> int:
    """The closing summary, once per person and process."""
    subject = _("Resumen de «%s»") % process.title[:120]
    body = summary_text(process=process, figures=figures)
    users = participants_of(process).values_list("pk", flat=True)
    return _queue(Notice(u, f"law-summary:{process.pk}:{u}", subject, body) for u in users)
