"""Benchmark of Open311 with 1,000,000 stored reports, on PostgreSQL.

Synthetic reports, labelled "(sintético)", spread over the last 400 days across the demo
categories and written with one set-based INSERT. Targets: `GET /open311/v2/requests.json`
returning 1,000 requests p95 ≤ 150 ms server time; a POST p95 ≤ 50 ms.
"""

import shutil
import statistics
import sys
import tempfile
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
               zipcode, first_name, last_name, email, phone, device_id, account_id, media_link,
               requested_at, updated_at, expected_at, is_example)
           SELECT gen_random_uuid(), (%s::int[])[1 + g %% %s], (%s::int[])[1 + g %% %s],
                  (%s::text[])[1 + (g / 7) %% 6], '',
                  'Reporte sintético ' || g, '{}'::jsonb,
                  20.6 + (g %% 1000) / 10000.0, -103.3 - (g %% 997) / 10000.0,
                  20.6 + (g %% 1000) / 10000.0, -103.3 - (g %% 997) / 10000.0,
                  '', '', '', '', '', '', '', '', '', '',
                  now() - (g * interval '34.56 seconds'), now() - (g * interval '34.56 seconds'),
                  now() - (g * interval '34.56 seconds') + interval '14 days', false
           FROM generate_series(1, %s) g""",
        [ids, len(ids), institutions, len(ids), STATUSES, REPORTS],
    )
    # One report in ten has a photo, so that the lists' media_url lookup is measured.
    cursor.execute(
        """INSERT INTO reports_photo (report_id, image, width, height, uploaded_at, hidden_reason,
               cleaned)
           SELECT id, 'fotos/sintetica.jpg', 640, 480, requested_at, '', true
           FROM reports_report WHERE id % 10 = 0"""
    )
    cursor.execute("ANALYZE reports_report")
    cursor.execute("ANALYZE reports_photo")


def ensure_reports() -> None:
    from django.db import connection, transaction

    from cocrea.reports.models import Report

    if Report.objects.filter(description="Reporte sintético 1").exists():
        return
    start = time.monotonic()
    with transaction.atomic(), connection.cursor() as cursor:
        load(cursor)
    print(f"{REPORTS:,} synthetic reports loaded in {time.monotonic() - start:.0f} s")


def phone_photo() -> bytes:
    """A 12-megapixel JPEG (4032×3024, ≈1.8 MB) with gradients and grain, like a phone's."""
    import io

    import numpy as np
    from PIL import Image

    y, x = np.mgrid[0:3024, 0:4032]
    pixels = np.stack([x * 255 // 4032, y * 255 // 3024, (x + y) % 256], -1)
    pixels = pixels + np.random.default_rng(1).integers(0, 12, pixels.shape)
    buffer = io.BytesIO()
    Image.fromarray(pixels.clip(0, 255).astype("uint8")).save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def measure_post(client, key: str, photo: bytes = b"") -> tuple[float, float, int]:
    """(p50 ms, p95 ms, queries) of `REQUESTS` Open311 POSTs of a new report."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def post():
        media = {"media": SimpleUploadedFile("IMG.jpg", photo, "image/jpeg")} if photo else {}
        return client.post(url, {**data, **media})

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
        assert post().status_code == 201
    with CaptureQueriesContext(connection) as queries:
        post()
    count = len(queries)
    timings = []
    for _ in range(REQUESTS):
        start = time.perf_counter()
        response = post()
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
    media = tempfile.mkdtemp(prefix="cocrea-bench-media-")
    with override_settings(RATELIMIT_ENABLE=False, MEDIA_ROOT=media):  # one address posts them all
        cache.clear()
        p50, p95, queries = measure_post(client, key[1])
        rows.append(("POST /open311/v2/requests.json", p50, p95, 50, queries))
        p50, p95, queries = measure_post(client, key[1], phone_photo())
        rows.append(("POST … with a 12-megapixel photo (media)", p50, p95, 50, queries))
    shutil.rmtree(media)
    return report(rows)


if __name__ == "__main__":
    sys.exit(main())
