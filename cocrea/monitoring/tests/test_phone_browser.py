"""Plans, commitments and their charts on a 375 px phone, in a real browser (Debian's chromium
driven by Playwright): the chart's words are drawn at 12 px or more, the plan's commitments
stack as cards with their status and progress in view, the commitment page shows its promise
first, and none of them scrolls sideways (at 320 px either).

Outside CI the test is skipped when chromium or Playwright is missing; in CI it fails.
"""

import datetime as dt
import os
from pathlib import Path

import pytest
from django.utils import timezone

from cocrea.core.tests.journey_steps import CHROMIUM, FLAGS
from cocrea.plans.models import Commitment
from cocrea.plans.tests.factories import CommitmentFactory, MilestoneFactory, PlanFactory

# Transactional: the live server's thread sees the data. serialized_rollback restores the data
# migrations (the 32 states) for the tests after this one.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True, databases="__all__")

# The smallest font, in CSS px, of the words of every chart on the page, as drawn.
CHART_WORDS = """() => Math.min(...[...document.querySelectorAll('svg.chart text')].map(t => {
  const svg = t.ownerSVGElement;
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  return parseFloat(getComputedStyle(t).fontSize) * scale;
}))"""
# Words of a chart that run past its right edge (and would be cut off).
CHART_CLIPPED = """() => [...document.querySelectorAll('svg.chart text')].filter(t =>
  t.getBoundingClientRect().right > t.ownerSVGElement.getBoundingClientRect().right + 1
).map(t => t.textContent)"""
OVERFLOW = "document.documentElement.scrollWidth > window.innerWidth"
AXE = Path(__file__).resolve().parents[3] / "node_modules" / "axe-core" / "axe.min.js"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def _violations(page) -> list[str]:
    """axe-core's WCAG 2.1 A/AA violations on the page as it is now (skipped without axe)."""
    if not AXE.exists():
        return []
    page.add_script_tag(path=str(AXE))
    script = "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})"
    return [v["id"] for v in page.evaluate(script, WCAG)["violations"]]


@pytest.fixture
def browser_tools() -> None:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"Browser test tools missing in CI: {CHROMIUM}")
        pytest.skip(f"needs {CHROMIUM} (install Debian's chromium)")
    pytest.importorskip("playwright")


def _world() -> Commitment:
    plan = PlanFactory()
    today = timezone.localdate(timezone=plan.exercise.zone)
    for n in range(3):
        commitment = CommitmentFactory(
            plan=plan,
            title=f"Publicar los datos abiertos de las obras públicas del municipio, tramo {n}",
            objective="Que cualquier persona consulte cada obra, su costo y su avance.",
            pillar_transparency=True,
        )
        MilestoneFactory(commitment=commitment, end_on=today + dt.timedelta(days=10))
    Commitment.objects.filter(plan=plan).update(progress=45)
    return commitment


def test_plan_commitment_and_charts_on_a_phone(browser_tools, live_server):
    from playwright.sync_api import sync_playwright

    commitment = _world()
    plan = commitment.plan
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        # bypass_csp: axe is injected as a script for the audit, as in test_reflow.
        context = browser.new_context(base_url=live_server.url, bypass_csp=True)
        page = context.new_page()
        page.set_viewport_size({"width": 375, "height": 800})
        page.goto(f"/ejercicios/{plan.exercise.slug}/planes/{plan.number}/tablero/")
        assert page.evaluate(CHART_WORDS) >= 12
        assert page.evaluate(CHART_CLIPPED) == []
        assert not page.evaluate(OVERFLOW)
        assert _violations(page) == []

        page.goto(plan.get_absolute_url())
        row = page.locator(".plan-commitments tbody tr").first
        box = row.bounding_box()
        assert box and box["width"] <= 375  # a card, not a row wider than the screen
        assert row.locator("progress").is_visible()
        assert row.get_by_text("45 %").is_visible() and row.get_by_text("Sin iniciar").is_visible()
        assert not page.evaluate(OVERFLOW)
        assert _violations(page) == []

        page.goto(commitment.get_absolute_url())
        assert page.get_by_text("Lo que se prometió").is_visible()
        assert page.get_by_text("vence en 10 días").is_visible()
        history = page.locator("details.commitment-history")
        assert history.get_attribute("open") is None
        assert not page.evaluate(OVERFLOW)
        assert _violations(page) == []

        page.set_viewport_size({"width": 320, "height": 800})
        for url in (plan.get_absolute_url(), commitment.get_absolute_url()):
            page.goto(url)
            assert not page.evaluate(OVERFLOW), url
        browser.close()
