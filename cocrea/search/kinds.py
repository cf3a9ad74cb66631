"""The kinds of record the search finds, each read through its own app's public selector.

A kind says which records the public may see (by calling the selector of the app that owns
them, so the search never decides visibility on its own), which text it searches where there is
no full-text index, what a hit reads, and how one is shown: its title, link and a short line.
On PostgreSQL every kind's table has a stored Spanish `search_vector` (migrations/0001).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.http import urlencode
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from cocrea.comptrollership import selectors as comptrollership
from cocrea.core import selectors as core
from cocrea.opendata.selectors import Search, dataset_search
from cocrea.participation import selectors as participation
from cocrea.participation.models import Problem
from cocrea.plans import selectors as plans
from cocrea.reports.models import Report
from cocrea.reports.selectors import PUBLIC_FIELDS


@dataclass(frozen=True)
class Hit:
    title: str
    url: str
    meta: str  # where it belongs: the exercise, consultation, municipality…
    excerpt: str = ""


@dataclass(frozen=True)
class Kind:
    slug: str  # its `tipo` in the address
    heading: Any  # the group's heading
    more: Any  # the link to every match of the kind
    counted: Callable[[int], str]  # "1 compromiso", "3 compromisos"
    public: Callable[[], QuerySet[Any]]  # what the public sees: the owning app's selector
    fields: tuple[str, ...]  # the text the plain search (SQLite) looks in
    load: tuple[str, ...]  # what a hit reads (`only`)
    related: tuple[str, ...]  # and its joins
    excerpt: tuple[str, ...]  # the excerpt comes from the first of these that has text
    describe: Callable[[Any], Hit]  # title, link and short line


def _n(n: int) -> str:
    return number_format(n, force_grouping=True)


def _line(*parts: object) -> str:
    return " · ".join(str(part) for part in parts if part)


def _commitment(c: Any) -> Hit:
    plan = c.plan
    return Hit(c.title, c.get_absolute_url(), _line(plan.exercise.name, plan.name))


def _plan(p: Any) -> Hit:
    counted = ngettext("%(n)s compromiso", "%(n)s compromisos", p.commitment_count)
    meta = _line(p.exercise.name, p.period_label, counted % {"n": _n(p.commitment_count)})
    return Hit(p.name, p.get_absolute_url(), meta)


def _proposal(p: Any) -> Hit:
    return Hit(p.title, p.get_absolute_url(), _line(p.consultation.title, p.place))


def _problem(p: Any) -> Hit:
    return Hit(p.title, p.get_absolute_url(), p.consultation.title)


def _report(r: Any) -> Hit:
    title = gettext("Reporte %(n)s: %(category)s") % {"n": r.pk, "category": r.category.name}
    place = r.municipality.name if r.municipality_id else ""
    return Hit(title, r.get_absolute_url(), _line(place, r.get_status_display()))


def _work(w: Any) -> Hit:
    place = w.municipality.name if w.municipality_id else ""
    return Hit(w.name, w.get_absolute_url(), _line(w.institution.name, place))


def _dataset(d: Any) -> Hit:
    publisher = d.organization.name if d.organization_id else ""
    return Hit(d.title, d.get_absolute_url(), publisher)


def _organization(o: Any) -> Hit:
    title = f"{o.name} ({o.acronym})" if o.acronym else o.name
    return Hit(title, o.get_absolute_url(), _line(o.get_sector_display(), o.territory.name))


def _reports() -> QuerySet[Report]:
    # Reports' own list of public fields bounds what a hit may read (see REPORT_LOAD).
    return Report.objects.all()


# Fields of reports' own public list (PUBLIC_FIELDS), and the municipality's name.
REPORT_LOAD = tuple(
    f
    for f in PUBLIC_FIELDS
    if f in {"id", "status", "status_notes", "description", "category__name"}
)

EXERCISE = ("plan__exercise__slug", "plan__exercise__name")
CONSULTATION = ("consultation__slug", "consultation__title", "consultation__exercise__slug")
# fmt: off
KINDS: tuple[Kind, ...] = (
    Kind(
        "compromisos", _("Compromisos"), _("Ver todos los compromisos"),
        lambda n: ngettext("%(n)s compromiso", "%(n)s compromisos", n) % {"n": _n(n)},
        plans.public_commitments,
        ("title", "objective", "problem", "status_quo", "how_it_solves", "ambition"),
        ("title", "number", "objective", "problem", "plan__number", "plan__name", *EXERCISE),
        ("plan__exercise",), ("objective", "problem"), _commitment,
    ),
    Kind(
        "propuestas", _("Propuestas"), _("Ver todas las propuestas"),
        lambda n: ngettext("%(n)s propuesta", "%(n)s propuestas", n) % {"n": _n(n)},
        participation.public_proposals, ("title", "body"),
        ("title", "body", "place", *CONSULTATION), ("consultation__exercise",), ("body",),
        _proposal,
    ),
    Kind(
        "problematicas", _("Problemáticas"), _("Ver todas las problemáticas"),
        lambda n: ngettext("%(n)s problemática", "%(n)s problemáticas", n) % {"n": _n(n)},
        Problem.objects.all, ("title", "description"),
        ("title", "description", *CONSULTATION), ("consultation__exercise",), ("description",),
        _problem,
    ),
    Kind(
        "planes", _("Planes de acción"), _("Ver todos los planes de acción"),
        lambda n: ngettext("%(n)s plan de acción", "%(n)s planes de acción", n) % {"n": _n(n)},
        lambda: plans.plan_search(exercise_id=None), ("name", "objective", "description"),
        ("name", "number", "objective", "description", "period_label", "exercise__slug",
         "exercise__name"),
        ("exercise",), ("objective", "description"), _plan,
    ),
    Kind(
        "reportes", _("Reportes ciudadanos"), _("Ver todos los reportes ciudadanos"),
        lambda n: ngettext(
            "%(n)s reporte ciudadano", "%(n)s reportes ciudadanos", n
        ) % {"n": _n(n)},
        _reports, ("description", "status_notes"),
        (*REPORT_LOAD, "municipality__name"), ("category", "municipality"),
        ("description", "status_notes"), _report,
    ),
    Kind(
        "obras", _("Obras públicas"), _("Ver todas las obras públicas"),
        lambda n: ngettext("%(n)s obra pública", "%(n)s obras públicas", n) % {"n": _n(n)},
        comptrollership.work_list, ("name", "description", "location", "contractor"),
        ("name", "description", "location", "institution__name", "municipality__name"),
        ("institution", "municipality"), ("description", "location"), _work,
    ),
    Kind(
        "datos", _("Conjuntos de datos"), _("Ver todos los conjuntos de datos"),
        lambda n: ngettext(
            "%(n)s conjunto de datos", "%(n)s conjuntos de datos", n
        ) % {"n": _n(n)},
        lambda: dataset_search(Search()), ("title", "description"),
        ("name", "title", "description", "organization__name"), ("organization",),
        ("description",), _dataset,
    ),
    Kind(
        "organizaciones", _("Organizaciones"), _("Ver todas las organizaciones"),
        lambda n: ngettext("%(n)s organización", "%(n)s organizaciones", n) % {"n": _n(n)},
        core.organization_list, ("name", "acronym", "description"),
        ("name", "acronym", "slug", "sector", "description", "territory__name"),
        ("territory",), ("description",), _organization,
    ),
)
# fmt: on
BY_SLUG = {kind.slug: kind for kind in KINDS}


def kind_url(kind: Kind, q: str) -> str:
    """The address of every match of one kind (its own pages)."""
    return f"{reverse('search:results')}?{urlencode({'q': q, 'tipo': kind.slug})}"
