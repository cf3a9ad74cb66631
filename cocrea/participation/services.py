"""Writes of consultations: proposals, supports (exact under concurrency), moderation, answers."""

import datetime as dt
from collections.abc import Sequence
from contextlib import nullcontext
from decimal import Decimal
from typing import TypedDict, TypeVar, Unpack

from allauth.account.models import EmailAddress
from django.contrib.postgres.search import SearchVector
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cocrea.core import ordering
from cocrea.core.models import Territory, User
from cocrea.core.service_helpers import flag_add, flags_review
from cocrea.core.services import record_assign, record_save
from cocrea.participation import selectors
from cocrea.participation.dates import moment_label
from cocrea.participation.hooks import proposal_answered
from cocrea.participation.models import (
    MAX_DEPTH,
    Axis,
    Comment,
    CommentFlag,
    Consultation,
    Participant,
    Problem,
    Proposal,
    ProposalFlag,
    ProposalStatus,
    Support,
)
from cocrea.participation.notices import answer_notices
from cocrea.plans.models import ActionPlan, Commitment, Milestone
from cocrea.plans.services import plans_touch


def _open(consultation: Consultation, what: str) -> None:
    """Refuses outside the consultation's dates, saying when it opens or closed in the time of
    its exercise."""
    now = timezone.now()
    exercise = consultation.exercise
    if now < consultation.opens_at:
        raise ValidationError(
            _("La consulta abre el %s: aún no se puede %s.")
            % (moment_label(consultation.opens_at, exercise), what)
        )
    if now >= consultation.closes_at:
        raise ValidationError(
            _("La consulta cerró el %s: ya no se puede %s.")
            % (moment_label(consultation.closes_at, exercise), what)
        )


def _may_take_part(consultation: Consultation, user: User) -> None:
    if not selectors.meets_verification(user=user, consultation=consultation):
        raise ValidationError(_("Esta consulta pide una cuenta con el correo verificado."))


class ConsultationFields(TypedDict, total=False):
    title: str
    slug: str
    description: str
    plan: ActionPlan | None
    territory: Territory | None
    places: str
    opens_at: dt.datetime
    closes_at: dt.datetime
    supports_per_participant: int
    requires_verified: bool
    edit_minutes: int


@transaction.atomic
def consultation_save(
    *, actor: User | None, consultation: Consultation, **fields: Unpack[ConsultationFields]
) -> Consultation:
    record_assign(consultation, fields)
    if (
        consultation.opens_at
        and consultation.closes_at
        and consultation.closes_at <= consultation.opens_at
    ):
        raise ValidationError({"closes_at": _("El cierre debe ser posterior a la apertura.")})
    record_save(instance=consultation, actor=actor)
    return consultation


def _search_refresh(proposal: Proposal) -> None:
    """The stored Spanish search vector (PostgreSQL); SQLite searches the text directly."""
    if connection.vendor == "postgresql":
        vector = SearchVector("title", weight="A", config="spanish") + SearchVector(
            "body", weight="B", config="spanish"
        )
        Proposal.objects.filter(pk=proposal.pk).update(search_vector=vector)


def _normalized(title: str) -> str:
    return " ".join(title.lower().split())


class ProposalFields(TypedDict, total=False):
    title: str
    body: str
    axis: Axis | None
    place: str
    latitude: Decimal | None
    longitude: Decimal | None


@transaction.atomic
def proposal_submit(
    *, actor: User, consultation: Consultation, **fields: Unpack[ProposalFields]
) -> Proposal:
    _open(consultation, _("proponer"))
    _may_take_part(consultation, actor)
    axis = fields.get("axis")
    if axis is not None and (axis.is_retired or axis.consultation_id != consultation.pk):
        raise ValidationError({"axis": _("Ese eje ya no recibe propuestas; elige otro.")})
    title = _normalized(str(fields.get("title", "")))
    mine = Proposal.objects.filter(consultation=consultation, author=actor).values_list(
        "title", flat=True
    )
    if any(_normalized(t) == title for t in mine):
        raise ValidationError(
            {"title": _("Ya enviaste una propuesta con ese título en esta consulta.")}
        )
    proposal = Proposal(consultation=consultation, author=actor)
    record_assign(proposal, fields)
    record_save(instance=proposal, actor=actor)
    Consultation.objects.filter(pk=consultation.pk).update(proposal_count=F("proposal_count") + 1)
    _search_refresh(proposal)
    return proposal


