"""The background worker's schedule: each job a management command, run by one worker at a time
even when several machines run workers (a PostgreSQL advisory lock per job)."""

import contextlib
import logging
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.core.management import call_command
from django.db import close_old_connections, connection

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    command: str
    trigger: str  # APScheduler trigger: "interval" or "cron"
    schedule: dict[str, Any]
    why: str


JOBS = (
    Job("send_notifications", "interval", {"minutes": 1}, "avisos en cola"),
    Job("clean_photos", "interval", {"seconds": 20}, "fotos recibidas por la API, sin metadatos"),
    Job("build_open_data", "cron", {"minute": 5}, "descarga masiva de datos abiertos"),
    Job("run_checks", "cron", {"hour": 3, "minute": 0}, "reglas de consistencia"),
    Job(
        "send_weekly_digest",
        "cron",
        {"day_of_week": "mon", "hour": 7, "minute": 0},
        "resumen semanal",
    ),
)


@contextlib.contextmanager
def exclusive(name: str) -> Iterator[bool]:
    """True when this worker holds the job's lock (always, on SQLite: a single machine)."""
    if connection.vendor != "postgresql":
        yield True
        return
    key = zlib.crc32(f"cocrea-job:{name}".encode())
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
        held = bool(cursor.fetchone()[0])
    try:
        yield held
    finally:
        if held:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [key])


def _fresh_connections() -> None:
    # A long-lived worker drops dead or expired connections between jobs (inside a
    # transaction, as in tests, there is nothing to drop).
    if not connection.in_atomic_block:
        close_old_connections()


def run(job: Job) -> bool:
    """Runs one job unless another worker is running it; True if it ran."""
    _fresh_connections()
    try:
        with exclusive(job.command) as held:
            if not held:
                logger.info("%s: another worker is running it", job.command)
                return False
            call_command(job.command, verbosity=0)
            return True
    except Exception:
        # One failed run must not stop the schedule; the next run tries again.
        logger.exception("job %s failed", job.command)
        return False
    finally:
        _fresh_connections()
