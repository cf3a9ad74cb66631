"""A newcomer's commands work: `make run` writes a development `.env` (DEBUG=1 and a secret of
its own) on its first run, settings read it, and the real environment wins over it. Production
without a SECRET_KEY still refuses to start, and the tests never read a developer's file."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[3]
PRINT_SETTINGS = "from django.conf import settings as s; print(s.DEBUG, s.SECRET_KEY, s.ENV_FILE)"
# What a shell that never ran `make run` has: none of the variables settings read.
UNSET = {"DEBUG", "SECRET_KEY", "ENV_FILE", "DATABASE_URL", "DATABASE_REPLICA_URL", "REDIS_URL"}


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in UNSET}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, "DATABASE_URL": "sqlite:///:memory:", **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _settings(**env: str) -> list[str]:
    result = _manage("shell", "--no-imports", "-c", PRINT_SETTINGS, **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_settings_read_the_env_file(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text("DEBUG=1\nSECRET_KEY=del-archivo\n")
    assert _settings(ENV_FILE=str(env_file)) == ["True", "del-archivo", str(env_file)]


def test_the_real_environment_wins_over_the_file(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text("DEBUG=1\nSECRET_KEY=del-archivo\n")
    real = _settings(ENV_FILE=str(env_file), DEBUG="0", SECRET_KEY="del-entorno")
    assert real == ["False", "del-entorno", str(env_file)]


def test_the_file_is_the_checkouts_dot_env_unless_named():
    result = _manage("shell", "--no-imports", "-c", PRINT_SETTINGS, DEBUG="1")
    assert result.stdout.split()[-1] == str(ROOT / ".env"), result.stderr


def test_production_without_a_secret_key_still_refuses_to_start(tmp_path):
    no_file = _manage("check", ENV_FILE=str(tmp_path / "no-existe.env"))
    assert no_file.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in no_file.stderr
    without_secret = tmp_path / ".env"
    without_secret.write_text("ALLOWED_HOSTS=cocrea.example.org\n")
    assert "SECRET_KEY must be set" in _manage("check", ENV_FILE=str(without_secret)).stderr


def test_the_tests_never_read_a_developers_env_file():
    assert os.environ["ENV_FILE"] == ""  # forced by pyproject's pytest env, not a default
    assert settings.ENV_FILE == ""
    assert not settings.DEBUG


MAKE = shutil.which("make")


@pytest.mark.skipif(MAKE is None, reason="make is not installed")
def test_make_writes_a_development_env_once_and_the_commands_then_work(tmp_path):
    def make_env(directory: Path) -> str:
        directory.mkdir(exist_ok=True)
        made = subprocess.run(
            [str(MAKE), "-s", "-f", str(ROOT / "Makefile"), "-C", str(directory), ".env"],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert made.returncode == 0, made.stderr
        return (directory / ".env").read_text()

    first = make_env(tmp_path / "a")
    lines = dict(line.split("=", 1) for line in first.splitlines())
    assert lines["DEBUG"] == "1"
    assert len(lines["SECRET_KEY"]) >= 50
    assert (tmp_path / "a" / ".env").stat().st_mode & 0o077 == 0  # only its owner reads it
    assert make_env(tmp_path / "a") == first  # never overwritten
    assert make_env(tmp_path / "b") != first  # each checkout its own secret
    # `manage.py …`, as the README writes it, now finds its settings (it failed on SECRET_KEY).
    result = _manage("check", ENV_FILE=str(tmp_path / "a" / ".env"))
    assert result.returncode == 0, result.stderr
