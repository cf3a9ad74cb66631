"""Limits hold with several workers: they count in a cache every process shares (Redis, or the
`cocrea_cache` table), and `check` refuses a configuration where they would count per process.

The multi-worker tests start two separate Python processes on one database and make them hit
the same limit at the same moment: together they get exactly the limit, not twice it.
"""

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import caches
from django.core.checks import Tags, run_checks
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.db import connection
from django_ratelimit.core import _get_window

from cocrea.core.checks import limits_count_in_a_shared_cache

ROOT = Path(__file__).resolve().parents[3]
LOCMEM = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
ADDRESS = "198.51.100.7"

# One worker: waits for the signal, then makes `attempts` requests against one limit, all from
# one address, and prints how many were accepted. `kind` says which limit; "per-process" is the
# same Open311 limit counted in each process's own memory (the configuration refused below).
WORKER = """
import os, sys, time
import django
django.setup()
from django.test import RequestFactory, override_settings
from django_ratelimit.core import is_ratelimited
from allauth.core.ratelimit import consume

kind, attempts, barrier, ip = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
LOCMEM = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
open(f"{barrier}/ready-{os.getpid()}", "w").close()
while not os.path.exists(f"{barrier}/go"):
    time.sleep(0.005)

def open311():
    request = RequestFactory().post("/open311/v2/requests.json", REMOTE_ADDR=ip)
    return not is_ratelimited(request, group="open311", key="ip", rate="60/m", increment=True)

def sign_in_failure():
    request = RequestFactory().post("/cuentas/login/", REMOTE_ADDR=ip)
    return bool(consume(request, action="login_failed", key=f"duena@example.org:{ip}"))

if kind == "per-process":
    with override_settings(CACHES={"default": LOCMEM, "limits": LOCMEM}):
        print(sum(open311() for _ in range(attempts)))
else:
    attempt = open311 if kind == "open311" else sign_in_failure
    print(sum(attempt() for _ in range(attempts)))
"""


