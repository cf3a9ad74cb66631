"""The maps in a real browser (Debian's chromium driven by Playwright), under the site's own
Content-Security-Policy: the reports' map clusters its markers, and the place picker fills the
latitude and longitude on a click, from the keyboard and from the (mocked) geolocation, and the
address through our server. No tile is needed and no request leaves the test server.

Outside CI the test is skipped when chromium or Playwright is missing; in CI it fails.
"""

import json
import os
import re
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress

from cocrea.comptrollership.tests.factories import PublicWorkFactory
from cocrea.core.models import User
from cocrea.core.tests.factories import PASSWORD
from cocrea.core.tests.journey_steps import CHROMIUM, FLAGS
from cocrea.reports import geocoding
from cocrea.reports.services import Filing, report_create
from cocrea.reports.tests.factories import CategoryFactory

# Transactional: the live server's thread sees the data. serialized_rollback restores the data
# migrations (the 32 states) for the tests after this one.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True, databases="__all__")
# Four reports a few blocks apart in Guadalajara (one cluster), one in Durango (alone).
PLACES = [
    ("20.6767", "-103.3475"),
    ("20.6771", "-103.3490"),
    ("20.6780", "-103.3460"),
    ("20.6755", "-103.3481"),
    ("24.0277", "-104.6532"),
]
ADDRESS = "Avenida Hidalgo 400, Centro, Guadalajara"


@pytest.fixture
def browser_tools() -> None:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"Browser test tools missing in CI: {CHROMIUM}")
        pytest.skip(f"needs {CHROMIUM} (install Debian's chromium)")
    pytest.importorskip("playwright")


@pytest.fixture
def offline_maps(settings, live_server, monkeypatch):
    """Tiles from the test server itself (they 404: the map works without them), and a fake
    geocoder behind our server."""
    settings.DEBUG = False
    settings.MAP_TILE_URL = live_server.url + "/static/no-tiles/{z}/{x}/{y}.png"
    settings.GEOCODER_URL = "https://geocoder.invalid"
    answer = json.dumps({"display_name": ADDRESS}).encode()
    monkeypatch.setattr(geocoding, "_urllib_transport", lambda url, headers, timeout: answer)


def _world() -> int:
    category = CategoryFactory(code="bache", name="Bache")
    for lat, long in PLACES:
        report_create(filing=Filing(category=category, description="Bache", lat=lat, long=long))
    admin = User.objects.create_superuser(email="admin@example.org", password=PASSWORD)
    EmailAddress.objects.create(user=admin, email=admin.email, verified=True, primary=True)
    work = PublicWorkFactory(name="Mercado")
    return int(work.pk)


def test_maps_cluster_and_the_place_picker_fills_the_place(
    browser_tools, offline_maps, live_server
):
    work_id = _world()
    # Playwright runs an event loop in this thread: the ORM is not used from here on.
    from playwright.sync_api import sync_playwright

    requests: list[str] = []
    problems: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        context = browser.new_context(
            base_url=live_server.url,
            geolocation={"latitude": 20.659699, "longitude": -103.349609},
            permissions=["geolocation"],
        )
        context.on("request", lambda request: requests.append(request.url))
        page = context.new_page()
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.on(
            "console",
            lambda message: (
                problems.append(message.text) if "Content Security Policy" in message.text else None
            ),
        )
        try:
            _reports_map_clusters(page)
            _sign_in(page, live_server.url)
            _place_picker_fills_the_place(page, work_id)
            found = _axe(browser, live_server.url, work_id)
        finally:
            browser.close()
    assert problems == []
    assert found == [], "WCAG 2.1 AA violations with the maps drawn"
    outside = [url for url in requests if not url.startswith((live_server.url, "data:"))]
    assert outside == [], "requests left the test server"
    assert any("/static/no-tiles/" in url for url in requests)  # the map asked for its tiles here


def _expect():
    from playwright.sync_api import expect

    return expect


