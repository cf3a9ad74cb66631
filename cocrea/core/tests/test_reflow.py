"""Reflow in a real browser (WCAG 1.4.10): no public page scrolls sideways on a phone.

Uses Debian's chromium (installed by .ci/run) driven by Playwright, as test_accessibility.py
does. Outside CI the test is skipped when the browser is missing; in CI it fails. Also checks
that the header collapses into a "Menú" (a `<details>`, no JavaScript) on a phone and shows its
links without a click on a wide screen.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

from cocrea.core.capabilities import audit_pages

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE_WIDTHS = (320, 375)
HEIGHT = 800
# The first link of the main navigation (a capability's `main_nav`), inside the header's menu.
NAV_LINK = ".site-menu nav .nav a"
# Transactional tests flush the database; serialized_rollback restores the data migrations
# (the 32 states) for the tests that run after them in the same worker.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True, databases="__all__")


@pytest.fixture
def tools():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"Browser test tool missing in CI: {CHROMIUM}")
        pytest.skip(f"needs {CHROMIUM} (install chromium)")
    pytest.importorskip("playwright")


def _overflow(page) -> tuple[int, int]:
    return tuple(page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]"))


def test_public_pages_reflow_at_phone_widths(tools, live_server, settings):
    settings.DEBUG = False
    call_command("load_demo", verbosity=0)
    # Each capability declares the pages it adds (capability.py); some are pages of records.
    pages = audit_pages()
    assert "/" in pages
    # Playwright runs an event loop in this thread: the ORM is not used from here on.
    from playwright.sync_api import sync_playwright

    offenders = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
        page = context.new_page()
        for width in PHONE_WIDTHS:
            page.set_viewport_size({"width": width, "height": HEIGHT})
            for url in pages:
                page.goto(url)
                scroll_width, inner_width = _overflow(page)
                if scroll_width > inner_width:
                    offenders.append(f"{url} at {width}px: {scroll_width}px wide")

        # The header: collapsed behind "Menú" on a phone, open by keyboard; inline when wide.
        page.set_viewport_size({"width": 375, "height": HEIGHT})
        page.goto("/")
        link, summary = page.locator(NAV_LINK).first, page.locator(".site-menu > summary")
        assert summary.inner_text().strip() == "Menú"
        assert not link.is_visible()
        summary.click()
        assert link.is_visible()
        page.goto("/")
        summary.focus()
        page.keyboard.press("Enter")
        assert link.is_visible()
        assert page.locator("#language").is_visible()
        page.set_viewport_size({"width": 1366, "height": HEIGHT})
        page.goto("/")
        assert link.is_visible()
        assert not summary.is_visible()
        # Tab from the skip link reaches the brand, then the first link without opening anything.
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == link.inner_text()
        assert page.locator("#language").is_visible()
        browser.close()
    assert offenders == [], "Pages wider than the screen:\n" + "\n".join(offenders)