@pytest.fixture(scope="module")
def shared_database_url(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[str]:
    """The PostgreSQL test database when the suite runs on it; otherwise a new SQLite file
    (pytest's SQLite test database lives in this process's memory) with the cache table."""
    if connection.vendor == "postgresql":
        s = connection.settings_dict
        password = f":{s['PASSWORD']}" if s["PASSWORD"] else ""
        yield f"postgres://{s['USER']}{password}@{s['HOST']}:{s['PORT'] or 5432}/{s['NAME']}"
        with django_db_blocker.unblock():
            caches["limits"].clear()  # the workers' counts were committed
        return
    url = f"sqlite:///{tmp_path_factory.mktemp('compartida') / 'cocrea.sqlite3'}"
    created = subprocess.run(
        [sys.executable, "manage.py", "createcachetable"],
        cwd=ROOT,
        env=_env(url),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert created.returncode == 0, created.stderr
    yield url


def _env(database_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DATABASE_REPLICA_URL"}}
    return {**env, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "cocrea.settings"}


def _two_workers(
    kind: str, attempts: int, database_url: str, barrier: Path, address: str = ADDRESS
) -> list[int]:
    barrier.mkdir()
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, kind, str(attempts), str(barrier), address],
            cwd=ROOT,
            env=_env(database_url),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    deadline = time.monotonic() + 120
    while len(list(barrier.glob("ready-*"))) < 2 and time.monotonic() < deadline:
        time.sleep(0.02)
    (barrier / "go").touch()  # both start at once
    accepted = []
    for worker in workers:
        out, err = worker.communicate(timeout=120)
        assert worker.returncode == 0, err
        accepted.append(int(out.split()[-1]))
    return accepted


def _address_whose_window_does_not_end_soon() -> str:
    """django-ratelimit counts in fixed windows; a window that ends mid-test would start a
    new count (and accept more, rightly). Start well inside one: each address's window ends at
    its own second of the minute, so one of the documentation addresses (RFC 5737) has at least
    15 s left now, and no test waits for a window to end."""
    for last in range(1, 255):
        address = f"198.51.100.{last}"
        if _get_window(address, 60) - time.time() >= 15:
            return address
    raise AssertionError("every window ends within 15 s")  # pragma: no cover


def test_two_workers_accept_the_open311_limit_together_not_each(shared_database_url, tmp_path):
    address = _address_whose_window_does_not_end_soon()
    accepted = _two_workers("open311", 50, shared_database_url, tmp_path / "barrera", address)
    assert sum(accepted) == 60, accepted  # 100 attempts, limit 60 a minute


def test_counted_in_each_process_the_same_limit_lets_twice_through(shared_database_url, tmp_path):
    """The control: the per-process configuration `check` refuses really is what fails."""
    accepted = _two_workers("per-process", 50, shared_database_url, tmp_path / "barrera")
    assert accepted == [50, 50]  # 100 accepted against 60


def test_two_workers_share_the_failed_sign_in_count(shared_database_url, tmp_path):
    accepted = _two_workers("sign-in", 8, shared_database_url, tmp_path / "barrera")
    assert sum(accepted) == 5, accepted  # 5 failures per account and address, not 5 each


def test_the_configuration_passes_its_own_check():
    assert limits_count_in_a_shared_cache() == []
    checked = [m for m in run_checks(tags=[Tags.caches]) if not m.is_silenced()]
    assert not [m for m in checked if m.id and m.id.startswith(("core.", "django_ratelimit"))]


def test_limits_in_process_memory_are_refused(settings):
    settings.CACHES = {**settings.CACHES, "limits": LOCMEM}
    assert [m.id for m in limits_count_in_a_shared_cache()] == ["core.E001", "core.E001"]
    # django-ratelimit's own check (its app is installed) says so too.
    assert "django_ratelimit.E003" in [m.id for m in run_checks(tags=[Tags.caches])]
    with pytest.raises(SystemCheckError, match=r"core\.E001"):
        call_command("check")


def test_gunicorn_refuses_to_start_when_limits_would_count_per_process(settings):
    """deploy/gunicorn.conf.py's `on_starting` runs the checks before any worker is forked."""
    config: dict[str, Any] = {}
    exec(Path("deploy/gunicorn.conf.py").read_text(), config)  # noqa: S102
    on_starting = config["on_starting"]
    on_starting(None)  # the configuration as it is: starts
    settings.CACHES = {**settings.CACHES, "limits": LOCMEM}
    with pytest.raises(SystemCheckError, match=r"core\.E001"):
        on_starting(None)


def test_allauth_counting_in_the_default_memory_cache_is_refused(settings):
    settings.CACHES = {**settings.CACHES, "default": LOCMEM}
    assert [m.id for m in limits_count_in_a_shared_cache()] == ["core.E001"]


def test_a_split_cache_that_keeps_allauths_keys_in_memory_is_refused(settings):
    default = settings.CACHES["default"]
    options = {**default["OPTIONS"], "SHARED_PREFIXES": ["algo-mas:"]}
    settings.CACHES = {**settings.CACHES, "default": {**default, "OPTIONS": options}}
    assert [m.id for m in limits_count_in_a_shared_cache()] == ["core.E002"]


def test_the_load_test_switch_turns_only_django_ratelimit_off(settings):
    settings.RATELIMIT_ENABLE = False
    settings.CACHES = {**settings.CACHES, "limits": LOCMEM}
    # django-ratelimit counts nothing; allauth still counts in "limits" and is refused.
    assert [m.id for m in limits_count_in_a_shared_cache()] == ["core.E001"]


def test_with_redis_every_limit_counts_in_redis(settings):
    code = (
        "from django.conf import settings as s; "
        "print(s.CACHES['default']['BACKEND'], s.CACHES[s.RATELIMIT_USE_CACHE]['BACKEND'])"
    )
    env = {**_env("sqlite:///:memory:"), "REDIS_URL": "redis://127.0.0.1:6379/1"}
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.stdout.split() == ["django.core.cache.backends.redis.RedisCache"] * 2, (
        result.stderr
    )


@pytest.mark.django_db
def test_the_shared_table_counts_atomically_and_expires():
    limits = caches["limits"]
    assert limits.add("cuenta", 1, 60)
    assert not limits.add("cuenta", 1, 60)
    assert [limits.incr("cuenta") for _ in range(3)] == [2, 3, 4]
    assert limits.decr("cuenta", 2) == 2
    with pytest.raises(ValueError, match="not found"):
        limits.incr("otra")
    limits.set("vencida", 1, -1)
    with pytest.raises(ValueError, match="not found"):
        limits.incr("vencida")


@pytest.mark.django_db
def test_allauth_keys_go_to_the_shared_table_and_the_rest_stays_in_memory():
    cache = caches["default"]
    cache.set("allauth:rl:prueba", [1.0], 60)
    cache.set("fragment:prueba", "<p>hola</p>", 60)
    assert caches["limits"].get("allauth:rl:prueba") == [1.0]
    assert caches["local"].get("allauth:rl:prueba") is None
    assert caches["local"].get("fragment:prueba") == "<p>hola</p>"
    assert caches["limits"].get("fragment:prueba") is None
    assert cache.get_many(["allauth:rl:prueba", "fragment:prueba"]) == {
        "allauth:rl:prueba": [1.0],
        "fragment:prueba": "<p>hola</p>",
    }
    cache.delete_many(["allauth:rl:prueba", "fragment:prueba"])
    assert cache.get_many(["allauth:rl:prueba", "fragment:prueba"]) == {}
