"""Every public page on a phone and a desktop, in a real browser (issue 15's acceptance).

Visits the pages each capability declares for audit (capability.py) and those a crawl of their
links finds (two of each URL pattern), at 320, 375 and 1366 px, and fails on:
- horizontal scroll (WCAG 1.4.10), with JavaScript on and off;
- any axe-core WCAG 2.1 A/AA violation on a crawled page (test_accessibility audits the rest);
- a first load over 100 KB, counted as it travels (compressed as whitenoise and GZip serve it in
  production; the test server serves static files plain, so their gzip size is counted);
- any request to a third party; the configured tile server alone is allowed, and answered here
  by the test itself so that no test needs a tile.
Uses Debian's chromium (installed by .ci/run) driven by Playwright. Outside CI it is skipped
when the browser is missing; in CI it fails. Also checks the header's "Menú" (a `<details>`).
"""

import gzip
import os
import shutil
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urlsplit

import pytest
from django.core.management import call_command
from django.urls import Resolver404, resolve

from cocrea.core.capabilities import audit_pages

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
WIDTHS = (320, 375, 1366)
HEIGHT = 800
MAX_BYTES = 100 * 1024
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
TILES = "http://tiles.test/{z}/{x}/{y}.png"
PER_PATTERN = 2
# Downloads, machine formats and actions are not pages a person reads.
NOT_PAGES = ("/admin/", "/api/", "/open311/", "/static/", "/media/", "/fotos/", "/cuentas/logout")
DOWNLOADS = (
    *(".csv", ".zip", ".json", ".xml", ".xlsx", ".pdf", ".jpg", ".png", ".rdf", ".ttl"),
    *(".docx", ".odt"),  # lawmaking's comparative tables
)
DOWNLOAD_QUERIES = ("tabla=", "formato=")
COMPRESSIBLE = ("text/", "javascript", "json", "svg", "xml")
# The first link of the main navigation (a capability's `main_nav`), inside the header's menu.
NAV_LINK = ".site-menu nav .nav a"
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


def _overflow(page) -> tuple[int, int]:
    return tuple(page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]"))


def _is_page(url: str) -> bool:
    split = urlsplit(url)
    downloaded = split.path.lower().endswith(DOWNLOADS) or any(
        key in split.query for key in DOWNLOAD_QUERIES
    )
    return not split.path.startswith(NOT_PAGES) and not downloaded


def _pattern(url: str) -> str:
    split = urlsplit(url)
    try:
        match = resolve(split.path)
    except Resolver404:
        return split.path
    return match.view_name + ("?" if split.query else "")


def _crawl(page, start: list[str], origin: str) -> list[str]:
    """The audit pages, then up to PER_PATTERN pages of each URL pattern they link to."""
    seen, per_pattern = list(dict.fromkeys(start)), Counter(_pattern(url) for url in start)
    for url in list(seen):
        page.goto(url)
        # getAttribute: an SVG link's `href` is an object, not a string.
        script = "links => links.map(a => new URL(a.getAttribute('href'), document.baseURI).href)"
        for href in page.eval_on_selector_all("a[href]", script):
            link = urldefrag(href).url
            if not link.startswith(origin + "/"):
                continue
            local = link[len(origin) :]
            pattern = _pattern(local)
            if local in seen or not _is_page(local) or per_pattern[pattern] >= PER_PATTERN:
                continue
            per_pattern[pattern] += 1
            seen.append(local)
    return seen


def _weight(responses) -> int:
    """Bytes as they would travel: compressed where the server compresses (text, scripts)."""
    total = 0
    for response in responses:
        if response.request.resource_type == "image" and "tiles.test" in response.url:
            continue
        if response.headers.get("content-encoding"):  # as it travelled (body() is decoded)
            total += response.request.sizes()["responseBodySize"]
            continue
        body = response.body() if response.status < 300 else b""
        compressible = any(t in response.headers.get("content-type", "") for t in COMPRESSIBLE)
        total += len(gzip.compress(body)) if compressible else len(body)
    return total


def _axe(page) -> list[dict[str, Any]]:
    page.add_script_tag(path=str(AXE))
    script = "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})"
    violations: list[dict[str, Any]] = page.evaluate(script, WCAG)["violations"]
    return violations


