"""Reads of consultations and proposals. Lists declare their queries; counts are stored."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from allauth.account.models import EmailAddress
from django.contrib.postgres.search import SearchQuery
from django.core.paginator import Page
from django.db import connection
from django.db.models import Count, F, Prefetch, Q, QuerySet, Sum, Window
from django.db.models.functions import RowNumber, Substr
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from cocrea.core.pagination import paginate
from cocrea.core.queries import related_count
from cocrea.core.selectors import Flagged as QueueItem
from cocrea.core.selectors import Queued, moderation_page
from cocrea.participation.models import (
    Axis,
    Comment,
    CommentFlag,
    Consultation,
    Problem,
    Proposal,
    ProposalFlag,
    ProposalStatus,
    Support,
    TableAttendance,
    WorkingTable,
)
from cocrea.plans.models import Commitment

ORDERS = {"apoyos": ("-support_count", "-id"), "recientes": ("-id",)}
SUMMARY_CHARS = 180  # a card's summary; one more is read, so that the page knows to cut it


def with_visible_total() -> QuerySet[Consultation]:
    """Consultations, each with `visible_total`: its proposals the public sees (the stored count
    less the few hidden ones, counted from their partial index)."""
    hidden = related_count(Proposal, "consultation", is_hidden=True)
    return Consultation.objects.annotate(visible_total=F("proposal_count") - hidden)


def consultation_list(*, exercise: Any) -> QuerySet[Consultation]:
    return with_visible_total().filter(exercise=exercise).order_by("-opens_at")


def consultation_get(*, exercise: Any, slug: str) -> Consultation:
    return get_object_or_404(
        Consultation.objects.select_related("exercise", "territory"), exercise=exercise, slug=slug
    )


def axis_list(*, consultation: Consultation) -> QuerySet[Axis]:
    """Every axis of the consultation, retired ones too, in their order."""
    return Axis.objects.filter(consultation=consultation).order_by("order", "pk")


def offered_axes(*, consultation: Consultation, keep: Any = None) -> QuerySet[Axis]:
    """The axes offered to new proposals and in the filter: those not retired (and `keep`, the
    one a record being edited already has)."""
    offered = Q(is_retired=False)
    if keep:
        offered |= Q(pk=keep)
    return axis_list(consultation=consultation).filter(offered)


def axis_get(*, consultation: Consultation, axis_id: int) -> Axis:
    return get_object_or_404(Axis, consultation=consultation, pk=axis_id)


def proposal_list(
    *,
    consultation: Consultation,
    order: str = "apoyos",
    axis: int | None = None,
    q: str = "",
    include_hidden: bool = False,
) -> QuerySet[Proposal]:
    qs = (
        Proposal.objects.filter(consultation=consultation)
        .select_related("axis")
        .only(
            "id",
            "consultation_id",
            "title",
            "place",
            "support_count",
            "status",
            "created_at",
            "is_hidden",
            "is_example",
            "axis__name",
        )
        # The start of the text, for a card: the database cuts it, not the page.
        .annotate(summary=Substr("body", 1, SUMMARY_CHARS + 1))
    )
    if not include_hidden:
        qs = qs.filter(is_hidden=False)
    if axis:
        qs = qs.filter(axis_id=axis)
    if q.strip():
        return _search(qs, q.strip()[:200])
    return qs.order_by(*ORDERS.get(order, ORDERS["apoyos"]))


def visible_proposal_count(*, consultation: Consultation) -> int:
    """The stored count less the hidden proposals (a small partial index), so that pages
    counted from the end land on the right rows."""
    hidden = Proposal.objects.filter(consultation=consultation, is_hidden=True).count()
    return consultation.proposal_count - hidden


def _search(qs: QuerySet[Proposal], q: str) -> QuerySet[Proposal]:
    """Spanish full-text search on PostgreSQL (stored vector, GIN index); plain text on SQLite."""
    if connection.vendor == "postgresql":
        # Matches come most supported first: the (consultation, supports) index then serves the
        # page without ranking every match, which a common word makes thousands of.
        query = SearchQuery(q, config="spanish", search_type="websearch")
        return qs.filter(search_vector=query).order_by("-support_count", "-id")
    words = [w for w in q.split() if w][:8]
    condition = Q()
    for word in words:
        condition &= Q(title__icontains=word) | Q(body__icontains=word)
    return qs.filter(condition).order_by("-support_count", "-id")


def proposal_by_address(
    *, exercise_slug: str, consultation_slug: str, proposal_id: int
) -> Proposal:
    """A proposal to support, found from its address in one query, with only what supporting
    reads (its consultation's dates and rules): the busiest write should not parse text and
    search vectors it never shows."""
    return get_object_or_404(
        Proposal.objects.select_related("consultation__exercise").only(
            "is_hidden",
            "consultation__slug",
            "consultation__opens_at",
            "consultation__closes_at",
            "consultation__supports_per_participant",
            "consultation__requires_verified",
            "consultation__exercise__slug",
        ),
        pk=proposal_id,
        consultation__slug=consultation_slug,
        consultation__exercise__slug=exercise_slug,
    )


def proposal_get(*, consultation: Consultation, proposal_id: int) -> Proposal:
    return get_object_or_404(
        Proposal.objects.select_related(
            "axis", "consultation__exercise", "commitment__plan__exercise", "milestone", "problem"
        ),
        consultation=consultation,
        pk=proposal_id,
    )


def meets_verification(*, user: Any, consultation: Consultation) -> bool:
    """Whether the account may take part in the consultation: one with its e-mail verified when
    the consultation asks for it (supports, proposals and comments all follow this)."""
    if not consultation.requires_verified:
        return True
    return bool(EmailAddress.objects.filter(user=user, verified=True).exists())


def supported_ids(*, user: Any, proposals: list[Proposal]) -> set[int]:
    if not getattr(user, "is_authenticated", False) or not proposals:
        return set()
    return set(
        Support.objects.filter(user=user, proposal__in=proposals).values_list(
            "proposal_id", flat=True
        )
    )


def ranking(
    *, consultation: Consultation, per_axis: int = 5, by: str = "axis_id"
) -> list[Proposal]:
    """The most supported visible proposals of each axis (or place), in one query (a window)."""
    ranked = (
        Proposal.objects.filter(consultation=consultation, is_hidden=False)
        .select_related("axis")
        .only(
            "id",
            "title",
            "place",
            "support_count",
            "axis__name",
            "axis__order",
            "axis__is_retired",
            "status",
        )
        .annotate(
            position=Window(
                RowNumber(),
                partition_by=[F(by)],
                order_by=[F("support_count").desc(), F("id").desc()],
            )
        )
        .filter(position__lte=per_axis)
        .order_by("axis__order" if by == "axis_id" else by, "position")
    )
    return list(ranked[:300])


@dataclass(frozen=True)
class ParticipationFigures:
    participants: int
    proposals: int
    supports: int
    answered: int


def public_proposals() -> QuerySet[Proposal]:
    """The proposals the public sees, in every consultation: moderation hides, nothing else."""
    return Proposal.objects.filter(is_hidden=False)


def _visible(consultation: Consultation) -> QuerySet[Proposal]:
    """The consultation's proposals the public sees: every figure counts these only."""
    return public_proposals().filter(consultation=consultation)


def participation_figures(*, consultation: Consultation) -> ParticipationFigures:
    """Durango's figures: people taking part, proposals, supports, and how many got an answer;
    of what the public sees (a hidden proposal, its author and its supports are out)."""
    authors = _visible(consultation).order_by().values("author_id")
    supporters = (
        Support.objects.filter(proposal__consultation=consultation, proposal__is_hidden=False)
        .order_by()
        .values("user_id")
    )
    figures = _visible(consultation).aggregate(
        proposals=Count("id"),
        supports=Sum("support_count"),
        answered=Count("id", filter=~Q(status=ProposalStatus.UNDER_REVIEW)),
    )
    return ParticipationFigures(
        participants=authors.union(supporters).count(),
        proposals=figures["proposals"],
        supports=figures["supports"] or 0,
        answered=figures["answered"],
    )


def by_axis(*, consultation: Consultation) -> QuerySet[Any]:
    """Visible proposals and supports per axis, most first; a retired axis still counts, marked."""
    rows: QuerySet[Any] = (
        _visible(consultation)
        .values("axis__name", "axis__is_retired")
        .annotate(proposals=Count("id"), support_total=Sum("support_count"))
        .order_by("-proposals", "axis__name")
    )
    return rows


def has_places(*, consultation: Consultation) -> bool:
    """Whether a visible proposal names a place. When none does, the figures by place are left
    out, and with them a "Sin lugar" row that would count every proposal."""
    return _visible(consultation).exclude(place="").exists()


def by_place(*, consultation: Consultation) -> QuerySet[Any]:
    """Visible proposals and supports per place, most first ("" for those without one)."""
    return _tally(consultation, "place")


def _tally(consultation: Consultation, field: str) -> QuerySet[Any]:
    """The consultation's visible proposals and their supports per value of `field`."""
    rows: QuerySet[Any] = (
        _visible(consultation)
        .values(field)
        .annotate(proposals=Count("id"), support_total=Sum("support_count"))
        .order_by("-proposals", field)
    )
    return rows


VISIBLE_PROPOSALS = Count("proposals", filter=Q(proposals__is_hidden=False), distinct=True)


def _counted(problems: QuerySet[Problem]) -> QuerySet[Problem]:
    """The problems, oldest first, with how many visible proposals each groups."""
    return problems.annotate(proposal_total=VISIBLE_PROPOSALS).order_by("id")


def problem_list(*, consultation: Consultation) -> QuerySet[Problem]:
    """The consultation's problems with how many visible proposals each groups."""
    return _counted(Problem.objects.filter(consultation=consultation).select_related("axis"))


def problem_get(*, consultation: Consultation, problem_id: int) -> Problem:
    return get_object_or_404(
        Problem.objects.select_related("axis").prefetch_related(
            Prefetch("tables", queryset=WorkingTable.objects.order_by("held_on", "id")),
            "commitments__plan__exercise",
        ),
        consultation=consultation,
        pk=problem_id,
    )


def openable_commitments(*, user: Any, commitments: Iterable[Commitment]) -> list[Commitment]:
    """The commitments whose pages the reader may open, by the plan and commitment pages' own
    rules: a draft plan's or an unpublished commitment's title is not named to whoever would get
    a 404 there. Each needs its `plan__exercise` loaded; the rules memoise the reader's roles,
    so this adds no query per commitment."""
    return [
        commitment
        for commitment in commitments
        if user.has_perm("plans.view_plan", commitment.plan)
        and user.has_perm("plans.view_commitment", commitment)
    ]


def openable_commitment(*, user: Any, commitment: Commitment | None) -> Commitment | None:
    """The commitment (a proposal's), or None for a reader who may not open its page."""
    if commitment is None:
        return None
    return next(iter(openable_commitments(user=user, commitments=[commitment])), None)


def origins_of(*, commitment: Any) -> QuerySet[Problem]:
    """The identified problems a commitment answers, with their consultation: its origin."""
    return _counted(
        Problem.objects.filter(commitments=commitment).select_related("consultation__exercise")
    )


ANSWERED_SHOWN = 50


def answered_proposals(*, commitment: Any) -> list[Proposal]:
    """The visible proposals incorporated into the commitment (most supported first, up to
    fifty), each with the milestone that answers it and its consultation's address."""
    return list(
        Proposal.objects.filter(commitment=commitment, is_hidden=False)
        .select_related("milestone", "consultation__exercise")
        .only(
            "id",
            "title",
            "support_count",
            "is_example",
            "milestone__number",
            "milestone__deliverable",
            "consultation__slug",
            "consultation__exercise__slug",
        )
        .order_by("-support_count", "id")[:ANSWERED_SHOWN]
    )


def tables_of(*, commitment: Any) -> QuerySet[WorkingTable]:
    """The working tables that produced the commitment, oldest first, with their consultation."""
    return (
        WorkingTable.objects.filter(commitments=commitment)
        .select_related("consultation__exercise")
        .order_by("held_on", "id")
    )


def table_list(*, consultation: Consultation) -> QuerySet[WorkingTable]:
    """The consultation's working tables, oldest first, with their problems (one more query)."""
    return (
        WorkingTable.objects.filter(consultation=consultation)
        .prefetch_related(Prefetch("problems", queryset=Problem.objects.only("id", "title")))
        .order_by("held_on", "id")
    )


def table_get(*, consultation: Consultation, table_id: int) -> WorkingTable:
    """A table of the consultation with its problems, commitments and attendance (404 if not)."""
    return get_object_or_404(
        WorkingTable.objects.select_related("consultation__exercise").prefetch_related(
            Prefetch("problems", queryset=Problem.objects.order_by("id")),
            Prefetch(
                "commitments",
                queryset=Commitment.objects.select_related("plan__exercise").order_by(
                    "plan__number", "number"
                ),
            ),
            Prefetch(
                "attendance",
                queryset=TableAttendance.objects.select_related("organization").order_by(
                    "organization__name"
                ),
            ),
        ),
        consultation=consultation,
        pk=table_id,
    )


@dataclass
class Thread:
    comment: Comment
    replies: list["Thread"]


def comment_threads(*, request: Any, target: Proposal | Commitment) -> tuple[Any, list[Thread]]:
    """A page of top-level comments with all their replies: two queries and the count."""
    field = "proposal" if isinstance(target, Proposal) else "commitment"
    roots = Comment.objects.filter(**{field: target}, depth=0).order_by("created_at", "id")
    page = paginate(request, roots, param="comentarios")  # apart from the page's own `pagina`
    root_ids = [c.pk for c in page.object_list]
    replies = (
        Comment.objects.filter(root_id__in=root_ids).order_by("created_at", "id")
        if root_ids
        else []
    )
    children: dict[int, list[Comment]] = {}
    for reply in replies:
        children.setdefault(reply.parent_id or 0, []).append(reply)

    def grow(comment: Comment) -> Thread:
        return Thread(comment, [grow(child) for child in children.get(comment.pk, [])])

    return page, [grow(root) for root in page.object_list]


def comment_get(*, target: Proposal | Commitment, comment_id: int) -> Comment:
    field = "proposal" if isinstance(target, Proposal) else "commitment"
    return get_object_or_404(Comment, **{field: target}, pk=comment_id)


SEARCH_COUNT_CAP = 1000


def capped_count(qs: QuerySet[Any]) -> tuple[int, bool]:
    """How many results, counting no further than the cap: (count, whether there are more)."""
    found = qs[: SEARCH_COUNT_CAP + 1].count()
    return min(found, SEARCH_COUNT_CAP), found > SEARCH_COUNT_CAP


def author_may_edit(*, user: Any, proposal: Proposal) -> bool:
    """The author, while the edit window and the consultation are open."""
    if not getattr(user, "is_authenticated", False) or proposal.author_id != user.pk:
        return False
    window = proposal.created_at + dt.timedelta(minutes=proposal.consultation.edit_minutes)
    return timezone.now() <= window and proposal.consultation.is_open()


@dataclass
class Flagged(QueueItem):
    """A reported proposal or comment in the moderation queue."""

    @property
    def url(self) -> str:
        if self.kind == "propuesta":
            return str(self.record.get_absolute_url())
        target = self.record.proposal or self.record.commitment
        return f"{target.get_absolute_url()}#comentarios"


def moderation_queue(*, request: Any, exercise: Any) -> "Page[Flagged]":
    """The exercise's visible proposals and comments with pending reports, oldest report first,
    paginated: six queries whatever the page (the keys, then the page's records and reasons)."""
    in_exercise = Q(proposal__consultation__exercise=exercise) | Q(
        commitment__plan__exercise=exercise
    )
    queued = [
        Queued(
            "propuesta",
            Proposal.objects.filter(consultation__exercise=exercise),
            Proposal.objects.select_related("consultation__exercise"),
            ProposalFlag,
            "proposal_id",
        ),
        Queued(
            "comentario",
            Comment.objects.filter(in_exercise),
            Comment.objects.select_related(
                "proposal__consultation__exercise", "commitment__plan__exercise"
            ),
            CommentFlag,
            "comment_id",
        ),
    ]
    return moderation_page(request=request, queued=queued, item=Flagged)


def flagged_get(*, exercise: Any, kind: str, pk: int) -> Proposal | Comment:
    """A proposal or comment of the exercise, for its moderation (404 outside it)."""
    if kind == "propuesta":
        return get_object_or_404(Proposal, consultation__exercise=exercise, pk=pk)
    if kind == "comentario":
        return get_object_or_404(
            Comment,
            Q(proposal__consultation__exercise=exercise) | Q(commitment__plan__exercise=exercise),
            pk=pk,
        )
    raise Http404