@transaction.atomic
def proposal_edit(*, actor: User, proposal: Proposal, **fields: Unpack[ProposalFields]) -> Proposal:
    consultation = proposal.consultation
    if proposal.author_id != actor.pk:
        raise ValidationError(_("Solo quien escribió la propuesta la edita."))
    deadline = proposal.created_at + dt.timedelta(minutes=consultation.edit_minutes)
    if timezone.now() > deadline:
        raise ValidationError(_("El plazo para editar esta propuesta terminó."))
    _open(consultation, _("editar propuestas"))
    record_assign(proposal, fields)
    record_save(instance=proposal, actor=actor, only=list(fields))
    _search_refresh(proposal)
    return proposal


def support_add(*, actor: User, proposal: Proposal) -> Support:
    """One support per person and proposal, within the consultation's limit, exact under load."""
    consultation = proposal.consultation
    _open(consultation, _("apoyar"))
    _may_take_part(consultation, actor)
    if proposal.is_hidden:
        raise ValidationError(_("Esta propuesta está oculta por moderación."))
    take = _support_take_in_one_statement if connection.vendor == "postgresql" else _support_take
    try:
        support = take(consultation=consultation, proposal=proposal, user=actor)
    except IntegrityError as duplicate:
        # The unique (proposal, person) constraint; the slot taken was rolled back with it.
        raise ValidationError(_("Ya apoyas esta propuesta.")) from duplicate
    if support is None:
        allowed = consultation.supports_per_participant
        raise ValidationError(
            ngettext(
                "Ya usaste tu apoyo en esta consulta. Retíralo para apoyar otra propuesta.",
                "Ya usaste tus %(n)s apoyos en esta consulta. Retira uno para apoyar otra propuesta.",
                allowed,
            )
            % {"n": allowed}
        )
    return support


# Takes a slot (the person's row is inserted, or updated only while under the limit: the upsert
# locks it, so simultaneous supports by one person queue and re-check), records the support and
# counts it on the proposal. A duplicate support raises and undoes the whole statement.
SUPPORT_TAKE_SQL = """
WITH slot AS (
    INSERT INTO participation_participant AS person (consultation_id, user_id, supports_used)
    SELECT %(consultation)s, %(user)s, 1 WHERE %(limit)s > 0
    ON CONFLICT (consultation_id, user_id)
    DO UPDATE SET supports_used = person.supports_used + 1
    WHERE person.supports_used < %(limit)s
    RETURNING person.id
), support AS (
    INSERT INTO participation_support (proposal_id, user_id, created_at)
    SELECT %(proposal)s, %(user)s, %(now)s FROM slot
    RETURNING id
), counted AS (
    UPDATE participation_proposal SET support_count = support_count + 1
    WHERE id = %(proposal)s AND EXISTS (SELECT 1 FROM support)
)
SELECT id FROM support
"""


def _support_take_in_one_statement(
    *, consultation: Consultation, proposal: Proposal, user: User
) -> Support | None:
    """PostgreSQL: one round trip and, alone, its own transaction (no BEGIN/COMMIT trips) —
    supports are the platform's busiest write. Inside a caller's transaction, a savepoint
    keeps a duplicate from aborting it."""
    now = timezone.now()
    params: dict[str, int | dt.datetime] = {
        "consultation": consultation.pk,
        "user": user.pk,
        "limit": consultation.supports_per_participant,
        "proposal": proposal.pk,
        "now": now,
    }
    guard = transaction.atomic() if connection.in_atomic_block else nullcontext()
    with guard, connection.cursor() as cursor:
        cursor.execute(SUPPORT_TAKE_SQL, params)
        row = cursor.fetchone()
    if row is None:
        return None
    return Support(pk=row[0], proposal=proposal, user=user, created_at=now)


