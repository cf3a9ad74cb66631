"""The capability registry: what each app adds to the whole platform, declared in its own folder.

Every installed `cocrea.*` app has a `capability.py` that calls `register(Capability(...))`.
`CoreConfig.ready()` imports them all (`autodiscover_modules`, as adhocracy4 finds its dashboard
components); the root URLs, the API, the navigation, the worker's schedule, `load_demo`, the
open-data package and the accessibility test read the registry and never name an app. Like
Decidim's component manifest, one declaration holds everything the rest of the platform needs
to know about a capability.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from django.apps import apps
from django.db.models import Model, QuerySet
from django.utils.module_loading import autodiscover_modules, import_string
from django.utils.translation import gettext_lazy as _

CHUNK = 2000

M = TypeVar("M", bound=Model)


@dataclass(frozen=True)
class NavLink:
    """A link in the main navigation, or a tab of an exercise's pages (`exercise_tabs`).

    An exercise tab's URL takes the exercise's slug as its one argument, or — when `query` is
    set — takes no argument and carries the slug in that query parameter.
    """

    url_name: str
    label: Any
    position: int
    query: str = ""


@dataclass(frozen=True)
class Job:
    """A management command the background worker runs on an APScheduler trigger."""

    command: str
    trigger: str  # "interval" or "cron"
    schedule: dict[str, Any]
    why: str


@dataclass(frozen=True)
class Column:
    """One column of an open table: its CSV name, Frictionless Table Schema type, plain-Spanish
    description, and the ORM path (or annotation) its values are read from."""

    name: str
    type: str
    description: Any
    path: str


@dataclass(frozen=True)
class OpenTable:
    """A dataset the platform publishes from its own records.

    `queryset` returns the rows in their published order; each row is read with the columns'
    paths, so a column's name and its values cannot drift apart.
    """

    source: str
    title: Any
    description: Any
    columns: tuple[Column, ...]
    queryset: Callable[[], QuerySet[Any]]
    theme: str = ""  # the open-data portal's theme (a group's name) it is filed under

    def rows(self) -> Iterator[tuple[Any, ...]]:
        paths = [column.path for column in self.columns]
        return self.queryset().values_list(*paths).iterator(chunk_size=CHUNK)

    def schema(self) -> dict[str, Any]:
        fields = [
            {"name": c.name, "type": c.type, "description": str(c.description)}
            for c in self.columns
        ]
        schema: dict[str, Any] = {"fields": fields, "missingValues": [""]}
        if self.columns[0].name == "id":
            schema["primaryKey"] = ["id"]
        return schema


# The columns most open tables share, described once.
PLATFORM_ID = Column("id", "integer", _("Identificador en la plataforma."), "pk")
EXAMPLE_FLAG = Column(
    "dato_de_ejemplo",
    "boolean",
    _("«true» si es un dato de ejemplo inventado para la demostración."),
    "is_example",
)


def exercise_column(path: str) -> Column:
    """The exercise a row belongs to, by its slug; `path` leads there from the table's model."""
    return Column("ejercicio", "string", _("Identificador del ejercicio."), path)


# Paths, or a function that finds them once the demo data is loaded (pages of records).
AuditPages = tuple[str, ...] | Callable[[], Iterable[str]]


class _Page(Protocol):
    def get_absolute_url(self) -> str: ...


def first_example(model: type[M]) -> M | None:
    """The first of a model's example records (the demo's), whose pages a capability audits."""
    return model._default_manager.filter(is_example=True).order_by("pk").first()


def record_pages(*records: _Page | None) -> list[str]:
    """The pages of the records found; a record the demo did not load has no page to audit."""
    return [record.get_absolute_url() for record in records if record is not None]