class Visit:
    """One browser context that records what each page asks of the network."""

    def __init__(self, browser, base_url: str, *, javascript: bool) -> None:
        self.context = browser.new_context(
            base_url=base_url, java_script_enabled=javascript, bypass_csp=True
        )
        self.page = self.context.new_page()
        self.origin = base_url
        self.third_party: list[str] = []
        self.responses: list[Any] = []
        self.context.route("**/*", self._route)
        self.page.on("response", lambda response: self.responses.append(response))
        self.in_flight = 0
        self.page.on("request", lambda _request: self._count(+1))
        self.page.on("requestfinished", lambda _request: self._count(-1))
        self.page.on("requestfailed", lambda _request: self._count(-1))

    def _count(self, change: int) -> None:
        self.in_flight += change

    def _route(self, route) -> None:
        url = route.request.url
        if url.startswith(self.origin):
            route.continue_()
        elif url.startswith("http://tiles.test/"):
            route.fulfill(status=204)
        else:
            self.third_party.append(url)
            route.abort()

    def open(self, url: str, *, settle: bool = False) -> bool:
        """Opens `url`; True when it is a page (HTML). `settle` waits for what scripts fetch."""
        self.responses.clear()
        response = self.page.goto(url)
        if settle and self._may_still_fetch():
            self.page.wait_for_load_state("networkidle")
        return "text/html" in (response.headers.get("content-type", "") if response else "")

    def _may_still_fetch(self) -> bool:
        """After the load event, only a script, a lazy image or a request still on its way can
        add to what the page weighs. Most pages have none: "networkidle" would only wait its
        fixed 500 ms of silence there, for nothing (a minute over the crawl)."""
        quiet = "!document.scripts.length && !document.querySelector('img[loading=lazy]')"
        return self.in_flight > 0 or not self.page.evaluate(quiet)


def _check_pages(browser, base_url: str, pages: list[str], audited: set[str]) -> list[str]:
    offenders: list[str] = []
    visit = Visit(browser, base_url, javascript=True)
    cdp = visit.context.new_cdp_session(visit.page)
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    for width in WIDTHS:
        visit.page.set_viewport_size({"width": width, "height": HEIGHT})
        for url in pages:
            first = width == WIDTHS[0]
            if not visit.open(url, settle=first):
                continue  # a machine format (JSON-LD, the health check): no page to read
            scroll_width, inner_width = _overflow(visit.page)
            if scroll_width > inner_width:
                offenders.append(f"{url} at {width}px: {scroll_width}px wide")
            if not first:
                continue
            if (weight := _weight(visit.responses)) > MAX_BYTES:
                offenders.append(f"{url}: {weight // 1024} KB on first load")
            if url not in audited:
                found = _axe(visit.page)
                offenders += [f"{url}: axe {v['id']} {v['nodes'][0]['target']}" for v in found]
    offenders += [f"third-party request: {url}" for url in visit.third_party]
    visit.context.close()
    return offenders


def _reflow_without_javascript(browser, base_url: str, pages: list[str]) -> list[str]:
    visit = Visit(browser, base_url, javascript=False)
    visit.page.set_viewport_size({"width": WIDTHS[0], "height": HEIGHT})
    offenders = []
    for url in pages:
        if not visit.open(url):
            continue
        scroll_width, inner_width = _overflow(visit.page)
        if scroll_width > inner_width:
            offenders.append(f"{url} at {WIDTHS[0]}px without JavaScript: {scroll_width}px")
    visit.context.close()
    return offenders


def test_public_pages_reflow_weigh_little_and_ask_no_third_party(tools, live_server, settings):
    settings.DEBUG = False
    settings.MAP_TILE_URL = TILES
    call_command("load_demo", verbosity=0)
    # Each capability declares the pages it adds (capability.py); some are pages of records.
    audited = audit_pages()
    assert "/" in audited
    # Playwright runs an event loop in this thread: the ORM is not used from here on.
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        crawler = Visit(browser, live_server.url, javascript=False)
        pages = _crawl(crawler.page, audited, live_server.url)
        crawler.context.close()
        assert len(pages) > len(set(audited)), "the crawl found no page beyond the audit list"
        offenders = _check_pages(browser, live_server.url, pages, set(audited))
        offenders += _reflow_without_javascript(browser, live_server.url, pages)
        browser.close()
    assert offenders == [], f"{len(pages)} pages; problems:\n" + "\n".join(offenders)


def test_header_folds_into_a_menu_on_a_phone(tools, live_server, settings):
    settings.DEBUG = False
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_context(base_url=live_server.url, java_script_enabled=False).new_page()
        # Collapsed behind "Menú" on a phone, open by pointer or keyboard; inline when wide.
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
        # Tab from the skip link reaches the brand, the search box and its button, then the first
        # link, without opening anything.
        for _ in range(5):
            page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == link.inner_text()
        assert page.locator("#language").is_visible()
        browser.close()
