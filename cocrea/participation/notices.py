"""What a proposal's author and supporters are told when it gets its reasoned answer.

Participation writes the notices; it does not send them. `proposal_respond` and
`proposals_group` pass them to the `participation.proposal_answered` hook, and the app that
keeps the e-mail queue (monitoring, above this one) queues them for the people who did not turn
those notices off; its worker sends them, never the request.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext as _

from cocrea.core.models import User
from cocrea.participation.models import Proposal, ProposalStatus, Support


@dataclass(frozen=True)
class Notice:
    """One e-mail for one person. `key` is unique per event and person: queued twice, it is
    kept once."""

    user_id: int
    key: str
    subject: str
    body: str


def _site(path: str) -> str:
    site: str = settings.SITE_URL
    return site.rstrip("/") + path


def recipients(*, proposal: Proposal) -> list[int]:
    """Its author and everyone who supports it, with an active account, each once."""
    wanted = Q(pk__in=Support.objects.filter(proposal=proposal).values("user_id"))
    author: int | None = proposal.author_id
    if author is not None:
        wanted |= Q(pk=author)
    people = User.objects.filter(wanted, is_active=True).order_by("pk")
    return list(people.values_list("pk", flat=True))


def _where(proposal: Proposal) -> tuple[str, str]:
    """The answer in words, and the part of the key that tells this answer from another."""
    if proposal.status == ProposalStatus.TAKEN and proposal.commitment is not None:
        commitment = proposal.commitment
        text = _("Se incorporó al compromiso «%(title)s»: %(url)s") % {
            "title": commitment.title,
            "url": _site(commitment.get_absolute_url()),
        }
        if proposal.milestone is not None:
            text += "\n" + _("La atiende su hito %(n)s: %(deliverable)s") % {
                "n": proposal.milestone.number,
                "deliverable": proposal.milestone.deliverable[:300],
            }
        return text, f"{commitment.pk}:{proposal.milestone_id or 0}"
    if proposal.status == ProposalStatus.GROUPED and proposal.problem is not None:
        problem = proposal.problem
        text = _("Se agrupó en la problemática «%(title)s»: %(url)s") % {
            "title": problem.title,
            "url": _site(problem.get_absolute_url()),
        }
        return text, str(problem.pk)
    return _("No se incorporó."), ""


def answer_notices(*, proposal: Proposal) -> list[Notice]:
    """One notice per recipient for the proposal's current answer (none while under review)."""
    if proposal.status == ProposalStatus.UNDER_REVIEW:
        return []
    where, target = _where(proposal)
    subject = _("Respuesta a la propuesta «%(title)s»: %(answer)s") % {
        "title": proposal.title[:100],
        "answer": proposal.get_status_display(),
    }
    lines = [where]
    if proposal.response:
        lines += ["", _("Respuesta razonada:"), proposal.response]
    lines += ["", _("La propuesta: %s") % _site(proposal.get_absolute_url())]
    body = "\n".join(lines)
    stamp = f"answer:{proposal.pk}:{proposal.status}:{target}"
    return [
        Notice(user_id, f"{stamp}:{user_id}"[:120], subject[:200], body)
        for user_id in recipients(proposal=proposal)
    ]
