"""The national map of the exercises: Mexico's 32 states as inline SVG drawn on the server.

No JavaScript and no tiles: the outlines come from the npm package `@svg-maps/mexico` (Victor
Cazanave, CC BY 4.0), read once from `settings.NODE_MODULES` and kept for the process. Without
the package there is no map, and the page keeps its table. Each state with an exercise is a
link filled by how far its exercise has come; the names are the platform's (its Territory
records, matched by ISO 3166-2 code), not the package's.
"""

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise, WithAnnotations

from cocrea.core.models import Territory
from cocrea.exercises.models import Stage
from cocrea.exercises.selectors import ExerciseOfState

PACKAGE = Path("@svg-maps") / "mexico" / "index.js"
SOURCE_URL = "https://github.com/VictorCazanave/svg-maps"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/deed.es"
# A state's border: grey around the states without an exercise (4.7:1 on white), white between
# the coloured ones (each fill is 3:1 or more against white: WCAG 1.4.11).
EMPTY_STROKE, FILLED_STROKE = "#6b7480", "#ffffff"


@dataclass(frozen=True)
class Outlines:
    """What the map draws: the package's drawing box and each state's outline, by the lowercase
    suffix of its ISO 3166-2:MX code (`jal` for MX-JAL)."""

    view_box: str
    paths: dict[str, str]


@dataclass(frozen=True)
class Status:
    """How far a state's exercise has come, as the map and its legend show it."""

    key: str
    label: StrOrPromise
    fill: str


NONE = Status("none", _("Sin ejercicio registrado"), "#e6e9ed")
STARTED = Status("started", _("Ejercicio iniciado"), "#c26100")  # 4.2:1 on white
SECRETARIAT = Status("secretariat", _("Secretariado instalado"), "#1f78b4")  # 4.8:1
PLAN = Status("plan", _("Plan de acción publicado"), "#0b5c4a")  # 7.9:1
STATUSES = (PLAN, SECRETARIAT, STARTED, NONE)
STAGE_LABELS: dict[str, StrOrPromise] = dict(Stage.choices)


@dataclass(frozen=True)
class MapState:
    """One state as the map and the table beside it show it."""

    name: str
    iso_code: str
    status: Status
    inegi_code: str = ""
    stage_label: StrOrPromise = ""
    exercise_name: str = ""
    url: str = ""

    @property
    def has_secretariat(self) -> bool:
        return self.status in (SECRETARIAT, PLAN)

    @property
    def has_plan(self) -> bool:
        return self.status == PLAN


def map_state(state: "WithAnnotations[Territory, ExerciseOfState]") -> MapState:
    """A state of `states_overview`, with its latest exercise."""
    slug = state.exercise_slug
    return MapState(
        name=state.name,
        iso_code=state.iso_code,
        status=status_of(state.exercise_stage),
        inegi_code=state.inegi_code,
        stage_label=STAGE_LABELS.get(state.exercise_stage or "", ""),
        exercise_name=state.exercise_name or "",
        url=reverse("exercises:exercise_detail", args=[slug]) if slug else "",
    )


_cache: dict[Path, Outlines | None] = {}


def outlines() -> Outlines | None:
    """The states' outlines, parsed once per process (None when the package is missing)."""
    path = Path(settings.NODE_MODULES) / PACKAGE
    if path not in _cache:
        _cache[path] = parse(path)
    return _cache[path]


def parse(path: Path) -> Outlines | None:
    """Reads the package's ES module, `export default {label, viewBox, locations}`: a JSON
    object after the export."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return None
    body = text.strip().removeprefix("export default").strip().removesuffix(";")
    try:
        data = json.loads(body)
        paths = {str(place["id"]): str(place["path"]) for place in data["locations"]}
        return Outlines(view_box=str(data["viewBox"]), paths=paths)
    except (ValueError, KeyError, TypeError):
        return None


def status_of(stage: str | None) -> Status:
    """The map's four steps, the same as the national figures: an exercise, its secretariat
    installed, its plan published."""
    if not stage:
        return NONE
    if stage in Stage.at_least(Stage.PLAN_PUBLISHED):
        return PLAN
    if stage in Stage.at_least(Stage.SECRETARIAT_INSTALLED):
        return SECRETARIAT
    return STARTED


def iso_suffix(iso_code: str) -> str:
    """`MX-JAL` → `jal`, the package's id."""
    return iso_code.rpartition("-")[2].lower()


def state_map(states: Iterable[MapState], drawing: Outlines, *, title: StrOrPromise) -> SafeString:
    """The SVG: the states without an exercise first, so the coloured ones draw their white
    borders over them; the linked ones in the order given (the keyboard's order)."""
    drawn = [s for s in states if iso_suffix(s.iso_code) in drawing.paths]
    ordered = [s for s in drawn if not s.url] + [s for s in drawn if s.url]
    shapes = format_html_join("", "{}", ((_shape(s, drawing),) for s in ordered))
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="statemap-svg" viewBox="{}" width="100%" '
        'aria-labelledby="statemap-title"><title id="statemap-title">{}</title>{}</svg>',
        drawing.view_box,
        title,
        shapes,
    )


def _shape(state: MapState, drawing: Outlines) -> SafeString:
    name = format_html("{}: {}", state.name, state.stage_label or state.status.label)
    stroke = FILLED_STROKE if state.url else EMPTY_STROKE
    path = format_html(
        '<path d="{}" fill="{}" stroke="{}" stroke-width="1"><title>{}</title></path>',
        drawing.paths[iso_suffix(state.iso_code)],
        state.status.fill,
        stroke,
        name,
    )
    if not state.url:
        return path
    # The link's accessible name is its <title>, the state and its stage.
    return format_html('<a href="{}"><title>{}</title>{}</a>', state.url, name, path)


@dataclass(frozen=True)
class LegendEntry:
    status: Status
    count: int

    @property
    def swatch(self) -> SafeString:
        """The colour sample, drawn: the page's policy forbids inline styles."""
        return format_html(
            '<svg class="statemap-swatch" viewBox="0 0 16 16" width="16" height="16" '
            'aria-hidden="true" focusable="false"><rect x="0.5" y="0.5" width="15" height="15" '
            'fill="{}" stroke="{}"></rect></svg>',
            self.status.fill,
            EMPTY_STROKE,
        )


def legend(states: Sequence[MapState]) -> list[LegendEntry]:
    """Each step with how many states are at it."""
    return [
        LegendEntry(status, sum(1 for s in states if s.status == status)) for status in STATUSES
    ]


@dataclass(frozen=True)
class NationalMap:
    svg: SafeString
    legend: list[LegendEntry]
    source_url: str = SOURCE_URL
    licence_url: str = LICENCE_URL


def national_map(states: Sequence[MapState]) -> NationalMap | None:
    """The map and its legend, or None when the outlines are not installed."""
    drawing = outlines()
    if drawing is None:
        return None
    title = _("Mapa de las entidades según la etapa de su ejercicio de gobierno abierto")
    return NationalMap(svg=state_map(states, drawing, title=title), legend=legend(states))
