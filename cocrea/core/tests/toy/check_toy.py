"""Run by test_capabilities.py in a process of its own with `--ds=cocrea.core.tests.toy.settings`:
a capability added by one folder and one INSTALLED_APPS line shows up everywhere."""

import io
import json
import zipfile

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from cocrea.core.capabilities import audit_pages, missing_capabilities
from cocrea.core.tests.toy.models import Gadget
from cocrea.opendata.bulk import stream_zip

pytestmark = pytest.mark.django_db


def test_its_page_is_routed_and_in_the_navigation():
    assert reverse("toy:gadget_list") == "/juguetes/"
    Gadget.objects.create(name="balero")
    assert "balero" in Client().get("/juguetes/").content.decode()
    home = Client().get("/").content.decode()
    assert '<a href="/juguetes/">Juguetes</a>' in home
    call_command("load_demo", verbosity=0)
    exercise = Client().get("/ejercicios/jalisco/").content.decode()
    assert '<a href="/juguetes/?ejercicio=jalisco">Juguetes del ejercicio</a>' in exercise


def test_its_api_is_mounted_and_documented():
    Gadget.objects.create(name="yoyo")
    assert Client().get("/api/v1/gadgets").json() == {"items": [{"name": "yoyo"}], "count": 1}
    assert "/api/v1/gadgets" in Client().get("/api/v1/openapi.json").json()["paths"]


def test_its_job_is_on_the_workers_schedule():
    out = io.StringIO()
    call_command("run_worker", "--list", stdout=out)
    assert "toy_tick" in out.getvalue()
    call_command("run_worker", "--once", "toy_tick", stdout=io.StringIO())
    assert Gadget.objects.filter(name="tick").exists()


def test_its_demo_its_open_table_and_its_national_chart():
    call_command("load_demo", verbosity=0)
    assert Gadget.objects.filter(name="trompo").exists()
    archive = zipfile.ZipFile(io.BytesIO(b"".join(stream_zip())))
    package = json.loads(archive.read("datapackage.json"))
    assert "cocrea-juguetes" in [r["name"] for r in package["resources"]]
    assert archive.read("cocrea-juguetes.csv").decode().startswith("id,nombre\n")
    assert "trompo" in archive.read("cocrea-juguetes.csv").decode()
    assert "Juguetes en el país" in Client().get("/tablero/").content.decode()


def test_it_is_audited_and_declared():
    assert "/juguetes/" in audit_pages()
    assert missing_capabilities() == []
