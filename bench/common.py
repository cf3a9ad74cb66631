"""Shared set-up for the benchmarks: a PostgreSQL database of their own and a timer."""

import os
import statistics
import time
import warnings

DB_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/cocrea_bench")
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "300"))


def setup_django(prepare: bool = True) -> None:
    """Django on the benchmark database; `prepare` also migrates it and loads the demo."""
    os.environ.update(DATABASE_URL=DB_URL, DEBUG="0", SECURE_SSL_REDIRECT="0", STATIC_MANIFEST="0")
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-0123456789abcdef0123456789")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cocrea.settings")
    warnings.filterwarnings("ignore", message="No directory at")
    _ensure_database()
    import django

    django.setup()
    if not prepare:
        return
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)


def _ensure_database() -> None:
    import psycopg

    name = DB_URL.rsplit("/", 1)[1]
    admin_url = DB_URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def measure(client, url: str, cold: bool = False) -> tuple[float, float, int]:
    """(p50 ms, p95 ms, queries) of `REQUESTS` GETs after 20 warm-up requests.

    `cold` empties the cache before each request (outside the timing), so that every request
    renders what it would otherwise take from the cache.
    """
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(20):
        assert client.get(url).status_code == 200, url
    if cold:
        cache.clear()
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    query_count = len(queries)  # read now: the log is reset by every later request
    timings = []
    for _ in range(REQUESTS):
        if cold:
            cache.clear()
        start = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.95) - 1], query_count


def report(rows: list[tuple[str, float, float, float, int]]) -> int:
    """Prints the table; returns 1 when a target is missed."""
    failed = False
    print(f"{'URL':62} {'p50 ms':>8} {'p95 ms':>8} {'target':>7} {'queries':>8}  result")
    for url, p50, p95, target, queries in rows:
        ok = p95 <= target
        failed |= not ok
        print(
            f"{url:62} {p50:8.2f} {p95:8.2f} {target:7.0f} {queries:8d}  {'pass' if ok else 'FAIL'}"
        )
    return 1 if failed else 0
