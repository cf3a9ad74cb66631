"""The capability registry: every app declares itself, and a new capability needs nothing but
its own folder and one INSTALLED_APPS line (the toy capability, run in a process of its own)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.test import Client

from cocrea.core import capabilities
from cocrea.core.capabilities import Capability, NavLink, Registry

ROOT = Path(__file__).resolve().parents[3]


def test_every_installed_cocrea_app_declares_a_capability():
    assert capabilities.missing_capabilities() == []
    labels = {c.label for c in capabilities.registry}
    cocrea_apps = {c.label for c in apps.get_app_configs() if c.name.startswith("cocrea.")}
    assert labels == cocrea_apps


def test_an_app_without_capability_is_reported(monkeypatch):
    partial = Registry()
    for capability in capabilities.registry:
        if capability.label != "demo":
            partial.register(capability)
    monkeypatch.setattr(capabilities, "registry", partial)
    assert capabilities.missing_capabilities() == ["cocrea.demo"]


def test_a_capability_cannot_register_twice():
    registry = Registry()
    registry.register(Capability(label="x"))
    with pytest.raises(ValueError, match="twice"):
        registry.register(Capability(label="x"))


def test_demo_loaders_follow_what_they_declare_and_a_cycle_is_refused(monkeypatch):
    order = [c.label for c in capabilities.demo_order()]
    for capability in capabilities.registry:
        for before in capability.demo_after:
            if before in order and capability.label in order:
                assert order.index(before) < order.index(capability.label)
    looped = Registry()
    looped.register(Capability(label="core", demo="a.b", demo_after=("exercises",)))
    looped.register(Capability(label="exercises", demo="a.c", demo_after=("core",)))
    monkeypatch.setattr(capabilities, "registry", looped)
    with pytest.raises(ValueError, match="wait on each other"):
        capabilities.demo_order()


def test_open_table_sources_and_jobs_are_unique():
    sources = [t.source for t in capabilities.open_tables()]
    commands = [j.command for j in capabilities.jobs()]
    assert len(sources) == len(set(sources)) and len(commands) == len(set(commands))


@pytest.mark.django_db
def test_the_navigation_comes_from_the_registry(monkeypatch):
    home = Client().get("/").content.decode()
    for link in capabilities.main_nav():
        assert f">{link.label}</a>" in home
    extra = Registry()
    for capability in capabilities.registry:
        extra.register(capability)
    extra.register(Capability(label="extra", main_nav=(NavLink("pages:home", "Portada", 1),)))
    monkeypatch.setattr(capabilities, "registry", extra)
    assert '<li><a href="/">Portada</a></li>' in Client().get("/territorios/").content.decode()


def test_a_toy_capability_shows_up_everywhere_without_editing_another_file():
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    result = subprocess.run(  # a settings module of its own needs a process of its own
        [
            sys.executable, "-m", "pytest", "-o", "addopts=", "-q", "-p", "no:xdist", "-p", "no:cacheprovider",
            "--ds=cocrea.core.tests.toy.settings", "cocrea/core/tests/toy/check_toy.py",
        ],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "5 passed" in result.stdout
