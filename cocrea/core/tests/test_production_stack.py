"""The production deployment, exercised: collectstatic, migrate, gunicorn with
deploy/gunicorn.conf.py, whitenoise serving hashed static files, HTTPS behind a proxy."""

import http.client
import os
import re
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from cocrea.core.tests.test_settings import PRODUCTION_ENV

ROOT = Path(__file__).resolve().parents[3]
GUNICORN = Path(sys.executable).parent / "gunicorn"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass(frozen=True)
class Fetched:
    """A response read to the end."""

    status: int
    headers: http.client.HTTPMessage
    body: bytes

    def getheader(self, name: str) -> str:
        """As HTTPResponse.getheader, with "" for a header the response does not have."""
        return ", ".join(self.headers.get_all(name, []))


def _get(port: int, path: str, **headers: str) -> Fetched:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", path, headers={"Host": "cocrea.example.org", **headers})
    response = conn.getresponse()
    return Fetched(response.status, response.headers, response.read())


@pytest.fixture
def server(tmp_path):
    port = _free_port()
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("DEBUG", "SECURE_SSL_REDIRECT")},
        **PRODUCTION_ENV,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "STATIC_ROOT": str(tmp_path / "static"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "1",
        "GUNICORN_ACCESS_LOG": "",
    }
    # Independent (files, database): side by side, as a deployment script may run them.
    steps = [
        subprocess.Popen(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for args in (["collectstatic", "--noinput"], ["migrate", "--noinput"])
    ]
    for step in steps:
        _out, err = step.communicate(timeout=180)
        assert step.returncode == 0, err.decode()[-3000:]
    command = [str(GUNICORN), "-c", "deploy/gunicorn.conf.py", "cocrea.wsgi"]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                if _get(port, "/healthz").status == 200:
                    break
            except OSError:
                time.sleep(0.1)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_gunicorn_serves_the_site_over_https_behind_a_proxy(server):
    health = _get(server, "/healthz")
    assert health.status == 200 and b'"database": "ok"' in health.body
    assert _get(server, "/").status == 301  # plain HTTP goes to HTTPS
    page = _get(server, "/", **{"X-Forwarded-Proto": "https"})
    assert page.status == 200 and page.getheader("Strict-Transport-Security")
    assert page.getheader("Content-Security-Policy")
    stylesheet = re.search(rb'href="(/static/css/cocrea\.[0-9a-f]+\.css)"', page.body)
    assert stylesheet, "whitenoise's manifest names the stylesheet by its content"
    static = _get(server, stylesheet.group(1).decode(), **{"X-Forwarded-Proto": "https"})
    assert static.status == 200 and "max-age=315360000" in static.getheader("Cache-Control")
