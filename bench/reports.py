"""Benchmark of Open311 with 1,000,000 stored reports, on PostgreSQL.

Synthetic reports, labelled "(sintético)", spread over the last 400 days across the demo
categories and written with one set-based INSERT. Targets: `GET /open311/v2/requests.json`
returning 1,000 requests p95 ≤ 150 ms server time; a POST p95 ≤ 50 ms.
"""

import statistics
import sys
import time

from common import REQUESTS, measure, report, setup_django

REPORTS = 1_000_000
STATUSES = ["received", "routed", "in_progress", "scheduled", "resolved", "no_action"]


def load(cursor) -> None:
    cursor.execute("SELECT id, institution_id FROM reports_category ORDER BY id")
    categories = cursor.fetchall()
    ids = [c[0] for c in categories]
    institutions = [c[1] for c in categories]
    cursor.execute(
        """INSERT INTO reports_report (token, category_id, institution_id, status, status_notes,
               description, attributes, lat, long, exact_lat, exact_long, address, address_id,
               zipcode, first_name, last_name, email, phone, device_id, account_id,
               requested_at, updated_at, expected_at, is_example)
           SELECT gen_random_uuid(), (%s::int[])[1 + g %% %s], (%s::int[])[1 + g %% %s],
                  (%s::text[])[1 + (g / 7) %% 6], '',
                  'Reporte sintético ' || g, '{}'::jsonb,
                  20.6 + (g %% 1000) / 10000.0, -103.3 - (g %% 997) / 10000.0,
                  20.6 + (g %% 1000) / 10000.0, -103.3 - (g %% 997) / 10000.0,
                  '', '', '', '', '', '', '', '', '',
                  now() - (g * interval '34.56 seconds'), now() - (g * interval '34.56 seconds'),
                  now() - (g * interval '34.56 seconds') + interval '14 days', false
           FROM generate_series(1, %s) g""",
        [ids, len(ids), institutions, len(ids), STATUSES, REPORTS],
    )
    cursor.execute("ANALYZE reports_report")


def ensure_reports() -> None:
    from django.db import connection, transaction

    from cocrea.reports.models import Report

    if Report.objects.filter(description="Reporte sintético 1").exists():
        return
    start = time.monotonic()
    with transaction.atomic(), connection.cursor() as cursor:
        load(cursor)
    print(f"{REPORTS:,} synthetic reports loaded in {time.monotonic() - start:.0f} s")


def measure_post(client, key: str) -> tuple[float, float, int]:
    """(p50 ms, p95 ms, queries) of `REQUESTS` Open311 POSTs of a new report."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    data = {
        "api_key": key,
        "service_code": "guadalajara-servicio-publico",
        "lat": "20.6767",
        "long": "-103.3475",
        "attribute[servicio]": "alumbrado",
        "description": "Lámpara apagada (sintético)",
    }
    url = "/open311/v2/requests.json"
    for _ in range(20):
        assert client.post(url, data).status_code == 201
    with CaptureQueriesContext(connection) as queries:
        client.post(url, data)
    count = len(queries)
    timings = []
    for _ in range(REQUESTS):
        start = time.perf_counter()
        response = client.post(url, data)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 201, response.content
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.95) - 1], count


def main() -> int:
    setup_django()
    from django.core.cache import cache
    from django.test import Client
    from django.test.utils import override_settings

    from cocrea.core.models import Organization
    from cocrea.core.services import api_key_create

    ensure_reports()
    client = Client()
    rows = []
    for url in (
        "/open311/v2/requests.json",
        "/open311/v2/requests.xml",
        "/open311/v2/requests.json?status=open",
        "/open311/v2/requests.json?service_code=tonala-servicio-basico&status=closed",
    ):
        assert len(client.get(url).content) > 100_000, url  # a full page of 1,000 requests
        p50, p95, queries = measure(client, url)
        rows.append((url, p50, p95, 150, queries))
    key = api_key_create(organization=Organization.objects.get(slug="ayuntamiento-de-guadalajara"))
    with override_settings(RATELIMIT_ENABLE=False):  # one address posts them all
        cache.clear()
        p50, p95, queries = measure_post(client, key[1])
    rows.append(("POST /open311/v2/requests.json", p50, p95, 50, queries))
    return report(rows)


if __name__ == "__main__":
    sys.exit(main())