def _reports_map_clusters(page) -> None:
    expect = _expect()
    page.goto("/reportes/mapa/")
    page.wait_for_selector("[data-points-loaded]")
    assert page.get_attribute("[data-points-map]", "data-points-loaded") == str(len(PLACES))
    assert page.is_visible(".points-map")
    clusters = page.locator(".marker-cluster")
    expect(clusters).to_have_count(1)
    expect(clusters.first).to_have_text(re.compile(r"^4 reportes aquí"))
    # The one in Durango stands alone, a marker named after its report.
    lone = page.locator(".leaflet-marker-icon:not(.marker-cluster)")
    expect(lone).to_have_count(1)
    expect(lone.first).to_have_attribute("title", re.compile(r"^Reporte \d+: Bache$"))
    # Clicking the cluster zooms in and spreads its four markers (Durango's is out of view).
    clusters.first.click()
    expect(page.locator(".marker-cluster")).to_have_count(0)
    expect(page.locator(".leaflet-marker-icon:not(.marker-cluster)")).to_have_count(4)
    # The filtered list is there with or without the map.
    assert page.locator(".points-list li a").count() == len(PLACES)


def _sign_in(page, base_url: str) -> None:
    page.goto("/cuentas/login/")
    page.fill("#id_login", "admin@example.org")
    page.fill("#id_password", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base_url}/")


def _place_picker_fills_the_place(page, work_id: int) -> None:
    expect = _expect()
    page.goto(f"/contraloria-social/obras/{work_id}/editar/")
    picker = page.locator(".place-picker-map")
    picker.wait_for(state="visible")
    # The picker draws the configured tiles (asked of the test server) with their attribution.
    expect(picker.locator("img.leaflet-tile").first).to_be_attached()
    expect(picker.locator(".leaflet-control-attribution")).to_contain_text("OpenStreetMap")
    six = re.compile(r"^-?\d{1,3}\.\d{6}$")
    # A click on the map places the marker and fills both fields with 6 decimals.
    picker.click(position={"x": 120, "y": 90})
    expect(page.locator("#id_latitude")).not_to_have_value("")
    lat, long = page.input_value("#id_latitude"), page.input_value("#id_longitude")
    assert six.match(lat) and six.match(long), (lat, long)
    assert -90 <= float(lat) <= 90 and -180 <= float(long) <= 180
    # The address comes back from our server, which asked the (fake) geocoder.
    expect(page.locator("#id_location")).to_have_value(ADDRESS)
    expect(page.locator(".place-picker-status")).to_contain_text("Domicilio sugerido")
    # From the keyboard: focus the map, Enter marks its centre.
    picker.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#id_latitude")).not_to_have_value(lat)
    assert six.match(page.input_value("#id_latitude"))
    # "Usar mi ubicación" takes the browser's (mocked) position.
    page.get_by_role("button", name="Usar mi ubicación").click()
    expect(page.locator("#id_latitude")).to_have_value("20.659699")
    expect(page.locator("#id_longitude")).to_have_value("-103.349609")
    expect(page.locator(".place-picker-status")).to_contain_text("20.659699")
    page.get_by_role("button", name="Guardar").click()
    page.wait_for_url(re.compile(rf"/contraloria-social/obras/{work_id}/$"))
    assert "latitud 20.659699, longitud -103.349609" in page.inner_text("main")


def _axe(browser, base_url: str, work_id: int) -> list[str]:
    """axe-core's WCAG 2.1 A/AA rules on the pages with their maps drawn (axe is injected as an
    inline script, so this context bypasses the CSP the rest of the test enforces)."""
    from cocrea.core.tests.test_accessibility import AXE, _violations

    if not AXE.exists():
        return []
    page = browser.new_context(bypass_csp=True, base_url=base_url).new_page()
    found = []
    for url in ("/reportes/mapa/", "/contraloria-social/mapa/"):
        page.goto(url)
        page.wait_for_selector("[data-points-loaded]")
        found += _violations(page, label=url)
    _sign_in(page, base_url)
    page.goto(f"/contraloria-social/obras/{work_id}/editar/")
    page.locator(".place-picker-map .leaflet-tile-pane").wait_for(state="attached")
    page.locator(".place-picker-map").click(position={"x": 60, "y": 60})
    return found + _violations(page, label="place picker")
