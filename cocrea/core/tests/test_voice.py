"""One voice (issue 15, item 9): the sign-in, sign-up and password pages and e-mails speak to the
reader as «tú» in es-MX (cocrea/locale/es_MX overrides django-allauth's and Django's «usted»),
their forms show the site's own error summary instead of the browser's pop-up, dates read
"1 de febrero de 2026", and the API's documentation page says its language."""

import datetime as dt
import re

import pytest
from django.conf import settings
from django.core import mail
from django.template import Context, Template
from django.test import Client
from django.utils import translation

from cocrea.core.tests.factories import PASSWORD, UserFactory
from cocrea.core.tests.helpers import client_for

pytestmark = pytest.mark.django_db

# What «usted» sounds like in these libraries' Spanish catalogs.
USTED = re.compile(
    r"(?<!\w)(usted|su (contraseña|cuenta|correo|dirección|usuario|navegador)|introduzca|"
    r"introdúzcalo|ingrese|¿ha olvidado|¿olvidó|inténtelo|escriba su|haga clic|ha iniciado|"
    r"desea|regístrese|inicie sesión|póngase|verifique|compruebe)(?!\w)",
    re.IGNORECASE,
)


def _readable(html: str) -> str:
    """The page's title and main content: what the reader reads, without the shared header."""
    title = re.search(r"<title>(.*?)</title>", html, re.S)
    main = re.search(r"<main.*?</main>", html, re.S)
    assert title and main
    return title.group(1) + main.group(0)


def _title(html: str) -> str:
    match = re.search(r"<title>(.*?)</title>", html, re.S)
    assert match
    return " ".join(match.group(1).split())


def _assert_tu(text: object, *expected: str) -> None:
    text = str(text)
    assert not USTED.search(text), USTED.search(text)
    for phrase in expected:
        assert phrase in text, phrase


# --- tú, on the pages ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/cuentas/login/", ["¿Olvidaste tu contraseña?", "Si aún no tienes cuenta"]),
        ("/cuentas/signup/", ["¿Ya tienes cuenta?", "Tu contraseña debe tener al menos 8"]),
        ("/cuentas/password/reset/", ["¿Olvidaste tu contraseña? Escribe tu correo electrónico"]),
        ("/cuentas/password/reset/done/", ["Te enviamos un correo"]),
    ],
)
def test_account_pages_speak_as_tu(url, expected):
    response = Client().get(url)
    assert response.status_code == 200
    _assert_tu(_readable(response.content.decode()), *expected)


def test_signed_in_account_pages_speak_as_tu():
    client = client_for(UserFactory())
    password = client.get("/cuentas/password/change/").content.decode()
    _assert_tu(_readable(password), "Contraseña actual", "¿Olvidaste tu contraseña?")
    email = client.get("/cuentas/email/").content.decode()
    _assert_tu(_readable(email), "Estos correos electrónicos están en tu cuenta")
    # The addresses are one group of choices, named by its legend.
    assert re.search(
        r'<fieldset class="form-row">\s*<legend>Estos correos electrónicos están en tu cuenta:',
        email,
    )


def test_sign_up_errors_speak_as_tu():
    response = Client().post(
        "/cuentas/signup/", {"email": "no-es-correo", "password1": "123", "password2": "456"}
    )
    _assert_tu(
        _readable(response.content.decode()),
        "Escribe un correo electrónico válido.",
        "Esta contraseña es demasiado corta.",
    )


def test_too_many_sign_in_failures_speak_as_tu():
    UserFactory(email="objetivo@example.org")
    client = Client()
    for _ in range(6):
        response = client.post(
            "/cuentas/login/", {"login": "objetivo@example.org", "password": "x"}
        )
    _assert_tu(_readable(response.content.decode()), "Demasiados intentos fallidos. Vuelve a")


# --- tú, in the e-mails -------------------------------------------------------------------------


def test_the_password_reset_email_speaks_as_tu():
    UserFactory(email="olvido@example.org")
    response = Client().post("/cuentas/password/reset/", {"email": "olvido@example.org"})
    assert response.status_code == 302
    [message] = mail.outbox
    _assert_tu(message.subject, "Restablece tu contraseña")
    # The site names itself (a data migration renames Django's example.com).
    assert message.subject.startswith("[Cocrea]") and "example.com" not in message.body
    _assert_tu(
        message.body,
        "tú u otra persona pidió restablecer la contraseña de tu cuenta",
        "Si no lo pediste, puedes ignorarlo.",
    )


