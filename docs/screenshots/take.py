"""Screenshots at 375 px for the README: `python docs/screenshots/take.py http://127.0.0.1:8000`.

Run against a server with the demonstration loaded (`make run`), in Debian's chromium through
Playwright, as the browser tests do. Each picture is the top of the page as a phone shows it.
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

HERE = Path(__file__).parent
WIDTH, HEIGHT = 375, 1500
CATEGORY = "/reportes/nuevo/guadalajara-servicio-publico/"
PAGES = {
    "inicio": "/",
    "consulta": "/ejercicios/jalisco/consultas/consulta-ejemplo-jalisco-pal-2/",
    "compromiso": "/ejercicios/jalisco/planes/2/compromisos/5/",
}


def _report_flow(page, base: str) -> None:
    """The report flow's second question, '¿Dónde?', reached by answering the first (its map
    shows tiles only when the tile server answers)."""
    page.goto(base + CATEGORY)
    page.fill("#id_description", "Una luminaria apagada en la esquina.")
    page.get_by_label("Alumbrado público").check()
    page.get_by_role("button", name="Continuar").click()
    page.fill("#id_address", "Av. Juárez y Colón, Centro")
    page.screenshot(path=HERE / "reporte.png", clip=_clip())


def _clip() -> dict[str, int]:
    return {"x": 0, "y": 0, "width": WIDTH, "height": HEIGHT}


def main(base: str) -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--headless"])
        page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
        for name, path in PAGES.items():
            page.goto(base + path)
            page.screenshot(path=HERE / f"{name}.png", clip=_clip())
        _report_flow(page, base)
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1].rstrip("/") if len(sys.argv) > 1 else "http://127.0.0.1:8000")
