"""Writes of contributions on a bill's text: proposing a change to a passage, supporting it,
commenting on it, the committee's answer, and moderation (participants' reports, hiding and
restoring with a public reason).

Citizens write only while the contributions phase is open and, when the process asks for it,
with a verified e-mail (the same checks as the `lawmaking.contribute` permission, repeated here
because an admin's `has_perm` is always true and a form may be older than the phase's close).
"""

from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from cocrea.core.models import User
from cocrea.core.service_helpers import create_once, flag_add, flags_review
from cocrea.core.services import record_save
from cocrea.lawmaking import notices, selectors
from cocrea.lawmaking.models import (
    AnswerStatus,
    Contribution,
    ContributionComment,
    ContributionCommentFlag,
    ContributionFlag,
    ContributionKind,
    ContributionSupport,
    LegislativeProcess,
    PhaseKind,
    TextUnit,
    TextVersion,
)
from cocrea.participation.dates import moment_label

# What the committee answers with a version: the text that took the contribution in.
WITH_VERSION = (AnswerStatus.INCORPORATED, AnswerStatus.PARTLY)
# Kinds that propose words (the others delete a passage or only comment on it).
WITH_TEXT = (ContributionKind.REPLACE, ContributionKind.ADD)


def normalized(text: str) -> str:
    """A passage as compared with the text: spaces and line breaks collapsed, case folded (a
    selection copied from the page breaks lines where the browser drew them)."""
    return " ".join(text.split()).casefold()


def phase_refusal(process: LegislativeProcess, what: str) -> str | None:
    """Why citizens cannot `what` now (the contributions phase is missing, not yet open or
    closed, with its dates in the exercise's time), or None while it is open."""
    phase = selectors.phase_of(process=process, kind=PhaseKind.CONTRIBUTIONS)
    if phase is None:
        return _("Este proceso no tiene fase de aportaciones: no se puede %s.") % what
    dates = {
        "opens": moment_label(phase.opens_at, process.exercise),
        "closes": moment_label(phase.closes_at, process.exercise),
        "what": what,
    }
    now = timezone.now()
    if now < phase.opens_at:
        return (
            _(
                "La fase de aportaciones abre el %(opens)s y cierra el %(closes)s: aún no se puede "
                "%(what)s."
            )
            % dates
        )
    if now >= phase.closes_at:
        return (
            _("La fase de aportaciones fue del %(opens)s al %(closes)s: ya no se puede %(what)s.")
            % dates
        )
    return None


def _may_take_part(process: LegislativeProcess, actor: User, what: str) -> None:
    if refusal := phase_refusal(process, what):
        raise ValidationError(refusal, code="phase")
    if not selectors.meets_verification(user=actor, process=process):
        raise ValidationError(
            _("Este proceso pide una cuenta con el correo verificado."), code="unverified"
        )


def _visible(record: Contribution | ContributionComment) -> None:
    if record.is_hidden:
        raise ValidationError(_("Está oculta por moderación."), code="hidden")


def _check_target(process: LegislativeProcess, unit: TextUnit) -> None:
    """Contributions go to the text as it stands: the latest published version."""
    latest = selectors.latest_version(process=process)
    if unit.version.process_id != process.pk or latest is None:
        raise ValidationError(_("Ese texto no es de este proceso."))
    if unit.version_id != latest.pk:
        raise ValidationError(
            _(
                "Se publicó una nueva versión del texto («%s») mientras escribías: vuelve a "
                "leer el artículo y elige de nuevo el pasaje."
            )
            % latest.label,
            code="stale",
        )
    if not unit.is_contributable:
        raise ValidationError(_("Los encabezados no reciben aportaciones: elige un artículo."))


def _check_passage(unit: TextUnit, paragraph: int | None, quote: str) -> None:
    paragraphs = unit.paragraphs
    if paragraph is not None and not 1 <= paragraph <= len(paragraphs):
        raise ValidationError({"paragraph": _("Ese párrafo no está en el artículo.")})
    where = paragraphs[paragraph - 1] if paragraph else " ".join(paragraphs)
    if quote.strip() and normalized(quote) not in normalized(where):
        shown = Truncator(" ".join(quote.split())).chars(120)
        raise ValidationError(
            {"quote": _("El texto que seleccionaste ya no está en el artículo: «%s».") % shown},
            code="stale",
        )


@transaction.atomic
def contribution_submit(
    *,
    actor: User,
    process: LegislativeProcess,
    unit: TextUnit,
    kind: str,
    body: str,
    paragraph: int | None = None,
    quote: str = "",
    proposed_text: str = "",
) -> Contribution:
    """A participant's contribution on a passage of the current text (an article, or one of its
    paragraphs): the passage must still be there, word for word."""
    _may_take_part(process, actor, _("hacer aportaciones"))
    _check_target(process, unit)
    _check_passage(unit, paragraph, quote)
    if kind in WITH_TEXT and not proposed_text.strip():
        raise ValidationError({"proposed_text": _("Escribe el texto que propones.")})
    if kind not in WITH_TEXT:
        proposed_text = ""  # a deletion or a comment proposes no words
    contribution = Contribution(
        process=process,
        unit=unit,
        unit_key=unit.key,
        paragraph=paragraph,
        kind=kind,
        quote=" ".join(quote.split()),
        proposed_text=proposed_text.strip(),
        body=body.strip(),
        author=actor,
    )
    record_save(instance=contribution, actor=actor)
    return contribution