@transaction.atomic
def _support_take(*, consultation: Consultation, proposal: Proposal, user: User) -> Support | None:
    """The same, portably: a conditional UPDATE locks the person's row until commit (SQLite
    serialises writers anyway)."""
    under_limit = Participant.objects.filter(
        consultation=consultation,
        user=user,
        supports_used__lt=consultation.supports_per_participant,
    )
    taken = under_limit.update(supports_used=F("supports_used") + 1)
    if not taken:  # no row yet (a first support) or the limit reached
        Participant.objects.bulk_create(
            [Participant(consultation=consultation, user=user)], ignore_conflicts=True
        )
        taken = under_limit.update(supports_used=F("supports_used") + 1)
    if not taken:
        return None
    support = Support.objects.create(proposal=proposal, user=user)
    Proposal.objects.filter(pk=proposal.pk).update(support_count=F("support_count") + 1)
    return support


@transaction.atomic
def support_withdraw(*, actor: User, proposal: Proposal) -> None:
    consultation = proposal.consultation
    _open(consultation, _("retirar apoyos"))
    participant = (
        Participant.objects.select_for_update()
        .filter(consultation=consultation, user=actor)
        .first()
    )
    deleted, _rows = Support.objects.filter(proposal=proposal, user=actor).delete()
    if not deleted or participant is None:
        raise ValidationError(_("No apoyas esta propuesta."))
    Participant.objects.filter(pk=participant.pk).update(supports_used=F("supports_used") - 1)
    Proposal.objects.filter(pk=proposal.pk).update(support_count=F("support_count") - 1)


@transaction.atomic
def proposal_flag(*, actor: User, proposal: Proposal, reason: str) -> ProposalFlag:
    flag: ProposalFlag = flag_add(
        proposal.flags,
        actor=actor,
        reason=reason,
        repeat=_("Ya habías reportado esta propuesta; la moderación la revisará."),
    )
    return flag


@transaction.atomic
def comment_flag(*, actor: User, comment: Comment, reason: str) -> CommentFlag:
    flag: CommentFlag = flag_add(
        comment.flags,
        actor=actor,
        reason=reason,
        repeat=_("Ya habías reportado este comentario; la moderación lo revisará."),
    )
    return flag


@transaction.atomic
def flags_dismiss(*, actor: User, record: Proposal | Comment) -> int:
    """Keeps the record visible and marks its pending reports as reviewed (who and when)."""
    return flags_review(record, actor=actor)


@transaction.atomic
def proposal_moderate(*, actor: User, proposal: Proposal, hide: bool, reason: str) -> Proposal:
    """Hides or restores a proposal; the reason stays in its public history."""
    return _moderate(proposal, actor=actor, hide=hide, reason=reason)


def _plans_of(commitment_ids: set[int]) -> QuerySet[ActionPlan]:
    """The plans of these commitments, whose pages (cached by version) show their proposals."""
    plan_ids = Commitment.objects.filter(pk__in=commitment_ids).values("plan_id")
    return ActionPlan.objects.filter(pk__in=plan_ids)


def _answer_check(
    proposal: Proposal,
    *,
    status: str,
    response: str,
    problem: Problem | None,
    commitment: Commitment | None,
    milestone: Milestone | None,
) -> None:
    """A reasoned answer says where the proposal went: a commitment (and the milestone that
    answers it, of that commitment), a problem of its consultation, or why not."""
    if status == ProposalStatus.NOT_TAKEN and not response.strip():
        raise ValidationError({"response": _("Explica por qué no se incorporó.")})
    if status == ProposalStatus.TAKEN and commitment is None:
        raise ValidationError({"commitment": _("Indica el compromiso al que se incorporó.")})
    if status == ProposalStatus.GROUPED and problem is None:
        raise ValidationError({"problem": _("Indica la problemática en la que se agrupó.")})
    if problem is not None and problem.consultation_id != proposal.consultation_id:
        raise ValidationError({"problem": _("Esa problemática no es de esta consulta.")})
    if milestone is not None and (status != ProposalStatus.TAKEN or commitment is None):
        raise ValidationError({"milestone": _("Un hito solo atiende propuestas incorporadas.")})
    if (
        milestone is not None
        and commitment is not None
        and milestone.commitment_id != commitment.pk
    ):
        raise ValidationError({"milestone": _("Ese hito no es del compromiso elegido.")})


