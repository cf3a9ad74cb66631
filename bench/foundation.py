"""Benchmark of the foundation pages and API lists, on PostgreSQL.

Run with `make bench` (PostgreSQL on 127.0.0.1:5432). It creates (or reuses) the database
`cocrea_bench`, loads the demo plus synthetic secretariat data labelled as such, then times each
URL in process (server time: middleware, view, queries, template) and prints p50/p95 against the
targets in docs/performance.md. Exits 1 when a target is missed.
"""

import os
import statistics
import sys
import time

DB_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/cocrea_bench")
os.environ.update(DATABASE_URL=DB_URL, DEBUG="0", SECURE_SSL_REDIRECT="0", STATIC_MANIFEST="0")
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-0123456789abcdef0123456789")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cocrea.settings")

REQUESTS = int(os.environ.get("BENCH_REQUESTS", "300"))
SESSIONS_PER_EXERCISE = 60
AGREEMENTS_PER_SESSION = 5
EDITS_PER_EXERCISE = 200


def ensure_database() -> None:
    import psycopg

    name = DB_URL.rsplit("/", 1)[1]
    admin_url = DB_URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def load_data() -> None:
    from django.core.management import call_command

    from cocrea.exercises.models import Exercise, Secretariat

    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)
    if Secretariat.objects.filter(name__contains="(sintético)").exists():
        return
    for exercise in Exercise.objects.all():
        synthesize(exercise)


def synthesize(exercise) -> None:
    """Synthetic sessions, members, agreements and edits, labelled '(sintético)'."""
    import datetime as dt

    from cocrea.exercises.models import (
        Agreement,
        SeatSector,
        Secretariat,
        SecretariatMember,
        SecretariatSession,
        SessionAttendance,
    )

    secretariat = Secretariat.objects.create(
        exercise=exercise, name="Secretariado de prueba (sintético)", is_active=False
    )
    SecretariatMember.objects.bulk_create(
        SecretariatMember(
            secretariat=secretariat,
            person_name=f"Integrante sintético {n}",
            sector=SeatSector.values[n % 4],
            role="member",
        )
        for n in range(12)
    )
    sessions = SecretariatSession.objects.bulk_create(
        SecretariatSession(
            secretariat=secretariat,
            number=n + 1,
            held_on=dt.date(2018, 1, 1) + dt.timedelta(days=30 * n),
        )
        for n in range(SESSIONS_PER_EXERCISE)
    )
    SessionAttendance.objects.bulk_create(
        SessionAttendance(session=s, sector=sector, present=3)
        for s in sessions
        for sector in SeatSector.values[:3]
    )
    Agreement.objects.bulk_create(
        Agreement(session=s, number=str(k + 1), text="Acuerdo sintético de prueba")
        for s in sessions
        for k in range(AGREEMENTS_PER_SESSION)
    )
    for n in range(EDITS_PER_EXERCISE):
        exercise.description = f"Descripción (sintético), versión {n}"
        exercise.save()


def measure(client, url: str) -> tuple[float, float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(20):
        assert client.get(url).status_code == 200, url
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    query_count = len(queries)  # read now: the log is reset by every later request
    timings = []
    for _ in range(REQUESTS):
        start = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.95) - 1], query_count


def main() -> int:
    import warnings

    warnings.filterwarnings("ignore", message="No directory at")
    ensure_database()
    import django

    django.setup()
    from django.test import Client

    from cocrea.exercises.models import Exercise

    load_data()
    jalisco = Exercise.objects.get(slug="jalisco")
    session = jalisco.secretariats.filter(is_active=False).get().sessions.first()
    base = "/ejercicios/jalisco/"
    targets = {
        "/healthz": 10,
        "/": 50,
        "/ejercicios/": 50,
        base: 50,
        base + "secretariado/": 50,
        base + "sesiones/": 50,
        f"{base}sesiones/{session.pk}/": 50,
        base + "historial/": 50,
        "/api/v1/exercises": 30,
        f"/api/v1/secretariat-sessions?exercise={jalisco.pk}": 30,
        "/api/v1/territories?limit=500": 30,
    }
    client = Client()
    failed = False
    print(f"{'URL':58} {'p50 ms':>8} {'p95 ms':>8} {'target':>7} {'queries':>8}  result")
    for url, target in targets.items():
        p50, p95, queries = measure(client, url)
        ok = p95 <= target
        failed |= not ok
        print(
            f"{url:58} {p50:8.2f} {p95:8.2f} {target:7d} {queries:8d}  {'pass' if ok else 'FAIL'}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