@transaction.atomic
def support_add(*, actor: User, contribution: Contribution) -> ContributionSupport:
    """One support per person; the counter moves in the database (F), exact under load."""
    _may_take_part(contribution.process, actor, _("apoyar aportaciones"))
    _visible(contribution)
    support: ContributionSupport = create_once(
        ContributionSupport.objects,
        repeat=_("Ya apoyas esta aportación."),
        contribution=contribution,
        user=actor,
    )
    Contribution.objects.filter(pk=contribution.pk).update(support_count=F("support_count") + 1)
    return support


@transaction.atomic
def support_withdraw(*, actor: User, contribution: Contribution) -> None:
    _may_take_part(contribution.process, actor, _("retirar apoyos"))
    deleted, _rows = ContributionSupport.objects.filter(
        contribution=contribution, user=actor
    ).delete()
    if not deleted:
        raise ValidationError(_("No apoyas esta aportación."))
    Contribution.objects.filter(pk=contribution.pk).update(support_count=F("support_count") - 1)


@transaction.atomic
def comment_add(*, actor: User, contribution: Contribution, body: str) -> ContributionComment:
    _may_take_part(contribution.process, actor, _("comentar"))
    _visible(contribution)
    comment = ContributionComment(contribution=contribution, author=actor, body=body.strip())
    record_save(instance=comment, actor=actor)
    return comment


def _check_answer(
    contribution: Contribution, status: str, answer: str, version: TextVersion | None
) -> None:
    if status == AnswerStatus.PENDING:
        raise ValidationError({"status": _("Elige la respuesta de la comisión.")})
    if not answer.strip():
        message = (
            _("Explica por qué no se incorporó.")
            if status == AnswerStatus.NOT_INCORPORATED
            else _("Escribe la respuesta de la comisión.")
        )
        raise ValidationError({"answer": message})
    if status == AnswerStatus.ANSWERED and contribution.kind != ContributionKind.COMMENT:
        raise ValidationError(
            {"status": _("Una propuesta de cambio se incorpora, en parte o no: dilo.")}
        )
    if status not in WITH_VERSION:
        return
    if version is None:
        raise ValidationError({"incorporated_in": _("Indica la versión que la incorpora.")})
    if version.process_id != contribution.process_id or version.published_at is None:
        raise ValidationError(
            {"incorporated_in": _("Esa versión no es una versión publicada de este proceso.")}
        )
    if version.number <= contribution.unit.version.number:
        raise ValidationError(
            {"incorporated_in": _("La versión que la incorpora es posterior a la comentada.")}
        )


@transaction.atomic
def contribution_answer(
    *,
    actor: User,
    contribution: Contribution,
    status: str,
    answer: str,
    incorporated_in: TextVersion | None = None,
) -> Contribution:
    """The committee's answer (at any phase). A new or changed answer reaches the author and the
    supporters (queued); saving the same answer again tells nobody twice."""
    _visible(contribution)
    _check_answer(contribution, status, answer, incorporated_in)
    version = incorporated_in if status in WITH_VERSION else None
    before = (contribution.status, contribution.answer, contribution.incorporated_in_id)
    contribution.status, contribution.answer = status, answer.strip()
    contribution.incorporated_in = version
    if before == (status, contribution.answer, contribution.incorporated_in_id):
        return contribution
    contribution.answered_by, contribution.answered_at = actor, timezone.now()
    fields = ["status", "answer", "incorporated_in", "answered_by", "answered_at"]
    record_save(instance=contribution, actor=actor, only=fields)
    notices.answer_queue(contribution=contribution)
    return contribution


@transaction.atomic
def contribution_flag(*, actor: User, contribution: Contribution, reason: str) -> ContributionFlag:
    _visible(contribution)
    flag: ContributionFlag = flag_add(
        contribution.flags,
        actor=actor,
        reason=reason,
        repeat=_("Ya habías reportado esta aportación; la moderación la revisará."),
    )
    return flag


@transaction.atomic
def comment_flag(
    *, actor: User, comment: ContributionComment, reason: str
) -> ContributionCommentFlag:
    _visible(comment)
    flag: ContributionCommentFlag = flag_add(
        comment.flags,
        actor=actor,
        reason=reason,
        repeat=_("Ya habías reportado este comentario; la moderación lo revisará."),
    )
    return flag


Moderated = TypeVar("Moderated", Contribution, ContributionComment)


def _moderate(record: Moderated, *, actor: User, action: str, reason: str) -> Moderated:
    """Hides or restores a record, or dismisses its reports; always with a reason, kept in its
    public history. Hiding or dismissing answers its reports: it leaves the queue."""
    if not reason.strip():
        raise ValidationError({"reason": _("La moderación siempre lleva un motivo.")})
    if action == "descartar":
        flags_review(record, actor=actor)
        return record
    hide = action == "ocultar"
    record.is_hidden, record.hidden_reason = hide, reason.strip()[:300] if hide else ""
    record_save(instance=record, actor=actor, reason=reason, only=["is_hidden", "hidden_reason"])
    if hide:
        flags_review(record, actor=actor)
    return record


@transaction.atomic
def contribution_moderate(
    *, actor: User, contribution: Contribution, action: str, reason: str
) -> Contribution:
    """`action`: "ocultar", "restaurar" or "descartar" (the reports, leaving it visible)."""
    return _moderate(contribution, actor=actor, action=action, reason=reason)


@transaction.atomic
def comment_moderate(
    *, actor: User, comment: ContributionComment, action: str, reason: str
) -> ContributionComment:
    return _moderate(comment, actor=actor, action=action, reason=reason)
