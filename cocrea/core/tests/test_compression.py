"""Pages, the API and exports travel compressed to clients that accept it (issue 15, item 10)."""

import gzip
import json

import pytest
from django.test import Client

from cocrea.exercises.tests.factories import ExerciseFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/", "/ejercicios/", "/api/v1/exercises"])
def test_html_and_json_are_gzipped_for_clients_that_accept_it(url):
    ExerciseFactory.create_batch(5)  # a body worth compressing (Django skips under 200 bytes)
    response = Client().get(url, headers={"accept-encoding": "gzip, br"})
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    body = gzip.decompress(response.content)
    if url.startswith("/api/"):
        json.loads(body)
    else:
        assert b"<!doctype html>" in body.lower()


def test_clients_that_do_not_accept_it_get_plain_responses():
    response = Client().get("/ejercicios/")
    assert "Content-Encoding" not in response
    assert b"<!doctype html>" in response.content.lower()
