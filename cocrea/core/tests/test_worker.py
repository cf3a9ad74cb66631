import io
import zlib

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command, get_commands
from django.db import connection

from cocrea.core import worker
from cocrea.core.capabilities import jobs
from cocrea.opendata.bulk import BUILT

pytestmark = pytest.mark.django_db


def test_the_schedule_names_real_commands():
    out = io.StringIO()
    call_command("run_worker", "--list", stdout=out)
    listed = out.getvalue()
    commands = get_commands()
    for job in jobs():
        assert job.command in listed and job.command in commands


def test_a_job_runs_once_on_demand():
    call_command("run_worker", "--once", "build_open_data", stdout=io.StringIO())
    assert default_storage.exists(BUILT)
    with pytest.raises(CommandError, match="Tarea desconocida"):
        call_command("run_worker", "--once", "borrar_todo")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="advisory locks of PostgreSQL")
def test_a_job_held_by_another_worker_is_skipped():
    from django.db import connections

    job = jobs()[0]
    other = connections.create_connection("default")  # another worker's session
    try:
        with other.cursor() as cursor:
            key = zlib.crc32(f"cocrea-job:{job.command}".encode())
            cursor.execute("SELECT pg_advisory_lock(%s)", [key])
        assert worker.run(job) is False
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [key])
        assert worker.run(job) is True
    finally:
        other.close()


def test_a_failing_job_does_not_stop_the_worker(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("la base no contesta")

    monkeypatch.setattr(worker, "call_command", broken)
    assert worker.run(jobs()[0]) is False
