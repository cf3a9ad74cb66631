"""Benchmark of plans and commitments at scale, on PostgreSQL (issue: plans and commitments).

Synthetic data, labelled "(sintético)": 50 plans of 100 commitments (5,000) with 10 milestones
each (50,000), one commitment with 50 milestones and 200 history entries, and a plan of 10,000
commitments for the export. Targets: plan page with 100 commitments and commitment page with 50
milestones and 200 history entries, p95 ≤ 30 ms server time, both warm (the page's fragment cached
for the plan's content version) and cold (the cache emptied before every request);
the export's memory must not grow with the number of commitments (peak for 10,000 within 1.2×
the peak for 5,000, once past the first chunks).
"""

import sys
import tracemalloc

from common import measure, report, setup_django

PLANS, COMMITMENTS, MILESTONES = 50, 100, 10


def load_data() -> None:
    from cocrea.plans.models import ActionPlan

    if ActionPlan.objects.filter(name__contains="(sintético)").exists():
        return
    from cocrea.core.models import Organization, Sector, Territory

    jalisco = Territory.objects.get(inegi_code="14")
    orgs = Organization.objects.bulk_create(
        Organization(
            name=f"Institución sintética {n}",
            slug=f"institucion-sintetica-{n}",
            sector=Sector.GOVERNMENT_AGENCY,
            territory=jalisco,
        )
        for n in range(200)
    )
    for number in range(PLANS):
        _plan(100 + number, COMMITMENTS, MILESTONES, orgs)
    _plan(999, 10_000, 0, orgs)
    _deep_commitment(orgs[0])


def _plan(number: int, commitments: int, milestones: int, orgs: list) -> None:
    from cocrea.exercises.models import Exercise
    from cocrea.plans.models import ActionPlan, Commitment, Milestone, Theme

    themes = list(Theme.objects.all())
    plan = ActionPlan.objects.create(
        exercise=Exercise.objects.get(slug="jalisco"),
        number=number,
        status="implementation",
        name=f"Plan {number} (sintético)",
    )
    created = Commitment.objects.bulk_create(
        Commitment(
            plan=plan,
            number=n + 1,
            title=f"Compromiso sintético {n + 1}",
            is_published=True,
            lead_institution=orgs[n % len(orgs)],
            theme=themes[n % len(themes)],
            pillar_transparency=n % 2 == 0,
            pillar_participation=n % 3 == 0,
            problem="Problema sintético. " * 20,
            objective="Objetivo sintético. " * 20,
        )
        for n in range(commitments)
    )
    Milestone.objects.bulk_create(
        Milestone(
            commitment=c,
            number=m + 1,
            deliverable=f"Entregable sintético {m + 1}",
            progress=(m * 10) % 100,
        )
        for c in created
        for m in range(milestones)
    )


def _deep_commitment(org) -> None:
    from cocrea.exercises.models import Exercise
    from cocrea.plans.models import ActionPlan, Commitment, Milestone

    plan = ActionPlan.objects.create(
        exercise=Exercise.objects.get(slug="jalisco"),
        number=998,
        status="implementation",
        name="Plan con historial (sintético)",
    )
    commitment = Commitment.objects.create(
        plan=plan,
        number=1,
        title="Compromiso con historia (sintético)",
        is_published=True,
        lead_institution=org,
    )
    Milestone.objects.bulk_create(
        Milestone(commitment=commitment, number=m + 1, deliverable=f"Hito sintético {m + 1}")
        for m in range(50)
    )
    for version in range(200):
        commitment.objective = f"Objetivo sintético, versión {version}"
        commitment.save()


def export_peak(plan, limit: int) -> int:
    """Peak Python memory (bytes) while streaming the CSV export of `limit` commitments."""
    from cocrea.plans import exports

    original = exports.exported_commitments
    exports.exported_commitments = lambda p: original(p)[:limit]
    try:
        tracemalloc.start()
        for _chunk in exports.csv_stream(exports.COLUMNS, exports.rows(plan)):
            pass
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    finally:
        exports.exported_commitments = original
    return peak


def main() -> int:
    setup_django()
    from django.test import Client

    from cocrea.plans.models import ActionPlan, Commitment

    load_data()
    base = "/ejercicios/jalisco/planes/"
    plan_id = ActionPlan.objects.get(number=100, exercise__slug="jalisco").pk
    client = Client()
    rows = []
    for url in (f"{base}100/", f"{base}998/compromisos/1/"):
        p50, p95, queries = measure(client, url)
        rows.append((url + " (warm)", p50, p95, 30, queries))
        p50, p95, queries = measure(client, url, cold=True)
        rows.append((url + " (cold)", p50, p95, 30, queries))
    url = f"/api/v1/commitments?plan={plan_id}&limit=100"
    p50, p95, queries = measure(client, url)
    rows.append((url, p50, p95, 30, queries))
    print(f"commitments: {Commitment.objects.count():,}; plans: {ActionPlan.objects.count()}")
    status = report(rows)
    big = ActionPlan.objects.get(number=999, exercise__slug="jalisco")
    peaks = {n: export_peak(big, n) for n in (2_500, 5_000, 10_000)}
    ratio = peaks[10_000] / peaks[5_000]
    shown = "; ".join(f"{n:,} commitments {peak / 1e6:.1f} MB" for n, peak in peaks.items())
    print(f"CSV export peak Python memory: {shown}; 10,000 / 5,000 = {ratio:.2f} (target ≤ 1.2)")
    return status or int(ratio > 1.2)


if __name__ == "__main__":
    sys.exit(main())
