"""The national map: the package's outlines read once, states drawn by their exercise's stage."""

import re

import pytest

from cocrea.exercises.models import Stage
from cocrea.pages import statemap
from cocrea.pages.statemap import NONE, PLAN, SECRETARIAT, STARTED, MapState

MODULE = 'export default {"label":"Map","viewBox":"0 0 10 10","locations":[%s]};\n'
JAL = '{"name":"Jalisco","id":"jal","path":"M 1,1 L 2,2 z"}'
CMX = '{"name":"Mexico City","id":"cmx","path":"M 5,5 L 6,6 z"}'


def _package(tmp_path, text: str):
    folder = tmp_path / "@svg-maps" / "mexico"
    folder.mkdir(parents=True)
    (folder / "index.js").write_text(text, encoding="utf-8")
    return tmp_path


def test_the_installed_package_has_the_32_states_by_iso_suffix():
    drawing = statemap.outlines()
    assert drawing is not None
    assert drawing.view_box == "0 0 793 498"
    assert len(drawing.paths) == 32
    assert {"agu", "bcn", "cmx", "mex", "jal", "ver", "zac"} <= set(drawing.paths)


def test_the_module_is_parsed_once(settings, tmp_path):
    settings.NODE_MODULES = _package(tmp_path, MODULE % JAL)
    first = statemap.outlines()
    (tmp_path / statemap.PACKAGE).write_text("broken", encoding="utf-8")
    assert statemap.outlines() is first


@pytest.mark.parametrize(
    "text",
    ["", "export default nope", 'export default {"viewBox": "0 0 1 1"}', MODULE % '{"id": 1}'],
)
def test_a_broken_package_draws_no_map(tmp_path, text):
    assert statemap.parse(_package(tmp_path, text) / statemap.PACKAGE) is None


def test_a_missing_package_draws_no_map(settings, tmp_path):
    settings.NODE_MODULES = tmp_path / "nowhere"
    assert statemap.outlines() is None
    assert statemap.national_map([MapState("Jalisco", "MX-JAL", PLAN)]) is None


@pytest.mark.parametrize(
    ("stage", "status"),
    [
        (None, NONE),
        ("", NONE),
        (Stage.JOINT_DECLARATION, STARTED),
        (Stage.SENSITIZATION, STARTED),
        (Stage.SECRETARIAT_INSTALLED, SECRETARIAT),
        (Stage.PLAN_UNDER_CONSTRUCTION, SECRETARIAT),
        (Stage.PLAN_PUBLISHED, PLAN),
        (Stage.IMPLEMENTATION, PLAN),
        (Stage.CLOSED, PLAN),
    ],
)
def test_a_stage_is_one_of_the_maps_four_steps(stage, status):
    assert statemap.status_of(stage) == status


def _luminance(colour: str) -> float:
    def channel(c: int) -> float:
        v = c / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_colours_stand_out_from_the_page_at_three_to_one():
    # WCAG 1.4.11: each fill of a state with an exercise, and the border of those without.
    for status in (STARTED, SECRETARIAT, PLAN):
        assert _contrast(status.fill, "#ffffff") >= 3, status.key
        assert _contrast(status.fill, statemap.FILLED_STROKE) >= 3, status.key
    assert _contrast(statemap.EMPTY_STROKE, "#ffffff") >= 3
    assert _contrast(statemap.EMPTY_STROKE, NONE.fill) >= 3


def test_states_with_an_exercise_are_named_links_and_scale_to_the_page(tmp_path):
    drawing = statemap.parse(_package(tmp_path, MODULE % f"{JAL},{CMX}") / statemap.PACKAGE)
    assert drawing is not None
    states = [
        MapState("Ciudad de México", "MX-CMX", NONE),
        MapState("Jalisco <b>", "MX-JAL", PLAN, stage_label="Plan publicado", url="/ejercicios/j/"),
        MapState("Atlántida", "MX-ATL", STARTED, url="/ejercicios/a/"),  # not in the package
    ]
    svg = str(statemap.state_map(states, drawing, title="Mapa"))
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" class="statemap-svg"')
    assert 'viewBox="0 0 10 10" width="100%"' in svg
    assert '<title id="statemap-title">Mapa</title>' in svg
    link = re.search(r'<a href="/ejercicios/j/"><title>([^<]*)</title><path d="M 1,1 L 2,2 z"', svg)
    assert link and link.group(1) == "Jalisco &lt;b&gt;: Plan publicado"
    assert f'fill="{PLAN.fill}"' in svg
    # Without an exercise: the platform's name, no link, drawn first (under the others' borders).
    assert "<title>Ciudad de México: Sin ejercicio registrado</title>" in svg
    assert "Mexico City" not in svg
    assert svg.index("M 5,5") < svg.index("M 1,1")
    assert svg.count("<a ") == 1 and "Atlántida" not in svg


def test_the_legend_counts_the_states_at_each_step():
    states = [
        MapState("A", "MX-AGU", PLAN),
        MapState("B", "MX-BCN", PLAN),
        MapState("C", "MX-CAM", NONE),
    ]
    counts = {entry.status.key: entry.count for entry in statemap.legend(states)}
    assert counts == {"plan": 2, "secretariat": 0, "started": 0, "none": 1}
    swatch = str(statemap.legend(states)[0].swatch)
    assert 'aria-hidden="true"' in swatch and f'fill="{PLAN.fill}"' in swatch
