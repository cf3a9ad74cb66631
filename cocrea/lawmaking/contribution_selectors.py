"""Reads of contributions: an article's, the process's (filtered), one with its comments, and
the moderation queue. Each list reads only the columns its card shows, authors included (their
public name, in the same query), so a page costs the same few queries however many there are.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.paginator import Page
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cocrea.core.history import actor_label
from cocrea.core.pagination import paginate
from cocrea.core.selectors import Flagged, Queued, moderation_page
from cocrea.lawmaking.models import (
    AnswerStatus,
    Contribution,
    ContributionComment,
    ContributionCommentFlag,
    ContributionFlag,
    ContributionKind,
    ContributionSupport,
    LegislativeProcess,
    TextUnit,
    TextVersion,
)

# What a contribution says and where in the text: its card and the end-of-process summary
# both read these.
STATEMENT = (
    "unit_key",
    "paragraph",
    "kind",
    "quote",
    "proposed_text",
    "body",
)
# What a contribution's card shows (the unit page, the process's list).
CARD = (
    "process_id",
    *STATEMENT,
    "created_at",
    "support_count",
    "status",
    "answer",
    "answered_at",
    "is_example",
    "author__public_name",
    "incorporated_in__number",
    "incorporated_in__label",
)
STATUS_FILTERS = {status.value for status in AnswerStatus}


def scope(process: LegislativeProcess) -> str:
    """The scope of authors' pseudonyms: one process (nothing links a person across two)."""
    return f"lawmaking:{process.pk}"


def labelled(records: Iterable[Any], process: LegislativeProcess) -> None:
    """Sets `author_label` on each record: its author's public name or pseudonym."""
    for record in records:
        record.author_label = actor_label(record.author, scope=scope(process))


def _clip(text: str, limit: int) -> str:
    """A card's excerpt: a plain cut (Truncator weighs every character, too slow for a page of
    cards)."""
    return text if len(text) <= limit else text[:limit].rstrip() + "…"


def as_cards(records: Iterable[Contribution], process: LegislativeProcess) -> None:
    """What a contribution's card shows, worked out once per page rather than by template tags
    per card: labels, excerpts, its supports in words and whether it is «destacada» (the
    process's number of supports reached)."""
    kinds, statuses = dict(ContributionKind.choices), dict(AnswerStatus.choices)
    records = list(records)
    labelled(records, process)
    for c in records:
        card: Any = c
        card.kind_label, card.status_label = kinds[c.kind], statuses[c.status]
        card.is_highlighted = c.support_count >= process.highlight_supports
        shown = intcomma(c.support_count) if c.support_count >= 1000 else str(c.support_count)
        card.supports_label = ngettext("%(n)s apoyo", "%(n)s apoyos", c.support_count) % {
            "n": shown
        }
        card.quote_short, card.proposed_short = _clip(c.quote, 400), _clip(c.proposed_text, 600)
        card.body_short, card.answer_short = _clip(c.body, 600), _clip(c.answer, 600)


def _cards(process: LegislativeProcess) -> QuerySet[Contribution]:
    return (
        Contribution.objects.filter(process=process, is_hidden=False)
        .select_related("author", "incorporated_in")
        .only(*CARD)
        .order_by("-support_count", "-id")
    )


def unit_contributions(
    *, request: HttpRequest, process: LegislativeProcess, unit_key: str
) -> Page[Contribution]:
    """An article's visible contributions, most supported first (index
    contribution_visible_by_unit serves both the count and the page)."""
    page = paginate(request, _cards(process).filter(unit_key=unit_key), deferred=True, exact=True)
    as_cards(page.object_list, process)
    return page


@dataclass
class ListFilters:
    status: str = ""
    unit_key: str = ""
    highlighted: bool = False

    @classmethod
    def of(cls, query: Any) -> "ListFilters":
        status = query.get("respuesta", "")
        return cls(
            status=status if status in STATUS_FILTERS else "",
            unit_key=query.get("articulo", "")[:60],
            highlighted=query.get("destacadas") == "1",
        )


