"""The background worker: each job a management command that a capability declares (see
`capabilities.jobs()`), run by one worker at a time even when several machines run workers (a
PostgreSQL advisory lock per job)."""

import contextlib
import logging
import zlib
from collections.abc import Iterator

from django.core.management import call_command
from django.db import close_old_connections, connection

from cocrea.core.capabilities import Job

logger = logging.getLogger(__name__)


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