@transaction.atomic
def proposal_respond(
    *,
    actor: User,
    proposal: Proposal,
    status: str,
    response: str,
    commitment: Commitment | None = None,
    problem: Problem | None = None,
    milestone: Milestone | None = None,
) -> Proposal:
    """The published, reasoned answer to a proposal; its author and supporters hear of it (in
    the queue, by whoever listens to `proposal_answered`), and the commitment pages it leaves
    or reaches are redrawn."""
    problem = problem if problem is not None else proposal.problem
    _answer_check(
        proposal,
        status=status,
        response=response,
        problem=problem,
        commitment=commitment,
        milestone=milestone,
    )
    if status != ProposalStatus.TAKEN:
        commitment = None
    before = (proposal.status, proposal.response, proposal.problem_id, proposal.commitment_id)
    plans = {pk for pk in (proposal.commitment_id, getattr(commitment, "pk", None)) if pk}
    proposal.status, proposal.response = status, response
    proposal.problem, proposal.commitment, proposal.milestone = problem, commitment, milestone
    changed = before != (status, response, proposal.problem_id, proposal.commitment_id)
    if changed:
        proposal.answered_at = timezone.now()
    fields = ["status", "response", "problem", "commitment", "milestone", "answered_at"]
    record_save(instance=proposal, actor=actor, only=fields)
    if plans:
        plans_touch(plans=_plans_of(plans))
    if changed and status != ProposalStatus.UNDER_REVIEW:
        proposal_answered(proposal=proposal, notices=answer_notices(proposal=proposal))
    return proposal


@transaction.atomic
def problem_save(
    *,
    actor: User | None,
    problem: Problem,
    title: str,
    description: str = "",
    axis: Axis | None = None,
    commitments: Sequence[Commitment] | None = None,
) -> Problem:
    record_assign(problem, {"title": title, "description": description, "axis": axis})
    record_save(instance=problem, actor=actor)
    if commitments is not None:
        before = set(problem.commitments.values_list("plan_id", flat=True))
        problem.commitments.set(commitments)
        after = set(problem.commitments.values_list("plan_id", flat=True))
        # The commitment pages show where they come from: redraw them.
        plans_touch(plans=ActionPlan.objects.filter(pk__in=before | after))
    return problem


@transaction.atomic
def proposals_group(*, actor: User | None, problem: Problem, proposal_ids: list[int]) -> int:
    """Groups proposals of the same consultation into `problem`; their answer says so."""
    proposals = Proposal.objects.filter(
        consultation_id=problem.consultation_id, pk__in=proposal_ids
    )
    found = list(proposals)
    missing = set(proposal_ids) - {p.pk for p in found}
    if missing:
        raise ValidationError(
            {"proposals": _("No son de esta consulta: %s.") % ", ".join(map(str, sorted(missing)))}
        )
    for proposal in found:
        proposal.problem = problem
        newly_grouped = proposal.status == ProposalStatus.UNDER_REVIEW
        if newly_grouped:
            proposal.status, proposal.answered_at = ProposalStatus.GROUPED, timezone.now()
        record_save(
            instance=proposal,
            actor=actor,
            reason=_("Sistematización"),
            only=["problem", "status", "answered_at"],
        )
        if newly_grouped:  # grouping is its answer: its author and supporters hear of it
            proposal_answered(proposal=proposal, notices=answer_notices(proposal=proposal))
    return len(found)


