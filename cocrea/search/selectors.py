"""Reads of the site-wide search: the matches of each kind, ranked, with their counts.

PostgreSQL matches `websearch_to_tsquery('spanish', q)` against each table's stored
`search_vector` (GIN index) and ranks by `ts_rank`; SQLite looks for every word in the kind's
text fields. The records searched are each app's public ones (kinds.py).
"""

from dataclasses import dataclass
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Count, Model, Q, QuerySet, Window
from django.db.models.expressions import Col
from django.utils.translation import gettext

from cocrea.search.kinds import KINDS, Hit, Kind, kind_url
from cocrea.search.text import excerpt, words_of

PER_KIND = 5  # hits of each kind on the first page of results
PER_PAGE = 20  # hits on each page of one kind
CAP = 1000  # matches of one kind ranked and counted (see `matching`)


def stored_vector(model: type[Model]) -> Col:
    """The model table's `search_vector` column, which the search's migration adds on PostgreSQL
    and the model does not declare: a column like any other to the ORM, so it follows the table's
    alias when the query becomes a subquery."""
    field = SearchVectorField()
    field.set_attributes_from_name("search_vector")
    field.model = model
    return Col(model._meta.db_table, field)


def _query(q: str) -> SearchQuery:
    return SearchQuery(q, config="spanish", search_type="websearch")


def _matches(qs: QuerySet[Any], kind: Kind, q: str) -> QuerySet[Any]:
    if connection.vendor == "postgresql":
        found: QuerySet[Any] = qs.alias(vector=stored_vector(qs.model))
        return found.filter(vector=_query(q))
    words = words_of(q)
    if not words:
        return qs.none()
    condition = Q()
    for word in words:
        anywhere = Q()
        for field in kind.fields:
            anywhere |= Q(**{f"{field}__icontains": word})
        condition &= anywhere
    return qs.filter(condition)


def matching(*, kind: Kind, q: str) -> QuerySet[Any]:
    """The public records of `kind` that match `q`, best first, with what a hit reads.

    At most CAP + 1 of them, ranked among themselves: a word in nearly every record (hundreds of
    thousands of reports) must not make each search rank and count them all. Below the cap the
    ranking is exact; past it the page says "more than CAP" and asks for more words.
    """
    candidates = _matches(kind.public(), kind, q).order_by().values("pk")[: CAP + 1]
    qs = kind.public().filter(pk__in=candidates).select_related(*kind.related).only(*kind.load)
    if connection.vendor != "postgresql":
        return qs.order_by("-pk")
    ranked: QuerySet[Any] = qs.annotate(rank=SearchRank(stored_vector(qs.model), _query(q)))
    return ranked.order_by("-rank", "-pk")


def counted(kind: Kind, count: int) -> str:
    """ "3 compromisos", or "más de 1,000 compromisos" past the cap."""
    if count > CAP:
        return gettext("más de %(count)s") % {"count": kind.counted(CAP)}
    return kind.counted(count)


def _hit(kind: Kind, record: Any, words: list[str]) -> Hit:
    hit = kind.describe(record)
    text = next((getattr(record, f) for f in kind.excerpt if getattr(record, f)), "")
    return Hit(hit.title, hit.url, hit.meta, excerpt(text, words))


@dataclass(frozen=True)
class Group:
    kind: Kind
    count: int  # CAP + 1 means "more than CAP"
    hits: list[Hit]
    q: str

    @property
    def counted(self) -> str:
        return counted(self.kind, self.count)

    @property
    def more_url(self) -> str:
        return kind_url(self.kind, self.q)


def search_overview(*, q: str) -> list[Group]:
    """The first hits of every kind that has any, and how many: one query per kind (the count
    is a window over the same matches, so it costs no query of its own)."""
    words = words_of(q)
    groups = []
    for kind in KINDS:
        rows = list(matching(kind=kind, q=q).annotate(total=Window(Count("pk")))[:PER_KIND])
        if rows:
            hits = [_hit(kind, row, words) for row in rows]
            groups.append(Group(kind, rows[0].total, hits, q))
    return groups


def search_page(*, q: str, kind: Kind, number: str | None) -> Page[Hit]:
    """One page of every match of one kind (a malformed or out-of-range number gives the
    nearest page): a count and the page's rows."""
    paginator = Paginator(matching(kind=kind, q=q), PER_PAGE)
    page = paginator.get_page(number)
    words = words_of(q)
    page.object_list = [_hit(kind, row, words) for row in page.object_list]
    return page
