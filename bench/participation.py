"""Benchmark of the national consultation, in process, on PostgreSQL.

The data is `generate_scale_data --scale national` (made once, shared with `load.py`): its
national consultation has 250,000 proposals and 5,000,000 supports, the shape the targets name.
Targets: the proposal list sorted by supports, first page and page 500, p95 ≤ 50 ms; Spanish
full-text search p95 ≤ 100 ms; 64 concurrent clients supporting proposals sustain ≥ 300 supports
per second with exact counts and nobody over the limit (here 64 threads calling the service, each
with its own connection; `load.py` measures the same over HTTP).
"""

import os
import sys
import threading
import time

# The national data of the load test, not the per-issue benchmarks' own database.
os.environ.setdefault("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/cocrea_national")

from common import measure, report, setup_django
from load import prepare, run_all


def concurrency(found, clients: int = 64, attempts: int = 15) -> tuple[float, bool]:
    """`clients` people at once, each trying `attempts` supports with a limit of 10."""
    from django.db import connection

    from cocrea.core.models import User
    from cocrea.participation.models import Participant, Proposal, Support
    from cocrea.participation.services import support_add

    users = [
        User.objects.create(
            username=f"concurrente-{time.time_ns()}-{n}",
            email=f"c{n}-{time.time_ns()}@example.invalid",
        )
        for n in range(clients)
    ]
    targets = list(
        Proposal.objects.filter(consultation=found)
        .select_related("consultation")
        .order_by("id")[:attempts]
    )
    before = {
        p.pk: p.support_count for p in Proposal.objects.filter(pk__in=[t.pk for t in targets])
    }
    done = []

    def run(user) -> None:
        for proposal in targets:
            try:
                support_add(actor=user, proposal=proposal)
                done.append(1)
            except Exception:  # noqa: S110 (refusals past the limit are expected)
                pass
        connection.close()

    elapsed = run_all([threading.Thread(target=run, args=(u,)) for u in users])
    exact = all(
        Proposal.objects.get(pk=pk).support_count - before[pk]
        == Support.objects.filter(proposal_id=pk, user__in=users).count()
        for pk in before
    )
    within = not Participant.objects.filter(
        consultation=found, user__in=users, supports_used__gt=found.supports_per_participant
    ).exists()
    rate = len(done) / elapsed
    print(
        f"{clients} concurrent clients: {len(done)} supports in {elapsed:.2f} s = {rate:.0f}/s; "
        f"exact counts: {exact}; nobody over the limit: {within} (target ≥ 300/s)"
    )
    return rate, exact and within and len(done) == clients * found.supports_per_participant


def main() -> int:
    prepare()
    setup_django(prepare=False)
    from django.test import Client

    from cocrea.participation.models import Consultation

    found = Consultation.objects.get(exercise__slug="escala-1")
    base = f"/ejercicios/escala-1/consultas/{found.slug}/"
    rows = []
    client = Client()
    for url, target in (
        (base, 50),
        (base + "?pagina=500", 50),
        (base + "?q=alumbrado", 100),
        (base + "?q=agua+potable+colonia", 100),
        (base + "?q=cl%C3%ADnica", 100),
        (base + "?q=%22colonia+899%22", 100),
    ):
        p50, p95, queries = measure(client, url)
        rows.append((url.replace(base, "…/"), p50, p95, target, queries))
    status = report(rows)
    rate, correct = concurrency(found)
    return status or int(rate < 300 or not correct)


if __name__ == "__main__":
    sys.exit(main())
