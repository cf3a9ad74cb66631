"""A form shown again with errors says so first, in the page's title, as screen readers announce
it (issue 15, item 7: "Error:" at the start of the title)."""

import re

import pytest

from cocrea.core.tests.helpers import client_for

pytestmark = pytest.mark.django_db


def _title(html: str) -> str:
    match = re.search(r"<title>(.*?)</title>", html, re.S)
    assert match
    return match.group(1).strip()


def test_a_form_with_errors_starts_its_title_with_error(roles):
    url = f"/ejercicios/{roles.exercise.slug}/roles/"
    client = client_for(roles.coordinator)
    assert not _title(client.get(url).content.decode()).startswith("Error:")
    refused = client.post(url, {"email": "no-es-correo", "role": "secretariat"})
    assert refused.status_code == 400
    assert _title(refused.content.decode()).startswith("Error: ")


def test_a_page_without_a_form_has_no_error_in_its_title():
    html = client_for(None).get("/ejercicios/").content.decode()
    assert not _title(html).startswith("Error")
