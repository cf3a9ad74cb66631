"""Benchmark of the site-wide search (/buscar/) on PostgreSQL, in process.

The data is `generate_scale_data --scale national` (or `BENCH_SCALE=small`), made once and shared
with `load.py` and `participation.py`: 5,000 commitments, 258,000 proposals, 1,000,000 citizens'
reports, 10,000 datasets, 1,000 public works and 200 institutions besides the demo, every one
searched through its table's stored Spanish vector (GIN index).

Targets: the first page of every kind (one query per kind) p95 ≤ 150 ms; one kind's page
p95 ≤ 100 ms. A word in nearly every record ("sintético") is timed too, beyond the targets.
"""

import os
import sys
from urllib.parse import urlencode

# The data of the load test (load.py's database), not the per-issue benchmarks' own.
os.environ.setdefault(
    "BENCH_DATABASE_URL",
    os.environ.get(
        "BENCH_LOAD_DATABASE_URL",
        f"postgres://postgres@127.0.0.1:5432/cocrea_{os.environ.get('BENCH_SCALE', 'national')}",
    ),
)

from common import measure, report, setup_django
from load import prepare

ALL_KINDS, ONE_KIND = 150, 100
SEARCHES = [
    ({"q": "agua"}, ALL_KINDS),
    ({"q": "escuelas"}, ALL_KINDS),  # the stem: "escuela" in the records
    ({"q": "transparencia presupuesto"}, ALL_KINDS),
    ({"q": '"agua potable"'}, ALL_KINDS),
    ({"q": "clínica -salud"}, ALL_KINDS),
    ({"q": "zzzxqj"}, ALL_KINDS),  # nothing found
    ({"q": "agua", "tipo": "propuestas"}, ONE_KIND),
    ({"q": "agua", "tipo": "propuestas", "pagina": "50"}, ONE_KIND),
    ({"q": "agua", "tipo": "compromisos"}, ONE_KIND),
]
BEYOND = [{"q": "sintético"}, {"q": "colonia", "tipo": "propuestas"}]


def matches(q: str) -> dict[str, int]:
    """How many records of each kind a query matches (what the page ranks and counts)."""
    from cocrea.search.kinds import KINDS
    from cocrea.search.selectors import matching

    return {kind.slug: matching(kind=kind, q=q).count() for kind in KINDS}


def main() -> int:
    prepare()
    setup_django(prepare=False)
    from django.test import Client

    client = Client()
    rows = []
    for params, target in SEARCHES:
        url = f"/buscar/?{urlencode(params)}"
        p50, p95, queries = measure(client, url)
        rows.append((url, p50, p95, target, queries))
    status = report(rows)
    print(f"Matches of «agua» by kind: {matches('agua')}")
    print("Beyond the targets (a word in nearly every record):")
    for params in BEYOND:
        url = f"/buscar/?{urlencode(params)}"
        p50, p95, queries = measure(client, url)
        print(f"  {url}: p50 {p50:.2f} ms, p95 {p95:.2f} ms, {queries} queries")
    return status


if __name__ == "__main__":
    sys.exit(main())
