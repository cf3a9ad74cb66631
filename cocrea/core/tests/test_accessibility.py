"""Accessibility in a real browser: axe-core's WCAG 2.1 A/AA rules and keyboard use.

Uses Debian's chromium (installed by .ci/run) driven by Playwright, and axe-core from the npm
registry (`npm ci`). Outside CI the test is skipped when either is missing; in CI it fails.
"""

import os
import shutil
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command

from cocrea.core.capabilities import audit_pages
from cocrea.core.models import User
from cocrea.core.tests.factories import PASSWORD

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE = Path(__file__).resolve().parents[3] / "node_modules" / "axe-core" / "axe.min.js"
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
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Transactional tests flush the database; serialized_rollback restores the data migrations
# (the 32 states) for the tests that run after them in the same worker.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True, databases="__all__")


@pytest.fixture
def tools():
    missing = [str(p) for p in (Path(CHROMIUM), AXE) if not p.exists()]
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"Browser test tools missing in CI: {missing}")
        pytest.skip(f"needs {missing} (install chromium and run `npm ci`)")
    pytest.importorskip("playwright")


def _violations(page, url: str | None = None, label: str = "") -> list[str]:
    """axe-core's WCAG 2.1 A/AA violations of `url`, or of the page as it is now."""
    if url:
        page.goto(url)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG
    )
    return [
        f"{label or url}: {v['id']} ({v['impact']}) {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
    ]


def _admin() -> User:
    user = User.objects.create_superuser(email="admin@example.org", password=PASSWORD)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def test_pages_meet_wcag_21_aa_and_work_by_keyboard(tools, live_server, settings):
    settings.DEBUG = False
    call_command("load_demo", verbosity=0)
    _admin()
    # Each capability declares the pages it adds (capability.py); some are pages of records.
    public_pages, editor_pages = audit_pages(), audit_pages(editor=True)
    assert "/" in public_pages and "/datos/nuevo/" in editor_pages
    # Playwright runs an event loop in this thread: the ORM is not used from here on.
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_context(bypass_csp=True, base_url=live_server.url).new_page()
        found = [v for url in public_pages for v in _violations(page, url)]

        page.goto("/")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == "Saltar al contenido"
        page.keyboard.press("Enter")
        assert page.evaluate("location.hash") == "#contenido"

        page.goto("/cuentas/login/")
        page.fill("#id_login", "admin@example.org")
        page.fill("#id_password", PASSWORD)
        page.keyboard.press("Enter")
        page.wait_for_url(f"{live_server.url}/")
        found += [v for url in editor_pages for v in _violations(page, url)]

        page.goto("/ejercicios/jalisco/sesiones/nueva/")
        page.click("main form button[type=submit]")
        found += _violations(page, label="invalid session form")

        page.goto("/reportes/nuevo/guadalajara-servicio-publico/")
        page.click("main form button[type=submit]")
        found += _violations(page, label="invalid report form")
        page.fill("#id_description", "Una luminaria apagada en la esquina.")
        page.click("main form button[type=submit]")
        page.click("main form button[type=submit]")  # the category's questions, one left unanswered
        found += _violations(page, label="invalid report questions")
        page.locator("main input[type=radio]").first.check()
        page.click("main form button[type=submit]")
        page.wait_for_selector(".place-picker-map:not([hidden])")
        found += _violations(page, label="report place, with its map")
        browser.close()
    assert found == []
