"""Benchmark of the open-data portal on PostgreSQL.

Targets: CKAN `package_search` over 10,000 datasets p95 ≤ 50 ms; the bulk download of the
national-scale data (millions of rows) streams with peak memory ≤ 250 MB.

Synthetic datasets are labelled "(sintético)". The rows of the bulk download come from the
1,000,000 synthetic reports of `reports.py` (loaded here if missing) and 1,000,000 synthetic
milestones added here, besides the demo.
"""

import json
import subprocess
import sys
import time

from common import measure, report, setup_django

DATASETS = 10_000
MILESTONES = 1_000_000


def ensure_datasets() -> None:
    """10,000 datasets from the scale generator (with a keyword each), unless already there."""
    from django.db import transaction

    from cocrea.core.models import Organization
    from cocrea.demo import scale
    from cocrea.opendata.models import Dataset

    if Dataset.objects.filter(name=f"{scale.MARK}conjunto-1").exists():
        return
    start = time.monotonic()
    orgs = list(Organization.objects.order_by("pk").values_list("pk", flat=True))
    with transaction.atomic():
        scale.datasets(scale.SCALES["national"], orgs)
    print(f"{DATASETS:,} synthetic datasets loaded in {time.monotonic() - start:.0f} s")


def ensure_milestones() -> None:
    from django.db import connection, transaction

    from cocrea.plans.models import Milestone

    if Milestone.objects.filter(deliverable="Hito sintético 1").exists():
        return
    from plans import load_data

    load_data()  # the plans benchmark's 15,009 synthetic commitments
    start = time.monotonic()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT id FROM plans_commitment WHERE is_published ORDER BY id LIMIT 5000")
        ids = [row[0] for row in cursor.fetchall()]
        # Numbers 100 + g / n keep each commitment's milestone numbers distinct and small.
        cursor.execute(
            """INSERT INTO plans_milestone (commitment_id, number, deliverable, responsible,
                   weight, status, progress, is_example, updated_at)
               SELECT (%s::int[])[1 + g %% %s], 100 + g / %s, 'Hito sintético ' || g, '',
                      0, 'in_progress', g %% 101, false, now()
               FROM generate_series(1, %s) g""",
            [ids, len(ids), len(ids), MILESTONES],
        )
    print(f"{MILESTONES:,} synthetic milestones loaded in {time.monotonic() - start:.0f} s")


PEAK_CODE = """
import sys, time
sys.path.insert(0, ".")

def peak_mb():
    # VmHWM: this process's own peak; ru_maxrss would carry the parent's over exec.
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024

from common import setup_django
setup_django(prepare=False)
from cocrea.opendata import bulk
before = peak_mb()
start = time.monotonic()
size = sum(len(chunk) for chunk in bulk.stream_zip())
print(before, peak_mb(), size, time.monotonic() - start)
"""


def bulk_peak_mb() -> tuple[float, float, int, float]:
    """Peak resident memory (MB) of a fresh process that streams the whole package, next to
    the same process's peak before streaming; the package's size and the time taken."""
    run = subprocess.run
    out = run([sys.executable, "-c", PEAK_CODE], capture_output=True, text=True, check=True)
    before, peak, size, took = out.stdout.split()[-4:]
    return float(before), float(peak), int(size), float(took)


def row_count() -> int:
    """Rows of the three largest tables of the package."""
    from django.db import connection

    total = 0
    with connection.cursor() as cursor:
        for table in ("reports_report", "plans_milestone", "plans_commitment"):
            cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608 (constant names)
            total += cursor.fetchone()[0]
    return total


def main() -> int:
    setup_django()
    from django.db import connection
    from django.test import Client
    from reports import ensure_reports

    ensure_reports()
    ensure_milestones()
    ensure_datasets()
    with connection.cursor() as cursor:
        for table in ("opendata_dataset", "opendata_resource", "opendata_dataset_keywords"):
            cursor.execute(f"ANALYZE {table}")
    client = Client()
    facets = json.dumps(["organization", "groups", "res_format", "tags", "license_id"])
    rows = []
    for url in (
        "/api/3/action/package_search",
        "/api/3/action/package_search?q=presupuesto%20agua",
        f"/api/3/action/package_search?q=salud&facet.field={facets}",
        "/api/3/action/package_search?fq=tags:presupuesto%20res_format:CSV",
        "/api/3/action/package_show?id=escala-conjunto-5000",
    ):
        p50, p95, queries = measure(client, url)
        rows.append((url, p50, p95, 50, queries))
    failed = report(rows)
    print("Beyond the targets (CKAN's default page is 10 results):")
    for url in (
        "/api/3/action/package_search?fq=tags:presupuesto%20res_format:CSV&rows=100",
        "/datos/?q=transporte",
    ):
        p50, p95, queries = measure(client, url)
        print(f"  {url}: p50 {p50:.2f} ms, p95 {p95:.2f} ms, {queries} queries")
    before, peak, size, took = bulk_peak_mb()
    print(
        f"bulk download: {row_count():,} rows in the largest tables, {size / 1e6:.0f} MB zip "
        f"in {took:.0f} s; peak memory {peak:.0f} MB (the process held {before:.0f} MB "
        f"before streaming; target 250) {'pass' if peak <= 250 else 'FAIL'}"
    )
    return failed or int(peak > 250)


if __name__ == "__main__":
    sys.exit(main())
