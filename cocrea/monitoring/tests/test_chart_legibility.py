"""Dashboard charts legible on a phone: every word drawn in an SVG chart is at least 12 px tall
once the chart is scaled to a 375 px (and a 320 px) screen; an empty chart says so in words;
each chart keeps its table beside it."""

import re
from pathlib import Path
from typing import Any

import pytest
from defusedxml import ElementTree as ET
from django.test import Client

from cocrea.core.charts import Chart, bar_chart
from cocrea.plans.tests.factories import CommitmentFactory, PlanFactory

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"
CSS = Path(__file__).resolve().parents[2] / "static" / "css" / "cocrea.css"
PAGE_MARGIN = 2 * 16  # `.wrap` leaves 1 rem on each side of the page's content
MAX_WIDTH = 26 * 16  # `svg.chart-stacked { max-width: 26rem; }`
EMPTY = "Aún no hay datos para esta gráfica."


def _svgs(html: str) -> list[Any]:
    return [ET.fromstring(match) for match in re.findall(r"<svg\b.*?</svg>", html, re.S)]


def _smallest_text_px(svg: Any, viewport: int) -> float:
    """The smallest font of the chart's words in CSS px, as drawn at `viewport` px wide: its
    font-size in user units times the scale of the viewBox to the width the chart gets."""
    _x, _y, width, _height = (float(n) for n in svg.attrib["viewBox"].split())
    drawn = min(viewport - PAGE_MARGIN, MAX_WIDTH)
    sizes = [float(text.attrib["font-size"]) for text in svg.iter(f"{SVG}text")]
    assert sizes, "a chart with no words"
    return min(sizes) * drawn / width


def test_the_stylesheet_does_not_resize_the_chart_words():
    """A CSS font-size would override the SVG attribute the test reads; the cap on the chart's
    width is the one the test assumes."""
    css = CSS.read_text()
    rules = re.findall(r"([^{}]*\.chart-text[^{}]*)\{([^}]*)\}", css)
    assert rules and not any("font-size" in body for _selector, body in rules)
    assert "svg.chart-stacked { max-width: 26rem; }" in css


@pytest.mark.parametrize("viewport", [375, 320])
def test_dashboard_chart_words_are_12px_or_more_on_a_phone(viewport):
    plan = PlanFactory()
    for n in range(4):
        CommitmentFactory(plan=plan, pillar_transparency=n % 2 == 0, pillar_participation=True)
    body = Client().get(f"/ejercicios/{plan.exercise.slug}/planes/{plan.number}/tablero/")
    svgs = _svgs(body.content.decode())
    assert len(svgs) >= 3
    for svg in svgs:
        assert _smallest_text_px(svg, viewport) >= 12, svg.attrib.get("aria-labelledby")


def test_long_labels_are_shortened_to_fit_the_width():
    label = "Secretaría de Transparencia y Rendición de Cuentas del Estado de Jalisco"
    svg = _svgs(str(bar_chart("x", "Por institución", [(label, 3), ("Otra", 1)])))[0]
    words = [text.text or "" for text in svg.iter(f"{SVG}text")]
    assert words[0].endswith("…") and len(words[0]) <= 36
    assert "Otra" in words and "3" in words


@pytest.mark.parametrize("rows", [[], [("A tiempo", 0), ("Con retraso", 0)]])
def test_an_empty_chart_says_so_in_words(rows):
    drawn = str(Chart("a-tiempo", "A tiempo y con retraso", rows).svg)
    assert EMPTY in drawn and "<svg" not in drawn


def test_an_empty_dashboard_keeps_every_table_and_says_why_there_is_no_drawing():
    plan = PlanFactory()  # no commitments at all
    html = Client().get(f"/ejercicios/{plan.exercise.slug}/planes/{plan.number}/tablero/")
    body = html.content.decode()
    assert "<svg" not in body
    assert body.count(EMPTY) == 5
    assert body.count("<table data-own-csv>") == 5