def test_the_sign_up_emails_speak_as_tu():
    Client().post(
        "/cuentas/signup/",
        {"email": "nueva@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    [message] = mail.outbox
    _assert_tu(message.subject, "Confirma tu correo electrónico")
    _assert_tu(message.body, "Recibes este correo porque")


def test_a_reset_for_an_unknown_address_speaks_as_tu():
    Client().post("/cuentas/password/reset/", {"email": "nadie@example.org"})
    [message] = mail.outbox
    _assert_tu(f"{message.subject}\n{message.body}", "no tenemos ninguna cuenta con ese correo")


def test_english_keeps_allauth_english():
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "Forgot your password?" in client.get("/cuentas/login/").content.decode()


# --- the site's own error summary, not the browser's pop-up ------------------------------------


@pytest.mark.parametrize("url", ["/cuentas/login/", "/cuentas/signup/", "/cuentas/password/reset/"])
def test_account_forms_are_not_validated_by_the_browser(url):
    html = Client().get(url).content.decode()
    forms = re.findall(r"<form [^>]*method=\"post\"[^>]*>", _readable(html))
    assert forms and all("novalidate" in form for form in forms)
    assert not _title(html).startswith("Error")
    assert "error-summary" not in html


def test_signed_in_account_forms_are_not_validated_by_the_browser():
    client = client_for(UserFactory())
    for url in ("/cuentas/password/change/", "/cuentas/email/"):
        forms = re.findall(r"<form [^>]*>", _readable(client.get(url).content.decode()))
        assert forms and all("novalidate" in form for form in forms), url


def test_a_wrong_password_shows_the_summary_and_error_in_the_title():
    UserFactory(email="persona@example.org")
    response = Client().post(
        "/cuentas/login/", {"login": "persona@example.org", "password": "equivocada"}
    )
    assert response.status_code == 200  # as allauth answers
    html = response.content.decode()
    assert _title(html).startswith("Error: Entrar")
    summary = re.search(r'<div class="error-summary" role="alert".*?</div>', html, re.S)
    assert summary
    assert "Revisa lo siguiente" in summary.group(0)
    assert "El correo electrónico o la contraseña que escribiste no son correctos." in html


def test_bad_sign_up_data_is_summarized_with_links_to_the_fields():
    response = Client().post(
        "/cuentas/signup/", {"email": "no-es-correo", "password1": "123", "password2": "456"}
    )
    assert response.status_code == 200  # as allauth answers
    html = response.content.decode()
    assert _title(html).startswith("Error: Crear cuenta")
    summary = re.search(r'<div class="error-summary".*?</div>', html, re.S)
    assert summary
    assert '<a href="#id_email">Correo electrónico</a>: Escribe un correo electrónico válido.' in (
        summary.group(0)
    )
    assert '<a href="#id_password1">' in summary.group(0)
    # Each field's own message, tied to the input it describes.
    assert 'id="id_email_error"' in html
    email_input = re.search(r'<input type="email" name="email"[^>]*>', html)
    assert email_input
    assert 'aria-invalid="true"' in email_input.group(0)
    assert 'aria-describedby="id_email_error"' in email_input.group(0)


def test_account_fields_are_labelled_and_say_what_to_autocomplete():
    html = Client().get("/cuentas/signup/").content.decode()
    for name, autocomplete in (
        ("email", "email"),
        ("password1", "new-password"),
        ("password2", "new-password"),
    ):
        assert f'<label for="id_{name}">' in html
        field = re.search(rf'<input [^>]*name="{name}"[^>]*>', html)
        assert field and f'autocomplete="{autocomplete}"' in field.group(0)
    # The password rules are the password field's description.
    assert 'aria-describedby="id_password1_helptext"' in html
    assert '<div class="help" id="id_password1_helptext">' in html
    login = Client().get("/cuentas/login/").content.decode()
    assert '<label for="id_login">Correo electrónico</label>' in login
    assert 'autocomplete="current-password"' in login


# --- dates --------------------------------------------------------------------------------------


def test_dates_read_in_spanish_with_lower_case_months_and_days():
    template = Template('{{ d|date }}|{{ d|date:"l j \\d\\e F" }}|{{ d|date:"F Y" }}')
    with translation.override("es-mx"):
        rendered = template.render(Context({"d": dt.date(2026, 2, 1)}))
    assert rendered == "1 de febrero de 2026|domingo 1 de febrero|febrero 2026"


# --- the API documentation page -----------------------------------------------------------------


def test_the_api_docs_page_says_its_language():
    html = Client().get("/api/v1/docs").content.decode()
    assert '<html lang="es">' in html
    assert "swagger-ui" in html
    english = Client()
    english.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert '<html lang="en">' in english.get("/api/v1/docs").content.decode()