@transaction.atomic
def comment_add(
    *,
    actor: User,
    target: Proposal | Commitment,
    body: str,
    stance: str,
    parent: Comment | None = None,
) -> Comment:
    """A comment, or a reply up to three levels; on a proposal only while its consultation is open."""
    if isinstance(target, Proposal):
        _open(target.consultation, _("comentar"))
        _may_take_part(target.consultation, actor)
    elif not EmailAddress.objects.filter(user=actor, verified=True).exists():
        raise ValidationError(_("Para comentar necesitas una cuenta con el correo verificado."))
    if parent is not None and parent.depth >= MAX_DEPTH:
        raise ValidationError(
            _("Las conversaciones llegan hasta tres niveles: responde en el nivel anterior.")
        )
    comment = Comment(author=actor, body=body, stance=stance, parent=parent)
    if isinstance(target, Proposal):
        comment.proposal = target
    else:
        comment.commitment = target
    if parent is not None:
        if (parent.proposal_id, parent.commitment_id) != (
            comment.proposal_id,
            comment.commitment_id,
        ):
            raise ValidationError(_("La respuesta debe ir en la misma conversación."))
        comment.depth, comment.root_id = parent.depth + 1, parent.root_id or parent.pk
    record_save(instance=comment, actor=actor)
    return comment


@transaction.atomic
def comment_moderate(*, actor: User, comment: Comment, hide: bool, reason: str) -> Comment:
    return _moderate(comment, actor=actor, hide=hide, reason=reason)


Moderated = TypeVar("Moderated", Proposal, Comment)


def _moderate(record: Moderated, *, actor: User, hide: bool, reason: str) -> Moderated:
    """Hides or restores a record; a moderation always says why, in the public history."""
    if not reason.strip():
        raise ValidationError({"reason": _("La moderación siempre lleva un motivo.")})
    record.is_hidden, record.hidden_reason = hide, reason if hide else ""
    record_save(instance=record, actor=actor, reason=reason, only=["is_hidden", "hidden_reason"])
    if isinstance(record, Proposal) and record.commitment_id:  # its commitment lists it
        plans_touch(plans=_plans_of({record.commitment_id}))
    if hide:  # hiding answers its reports: it leaves the moderation queue
        flags_review(record, actor=actor)
    return record


@transaction.atomic
def problem_from_group(
    *, actor: User, consultation: Consultation, title: str, proposal_ids: list[int]
) -> Problem:
    """Confirms a suggested group, as the person changed it: a problem with those proposals."""
    if not title.strip():
        raise ValidationError({"title": _("Da un nombre a la problemática.")})
    if not proposal_ids:
        raise ValidationError({"proposals": _("Elige al menos una propuesta.")})
    problem = problem_save(
        actor=actor, problem=Problem(consultation=consultation), title=title[:300]
    )
    proposals_group(actor=actor, problem=problem, proposal_ids=proposal_ids)
    return problem


def _locked_axes(consultation_id: int) -> QuerySet[Axis]:
    """The consultation's axes, once its row is locked: two editors of its list take turns."""
    Consultation.objects.select_for_update().filter(pk=consultation_id).first()
    return Axis.objects.filter(consultation_id=consultation_id)


@transaction.atomic
def axis_create(*, actor: User | None, consultation: Consultation, name: str) -> Axis:
    """A new axis at the end of the consultation's list."""
    axis = Axis(consultation=consultation)
    ordering.add(actor=actor, record=axis, siblings=_locked_axes(consultation.pk), name=name)
    return axis


@transaction.atomic
def axis_rename(*, actor: User | None, axis: Axis, name: str) -> Axis:
    siblings = _locked_axes(axis.consultation_id)
    ordering.rename(actor=actor, record=axis, siblings=siblings, name=name)
    return axis


@transaction.atomic
def axis_move(*, actor: User | None, axis: Axis, position: int) -> Axis:
    """Puts the axis at `position` (from 1) in its list."""
    siblings = _locked_axes(axis.consultation_id)
    ordering.move(actor=actor, record=axis, siblings=siblings, position=position)
    return axis


@transaction.atomic
def axis_retire(*, actor: User | None, axis: Axis, retired: bool = True) -> Axis:
    """Retires the axis (no longer offered to new entries) or restores it; what has it keeps it."""
    ordering.retire(actor=actor, record=axis, retired=retired)
    return axis
