"""What the acceptance journey (test_journey.py) does with a browser, written once.

Each person has their own browser context, signed in through the sign-in page. Every page
visited is checked: never under /admin/, never an error page. A step that the platform cannot
do through its own pages for the person who should do it is recorded as a gap (`Journey.gap`);
the journey goes on where it can, and the test fails at its end listing every gap.
"""

import dataclasses
import re
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.core import mail

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
PASSWORD = "una-contraseña-larga-del-recorrido"
SAVED = "Los cambios se guardaron."
# Long enough for a page of the live server, short enough for a missing element to fail fast.
TIMEOUT_MS = 5000
# The live server's first answer loads the whole site (several seconds on a busy machine).
NAVIGATION_MS = 30000


class StepFailed(AssertionError):
    """A step the person could not do through the platform's pages."""


@dataclass
class Journey:
    """The browser, the people's signed-in pages, and the gaps found on the way."""

    browser: Any
    base_url: str
    gaps: list[str] = dataclasses.field(default_factory=list)
    pages: dict[str, Any] = dataclasses.field(default_factory=dict)
    step: str = ""
    current: Any = None
    table: str = ""  # the working table's page, where the platform gives it one
    timings: list[tuple[str, float]] = dataclasses.field(default_factory=list)

    def where(self) -> str:
        """Where the journey stopped: the step, and the page the person last saw."""
        page = self.current
        if page is None or page.is_closed():
            return f"step {self.step!r}"
        text = page.locator("body").inner_text()[:1500]
        return f"step {self.step!r}, at {page.url}:\n{text}"

    # --- pages --------------------------------------------------------------------------------

    def new_page(self) -> Any:
        context = self.browser.new_context(base_url=self.base_url, locale="es-MX")
        context.set_default_timeout(TIMEOUT_MS)
        context.set_default_navigation_timeout(NAVIGATION_MS)
        return context.new_page()

    def visitor(self) -> Any:
        """An anonymous visitor's page (a fresh context each time: nobody signed in)."""
        return self.new_page()

    def go(self, page: Any, url: str, *, expect_status: int = 200) -> Any:
        self.current = page
        response = page.goto(url)
        self.seen(page)
        status = response.status if response is not None else 0
        if status != expect_status:
            heading = _first_heading(page)
            raise StepFailed(f"[{self.step}] {url} answered {status} ({heading!r}) to {page.url}")
        return page

    def path(self, page: Any) -> str:
        """The address of the page the person is on, without the server."""
        return self.path_of(str(page.url))

    def path_of(self, address: str) -> str:
        """An address the platform showed (a tracking link), without the server."""
        return address.split(self.base_url, 1)[-1]

    def seen(self, page: Any) -> None:
        """No page of the journey is the Django admin."""
        assert "/admin/" not in page.url, f"[{self.step}] a step went to the admin: {page.url}"

    def submit(self, page: Any, button: str, *, expect_error: bool = False) -> None:
        """Presses the form's button and checks the answer: saved, or (when expected) refused."""
        self.current = page
        page.get_by_role("button", name=button, exact=True).click()
        page.wait_for_load_state()
        self.seen(page)
        summary = page.locator(".error-summary")
        if expect_error:
            assert summary.count(), f"[{self.step}] expected the form to refuse: {page.url}"
            return
        if summary.count():
            raise StepFailed(f"[{self.step}] the form was refused: {summary.inner_text()}")
        if page.locator("main h1, h1").first.inner_text() in ERROR_TITLES:
            raise StepFailed(f"[{self.step}] {page.url}: {page.locator('main').inner_text()}")

    def message(self, page: Any, text: str) -> None:
        """The message the platform shows after an action."""
        messages = page.locator(".messages, .msg, [role=status], [role=alert]")
        assert text in " ".join(messages.all_inner_texts()), (
            f"[{self.step}] expected the message {text!r} on {page.url}, "
            f"saw {messages.all_inner_texts()}"
        )

    def heading(self, page: Any, text: str | re.Pattern[str]) -> None:
        locator = page.get_by_role("heading", level=1)
        actual = locator.first.inner_text()
        matches = text.search(actual) if isinstance(text, re.Pattern) else text in actual
        assert matches, f"[{self.step}] expected the heading {text!r} on {page.url}, saw {actual!r}"

    def sees(self, page: Any, text: str) -> None:
        body = page.locator("main").inner_text()
        assert text in body, f"[{self.step}] expected {text!r} on {page.url}"

    def sees_not(self, page: Any, text: str) -> None:
        body = page.locator("main").inner_text()
        assert text not in body, f"[{self.step}] did not expect {text!r} on {page.url}"

    # --- gaps ---------------------------------------------------------------------------------

    def gap(self, what: str) -> None:
        """A step that needs the platform administrator, a shell, or a page that is missing."""
        self.gaps.append(f"[{self.step}] {what}")

    @contextmanager
    def steps(self, name: str) -> Iterator[None]:
        self.step = name
        started = time.monotonic()
        yield
        self.timings.append((name, time.monotonic() - started))

    # --- accounts -----------------------------------------------------------------------------

    def sign_up(self, email: str) -> None:
        """Signs up on the sign-up page and follows the link of the verification e-mail."""
        page = self.new_page()
        self.go(page, "/cuentas/signup/")
        sent = len(mail.outbox)
        page.get_by_label(re.compile("Correo electrónico", re.I)).fill(email)
        page.get_by_label(re.compile(r"^Contraseña:?$")).fill(PASSWORD)
        page.get_by_label(re.compile(r"Contraseña \(de nuevo\)")).fill(PASSWORD)
        page.get_by_role("button", name=re.compile("Regist|Crear", re.I)).click()
        page.wait_for_load_state()
        link = _confirmation_link(email, sent)
        self.go(page, link)
        page.get_by_role("button", name=re.compile("Confirm", re.I)).click()
        page.wait_for_load_state()
        self.seen(page)
        page.context.close()

    def sign_in(self, who: str, email: str) -> Any:
        """`who`'s page, signed in through the sign-in page."""
        page = self.new_page()
        self.go(page, "/cuentas/login/")
        page.get_by_label(re.compile("Correo electrónico", re.I)).fill(email)
        page.get_by_label(re.compile(r"^Contraseña:?$")).fill(PASSWORD)
        page.get_by_role("button", name=re.compile("Iniciar sesión|Entrar", re.I)).click()
        page.wait_for_url(f"{self.base_url}/")
        self.seen(page)
        self.pages[who] = page
        return page


def field(where: Any, label: str) -> Any:
    """The form field whose label is `label` (followed only by the required mark or a colon),
    so that "Secretariado" is not "Cargo en el secretariado" and "Respuesta" not "Respuesta
    razonada": the test reads the labels a person reads."""
    return where.get_by_label(re.compile("^" + re.escape(label) + r"( \*| \(|:|$)"))


ERROR_TITLES = {
    "Acceso no permitido",
    "No encontramos esta página",
    "Solicitud no válida",
    "Error del servidor",
}


def _first_heading(page: Any) -> str:
    headings = page.locator("h1")
    return str(headings.first.inner_text()) if headings.count() else ""


def _confirmation_link(email: str, sent: int) -> str:
    for message in reversed(mail.outbox[sent:]):
        if email in message.to:
            found = re.search(r"https?://\S+/cuentas/confirm-email/\S+", str(message.body))
            if found:
                return found.group(0)
    raise StepFailed(f"no verification e-mail with a link reached {email}")