@dataclass(frozen=True)
class Capability:
    """What one app adds to the platform. Dotted paths are imported only when used, so a
    capability never imports another app to declare itself."""

    label: str
    urls: str = ""  # URL module, included at `url_prefix`
    url_prefix: str = ""
    api_router: str = ""  # dotted path of a django-ninja Router, mounted at /api/v1/
    main_nav: tuple[NavLink, ...] = ()
    exercise_tabs: tuple[NavLink, ...] = ()
    account_nav: tuple[NavLink, ...] = ()  # links for the signed-in person
    open_tables: tuple[OpenTable, ...] = ()
    jobs: tuple[Job, ...] = ()
    demo: str = ""  # dotted path of a function that loads its demo data (idempotent)
    demo_after: tuple[str, ...] = ()  # labels whose demo data must be loaded first
    audit_pages: AuditPages = ()  # public pages, audited anonymously
    audit_editor_pages: AuditPages = ()  # pages audited as the platform admin
    national_charts: str = ""  # dotted path of a function returning charts for the nation
    # Hooks of lower apps it listens to: hook name → dotted path of the receiver (core/hooks.py).
    listens: dict[str, str] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)


class Registry:
    def __init__(self) -> None:
        self._capabilities: dict[str, Capability] = {}
        self._ordered_cache: list[Capability] | None = None

    def register(self, capability: Capability) -> Capability:
        if capability.label in self._capabilities:
            raise ValueError(f"capability {capability.label!r} is registered twice")
        self._capabilities[capability.label] = capability
        self._ordered_cache = None
        return capability

    def __iter__(self) -> Iterator[Capability]:
        return iter(self._ordered())

    def get(self, label: str) -> Capability:
        return self._capabilities[label]

    def _ordered(self) -> list[Capability]:
        # INSTALLED_APPS order, so the navigation, URLs and datasets keep a stable order. Every
        # page reads it (its navigation): worked out once, after the last registration.
        if self._ordered_cache is None:
            order = {config.label: i for i, config in enumerate(apps.get_app_configs())}
            self._ordered_cache = sorted(
                self._capabilities.values(), key=lambda c: order.get(c.label, len(order))
            )
        return self._ordered_cache


registry = Registry()
register = registry.register


def autodiscover() -> None:
    autodiscover_modules("capability")


def missing_capabilities() -> list[str]:
    """Installed `cocrea.*` apps that declare no capability."""
    known = {c.label for c in registry}
    return [
        config.name
        for config in apps.get_app_configs()
        if config.name.startswith("cocrea.") and config.label not in known
    ]


def main_nav() -> list[NavLink]:
    return sorted((link for c in registry for link in c.main_nav), key=lambda n: n.position)


def exercise_tabs() -> list[NavLink]:
    return sorted((link for c in registry for link in c.exercise_tabs), key=lambda n: n.position)


def account_nav() -> list[NavLink]:
    return sorted((link for c in registry for link in c.account_nav), key=lambda n: n.position)


def jobs() -> list[Job]:
    return [job for c in registry for job in c.jobs]


def open_tables() -> list[OpenTable]:
    return [table for c in registry for table in c.open_tables]


def open_table(source: str) -> OpenTable | None:
    return next((t for t in open_tables() if t.source == source), None)


def api_routers() -> list[Any]:
    return [import_string(c.api_router) for c in registry if c.api_router]


def national_charts() -> list[Any]:
    return [
        chart for c in registry if c.national_charts for chart in import_string(c.national_charts)()
    ]


def demo_order() -> list[Capability]:
    """Capabilities with demo data, each after those it declares in `demo_after`."""
    pending = {c.label: c for c in registry if c.demo}
    done: list[Capability] = []
    while pending:
        ready = [c for c in pending.values() if all(dep not in pending for dep in c.demo_after)]
        if not ready:
            raise ValueError(f"demo loaders wait on each other: {sorted(pending)}")
        for capability in ready:
            done.append(pending.pop(capability.label))
    return done


def audit_pages(*, editor: bool = False) -> list[str]:
    """The pages the accessibility test audits, anonymously or as the platform admin."""
    pages: list[str] = []
    for capability in registry:
        declared = capability.audit_editor_pages if editor else capability.audit_pages
        pages.extend(declared() if callable(declared) else declared)
    return pages