def contribution_list(
    *,
    request: HttpRequest,
    process: LegislativeProcess,
    filters: ListFilters,
    total: int | None = None,
) -> Page[Contribution]:
    """The process's visible contributions, most supported first; `total` (the visible count,
    from answer_figures) spares the count when nothing is filtered."""
    rows = _cards(process)
    unfiltered = not (filters.status or filters.unit_key or filters.highlighted)
    if filters.status:
        rows = rows.filter(status=filters.status)
    if filters.unit_key:
        rows = rows.filter(unit_key=filters.unit_key)
    if filters.highlighted:
        rows = rows.filter(support_count__gte=process.highlight_supports)
    count = total if unfiltered else None
    page = paginate(request, rows, count=count, deferred=True, exact=True)
    as_cards(page.object_list, process)
    return page


def contributable_units(*, version: TextVersion) -> list[tuple[str, str]]:
    """(key, heading) of the parts of a version that take contributions (for the filter)."""
    rows = TextUnit.objects.filter(
        version=version, kind__in=("exposicion", "articulo", "transitorio")
    )
    return list(rows.order_by("position").values_list("key", "heading"))


def contribution_get(*, process: LegislativeProcess, contribution_id: int) -> Contribution:
    """A contribution of the process, hidden or not (its page says why it is hidden)."""
    found = (
        Contribution.objects.filter(process=process, pk=contribution_id)
        .select_related("author", "incorporated_in", "unit__version")
        .defer("unit__body", "author__password", "author__email")
        .first()
    )
    if found is None:
        raise Http404(_("Esa aportación no existe en este proceso."))
    found.process = process  # already read: its notices and checks need no second query
    as_cards([found], process)
    return found


def comment_get(*, process: LegislativeProcess, comment_id: int) -> ContributionComment:
    found = (
        ContributionComment.objects.filter(contribution__process=process, pk=comment_id)
        .select_related("contribution")
        .first()
    )
    if found is None:
        raise Http404(_("Ese comentario no existe en este proceso."))
    found.contribution.process = process
    return found


def comments_of(
    *, request: HttpRequest, contribution: Contribution, with_hidden: bool = False
) -> Page[ContributionComment]:
    """Its comments, oldest first; hidden ones only for the moderators (to restore them)."""
    rows = (
        ContributionComment.objects.filter(contribution=contribution)
        .select_related("author")
        .only(
            "contribution_id",
            "body",
            "created_at",
            "is_hidden",
            "hidden_reason",
            "author__public_name",
        )
        .order_by("created_at", "id")
    )
    if not with_hidden:
        rows = rows.filter(is_hidden=False)
    page = paginate(request, rows, param="comentarios")
    labelled(page.object_list, contribution.process)
    return page


def supports(*, user: Any, contribution: Contribution) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return ContributionSupport.objects.filter(contribution=contribution, user=user).exists()


def pending_flags(*, contribution: Contribution) -> int:
    return ContributionFlag.objects.filter(contribution=contribution, reviewed_at=None).count()


def moderation_queue(*, request: HttpRequest, process: LegislativeProcess) -> Page[Flagged]:
    """The process's visible contributions and comments with pending reports, oldest report
    first, paginated: six queries whatever the page (keys, then the page's records and
    reasons)."""
    queued = [
        Queued(
            "aportacion",
            Contribution.objects.filter(process=process),
            Contribution.objects.only("unit_key", "quote", "body"),
            ContributionFlag,
            "contribution_id",
        ),
        Queued(
            "comentario",
            ContributionComment.objects.filter(contribution__process=process),
            ContributionComment.objects.only("contribution_id", "body"),
            ContributionCommentFlag,
            "comment_id",
        ),
    ]
    return moderation_page(request=request, queued=queued, item=Flagged)


def unit_versions(*, process: LegislativeProcess, key: str) -> list[tuple[int, str]]:
    """(number, label) of the published versions that have the unit `key`, in order."""
    rows = TextUnit.objects.filter(
        version__process=process, version__published_at__isnull=False, key=key
    )
    return list(rows.order_by("version__number").values_list("version__number", "version__label"))
