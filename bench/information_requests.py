"""Benchmark of access to information at scale, on PostgreSQL (issue 18: access to information).

Synthetic data, labelled "(sintético)": 2,000 obligated bodies (a third of the states' own, the
rest municipal, across every state) and 500,000 requests spread over them with a long tail (the
biggest body has thousands), filed over three years, with realistic statuses (12 % still waiting,
the rest clarified, extended, answered, rated, refused, appealed…), the events that lead to each
status (2–5 per request), 90 % published, 7 % pending moderation and 3 % hidden. Their due dates
are computed before the insert with the app's own clock (`clock.clock_compute` on each body's
`clock.calendars_for` calendar and its law's `clock.terms_of`), so they are what
`clock_recompute` would store.

Targets (issue 18): a request's page p95 ≤ 30 ms; an institution's page (its list and statistics)
p95 ≤ 50 ms warm; recomputing every open clock after a new suspension ≤ 60 s. Also reported: the
statistics page, the public list and the API list (against the base targets: pages 50 ms, API
lists 30 ms), and a state-wide `suspension_declare`. Each figure is the median of three runs, each
run with its own warm-up; the suspensions of a run are rolled back so the runs start alike.

Scale: `python information_requests.py [REQUESTS [BODIES]]` or `BENCH_SCALE=50000/200`; the default is the
full 500000/2000. Each scale has its own database (`bench_requests`, `bench_requests_50000_200`…),
built once.
"""

import datetime as dt
import importlib
import os
import random
import statistics
import sys
import time
from typing import Any


def _scale() -> tuple[int, int]:
    args = [a for a in sys.argv[1:] if a.isdigit()]
    if not args and os.environ.get("BENCH_SCALE"):
        args = os.environ["BENCH_SCALE"].split("/")
    requests = int(args[0]) if args else 500_000
    bodies = int(args[1]) if len(args) > 1 else max(1, requests // 250)
    return requests, bodies


N_REQUESTS, N_BODIES = _scale()
common: Any = None  # bench/common.py, imported by main() once the database is chosen
RUNS = 3
PREFIX = "bench-si-"
WORDS = (
    "contratos", "obra", "pública", "presupuesto", "nómina", "licitación", "montos",
    "proveedores", "2024", "2025", "municipio", "agua", "seguridad", "patrullas", "viáticos",
    "convenios", "facturas", "padrón", "beneficiarios", "programa", "social", "salud",
    "medicamentos", "escuelas", "becas", "auditoría", "informe", "actas", "sesiones",
    "cabildo", "gastos", "comunicación", "publicidad", "oficial", "plazas", "vacantes",
)  # fmt: skip
# (status, weight): the share of each final status.
STATUSES = (
    ("waiting", 12), ("clarification", 3), ("extended", 4), ("answered", 8),
    ("answered_full", 30), ("answered_partial", 10), ("not_held", 8), ("classified", 5),
    ("not_competent", 6), ("withdrawn", 2), ("under_appeal", 4), ("appeal_resolved", 5),
    ("complied", 3),
)  # fmt: skip
# The steps after filing that lead to each status: (kind, side, to_status, days after the
# previous step).
R, INST, G = "requester", "institution", "guarantor"
PATHS: dict[str, tuple[tuple[str, str, str, int], ...]] = {
    "waiting": (),
    "clarification": (("clarification_requested", INST, "clarification", 4),),
    "extended": (("extended", INST, "extended", 12),),
    "answered": (("answered", INST, "answered", 12),),
    "answered_full": (("answered", INST, "answered", 10), ("rated", R, "answered_full", 3)),
    "answered_partial": (("answered", INST, "answered", 15), ("rated", R, "answered_partial", 2)),
    "not_held": (("not_held", INST, "not_held", 14),),
    "classified": (("extended", INST, "extended", 12), ("classified", INST, "classified", 10)),
    "not_competent": (("not_competent", INST, "not_competent", 2),),
    "withdrawn": (("withdrawn", R, "withdrawn", 6),),
    "under_appeal": (("answered", INST, "answered", 13), ("appealed", R, "under_appeal", 8)),
    "appeal_resolved": (
        ("classified", INST, "classified", 14),
        ("appealed", R, "under_appeal", 5),
        ("appeal_resolved", G, "appeal_resolved", 40),
    ),
    "complied": (
        ("not_held", INST, "not_held", 10),
        ("appealed", R, "under_appeal", 9),
        ("appeal_resolved", G, "appeal_resolved", 35),
        ("complied", INST, "complied", 15),
    ),
}
OPEN_STATUSES = ("waiting", "clarification", "extended")
RESPONSE_KINDS = ("answered", "not_competent", "not_held", "classified")


def _text(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


# Data


def load_data() -> None:
    from cocrea.requests.models import InformationRequest

    have = InformationRequest.objects.filter(organization__slug__startswith=PREFIX).count()
    if have >= N_REQUESTS:
        return
    if have:
        sys.exit(f"{have:,} synthetic requests, fewer than {N_REQUESTS:,}: drop the database")
    start = time.monotonic()
    bodies = _bodies()
    print(f"{len(bodies):,} synthetic bodies in {time.monotonic() - start:.0f} s")
    _requests(bodies, random.Random(18))
    print(f"synthetic requests loaded in {time.monotonic() - start:.0f} s")
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE requests_informationrequest")
        cursor.execute("VACUUM ANALYZE requests_requestevent")


def _bodies() -> list:
    from cocrea.core.models import Organization, Sector, Territory, TerritoryLevel

    states = list(Territory.objects.filter(level=TerritoryLevel.STATE).order_by("inegi_code"))
    towns: dict[int, list[Territory]] = {}
    for town in Territory.objects.filter(level=TerritoryLevel.MUNICIPALITY):
        towns.setdefault(town.parent_id, []).append(town)
    rng = random.Random(1818)
    rows = []
    for n in range(N_BODIES):
        state = states[n % len(states)]
        local = towns.get(state.pk)
        municipal = local and n % 3 != 0
        territory = rng.choice(local) if municipal else state
        sector = Sector.MUNICIPALITY if municipal else Sector.GOVERNMENT_AGENCY
        rows.append(
            Organization(
                name=f"Sujeto obligado {n:04d} de {territory.name} (sintético)",
                slug=f"{PREFIX}{n:04d}",
                sector=sector,
                territory=territory,
            )
        )
    Organization.objects.bulk_create(rows, batch_size=1000)
    Organization.objects.get_or_create(
        slug=f"{PREFIX}garante",
        defaults={
            "name": "Órgano garante (sintético)",
            "sector": Sector.GUARANTOR,
            "territory": states[0].parent or states[0],
        },
    )
    return list(
        Organization.objects.filter(slug__startswith=PREFIX)
        .exclude(sector=Sector.GUARANTOR)
        .select_related("territory__parent")
        .order_by("slug")
    )


def _requests(bodies: list, rng: random.Random) -> None:
    from django.db import transaction
    from django.utils import timezone

    from cocrea.core.models import User
    from cocrea.reports.calendar import state_of
    from cocrea.requests import clock
    from cocrea.requests.models import (
        InformationRequest,
        LegalProfile,
        RequestEvent,
        Visibility,
    )

    now = timezone.now()
    today = timezone.localdate()
    general = LegalProfile.objects.get(territory__isnull=True)
    by_state = {p.territory_id: p for p in LegalProfile.objects.filter(territory__isnull=False)}
    profile_of = {}
    for body in bodies:
        state = state_of(body.territory)
        profile_of[body.pk] = by_state.get(state.pk if state else None, general)
    terms = {p.pk: clock.terms_of(p.pk) for p in {*profile_of.values()}}
    calendars = clock.calendars_for(bodies, today.year - 4, today.year + 1)
    requester = User.objects.filter(email="solicitante.sintetico@example.invalid").first()
    requester = requester or User.objects.create_user(
        "solicitante.sintetico@example.invalid", public_name="Solicitante (sintético)"
    )
    # A long tail: the first bodies receive many more requests than the last.
    weights = [1 / (rank + 1) ** 0.8 for rank in range(len(bodies))]
    names, status_weights = zip(*STATUSES, strict=True)
    chunk = 10_000
    done = 0
    while done < N_REQUESTS:
        size = min(chunk, N_REQUESTS - done)
        owners = rng.choices(bodies, weights=weights, k=size)
        statuses = rng.choices(names, weights=status_weights, k=size)
        rows, steps = [], []
        for i in range(size):
            body, status = owners[i], statuses[i]
            if status in OPEN_STATUSES:  # mostly recent; a quarter of them late
                age = rng.randint(1, 30) if rng.random() < 0.75 else rng.randint(31, 200)
            else:
                age = rng.randint(120, 3 * 365)
            filed_at = now - dt.timedelta(days=age, minutes=rng.randint(0, 600))
            path = PATHS[status]
            if status == "waiting" and rng.random() < 0.3:
                path = (("message", R, "waiting", 2),)
            events = [("filed", R, "", "waiting", filed_at)]
            at, previous = filed_at, "waiting"
            for kind, side, to_status, days in path:
                at = min(at + dt.timedelta(days=days + rng.randint(0, 4)), now)
                events.append((kind, side, previous, to_status, at))
                previous = to_status
            profile = profile_of[body.pk]
            clock_ = clock.clock_compute(
                filed_on=timezone.localdate(filed_at),
                status=status,
                events=[(e[0], timezone.localdate(e[4])) for e in events],
                terms=terms[profile.pk],
                is_off=calendars[body.pk].is_off,
                today=today,
            )
            roll = rng.random()
            visibility = (
                Visibility.PUBLIC
                if roll < 0.9
                else Visibility.PENDING
                if roll < 0.97
                else Visibility.HIDDEN
            )
            answered = [e[4] for e in events if e[0] in RESPONSE_KINDS]
            n = done + i
            rows.append(
                InformationRequest(
                    organization=body,
                    requester=requester,
                    pseudonym=f"Persona {n % 5000} (sintético)",
                    title=f"Solicitud {n} sobre {_text(rng, 5)} (sintético)",
                    body=f"Solicito {_text(rng, rng.randint(20, 60))}. (sintético)",
                    status=status,
                    visibility=visibility,
                    profile=profile,
                    filed_at=filed_at,
                    due_on=clock_.due_on,
                    long_overdue_on=clock_.long_overdue_on,
                    clarification_due_on=clock_.clarification_due_on,
                    appeal_due_on=clock_.appeal_due_on,
                    answered_at=answered[0] if answered else None,
                    updated_at=events[-1][4],
                )
            )
            steps.append(events)
        with transaction.atomic():
            InformationRequest.objects.bulk_create(rows, batch_size=2000)
            RequestEvent.objects.bulk_create(
                (
                    RequestEvent(
                        request_id=row.pk,
                        kind=kind,
                        side=side,
                        at=at,
                        from_status=from_status,
                        to_status=to_status,
                        body=f"Paso {kind} (sintético)" if kind != "filed" else "",
                    )
                    for row, events in zip(rows, steps, strict=True)
                    for kind, side, from_status, to_status, at in events
                ),
                batch_size=5000,
            )
        done += size
        if done % 100_000 == 0 or done == N_REQUESTS:
            print(f"  {done:,} requests")


# Measures


def _timed(client, urls: list[str]) -> tuple[float, float]:
    """(p50, p95 ms) of one GET of each of `urls` (20 of them first as a warm-up)."""
    for url in urls[:20]:
        assert client.get(url).status_code == 200, url
    timings = []
    for url in urls:
        start = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, url
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.95) - 1]


def _queries(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return len(queries)


def pages(client, rng: random.Random) -> dict[str, tuple[float, float, int]]:
    from django.db.models import Count

    from cocrea.requests.models import InformationRequest, Visibility

    public = InformationRequest.objects.filter(
        visibility=Visibility.PUBLIC, organization__slug__startswith=PREFIX
    )
    # Many different ids, drawn at random from the primary key range.
    low = public.order_by("pk").values_list("pk", flat=True).first()
    high = public.order_by("-pk").values_list("pk", flat=True).first()
    drawn = [rng.randint(low, high) for _ in range(common.REQUESTS * 2)]
    ids = list(public.filter(pk__in=drawn).values_list("pk", flat=True)[: common.REQUESTS])
    rng.shuffle(ids)
    sizes = list(
        InformationRequest.objects.filter(organization__slug__startswith=PREFIX)
        .values("organization__slug")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .values_list("organization__slug", "n")
    )
    biggest = sizes[0][0]
    slugs = [slug for slug, _n in sizes[:10]] + rng.sample(
        [slug for slug, _n in sizes[10:]], min(90, len(sizes) - 10)
    )
    institution = [f"/solicitudes/instituciones/{s}/" for s in slugs]
    results: dict[str, tuple[float, float, int]] = {}
    request_urls = [f"/solicitudes/{pk}/" for pk in ids]
    results["request"] = (*_timed(client, request_urls), _queries(client, request_urls[0]))
    for url in institution:  # warm: one pass first
        client.get(url)
    urls = (institution * (common.REQUESTS // len(slugs) + 1))[: common.REQUESTS]
    rng.shuffle(urls)
    results["institution"] = (*_timed(client, urls), _queries(client, institution[0]))
    results["institution_biggest"] = common.measure(
        client, f"/solicitudes/instituciones/{biggest}/"
    )
    results["statistics"] = common.measure(client, "/solicitudes/estadisticas/")
    results["list"] = common.measure(client, "/solicitudes/")
    results["api"] = common.measure(client, "/api/v1/information-requests")
    return results


def clocks() -> dict[str, tuple[float, int]]:
    """(seconds, clocks changed) of a state-wide suspension_declare and, after a suspension
    of all the bodies, clocks_recompute_all(); rolled back."""
    from django.db import transaction
    from django.utils import timezone

    from cocrea.core.models import Organization, Territory, TerritoryLevel, User
    from cocrea.requests.models import Suspension
    from cocrea.requests.timeline_services import clocks_recompute_all, suspension_declare

    admin = User.objects.filter(email="admin.sintetico@example.invalid").first()
    admin = admin or User.objects.create_superuser("admin.sintetico@example.invalid")
    guarantor = Organization.objects.get(slug=f"{PREFIX}garante")
    jalisco = Territory.objects.filter(level=TerritoryLevel.STATE, iso_code="MX-JAL").first()
    state = jalisco or Territory.objects.filter(level=TerritoryLevel.STATE).first()
    today = timezone.localdate()
    results = {}
    with transaction.atomic():
        start = time.perf_counter()
        _suspension, changed = suspension_declare(
            actor=admin,
            declared_by=guarantor,
            starts_on=today - dt.timedelta(days=3),
            ends_on=today + dt.timedelta(days=7),
            reason="Suspensión estatal (sintético)",
            territory=state,
        )
        results["suspension_declare"] = (time.perf_counter() - start, changed)
        Suspension.objects.create(
            declared_by=guarantor,
            starts_on=today + dt.timedelta(days=10),
            ends_on=today + dt.timedelta(days=14),
            reason="Suspensión nacional (sintético)",
        )
        start = time.perf_counter()
        changed = clocks_recompute_all()
        results["recompute_all"] = (time.perf_counter() - start, changed)
        transaction.set_rollback(True)
    return results


LABELS = (
    ("request", "/solicitudes/<id>/ (300 ids distintos, anónimo)", 30, True),
    ("institution", "/solicitudes/instituciones/<slug>/ (100 instituciones, tibia)", 50, True),
    ("institution_biggest", "la misma, la institución más grande", 50, True),
    ("statistics", "/solicitudes/estadisticas/", 50, False),
    ("list", "/solicitudes/", 50, False),
    ("api", "/api/v1/information-requests", 30, False),
)


def main() -> int:
    global common
    suffix = "" if (N_REQUESTS, N_BODIES) == (500_000, 2_000) else f"_{N_REQUESTS}_{N_BODIES}"
    os.environ.setdefault(
        "BENCH_DATABASE_URL", f"postgres://postgres@127.0.0.1:5432/bench_requests{suffix}"
    )
    common = importlib.import_module("common")  # reads BENCH_DATABASE_URL when imported
    common.setup_django(prepare=False)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    if not _demo_loaded():
        call_command("load_demo", verbosity=0)
    from django.test import Client

    from cocrea.requests.models import InformationRequest, RequestEvent, Status

    load_data()
    total = InformationRequest.objects.count()
    events = RequestEvent.objects.count()
    closed = (Status.WITHDRAWN, Status.UNDER_APPEAL, Status.APPEAL_RESOLVED, Status.COMPLIED)
    still = InformationRequest.objects.exclude(status__in=closed).count()
    print(f"{total:,} requests ({still:,} not closed), {events:,} events, {N_BODIES:,} bodies")
    runs_pages, runs_clocks = [], []
    for run in range(RUNS):
        rng = random.Random(run)
        runs_pages.append(pages(Client(), rng))
        runs_clocks.append(clocks())
        shown = "; ".join(f"{k} p95 {v[1]:.1f}" for k, v in runs_pages[-1].items())
        shown += "".join(f"; {k} {v[0]:.1f} s ({v[1]:,})" for k, v in runs_clocks[-1].items())
        print(f"run {run + 1}: {shown}")
    failed = False
    print(f"{'URL (median of 3 runs)':66} {'p50 ms':>8} {'p95 ms':>8} {'target':>7} {'q':>4}")
    for key, label, target, counted in LABELS:
        p50 = statistics.median(r[key][0] for r in runs_pages)
        p95 = statistics.median(r[key][1] for r in runs_pages)
        ok = p95 <= target
        failed |= counted and not ok
        verdict = ("pass" if ok else "FAIL") if counted else ("ok" if ok else "over (ref.)")
        queries = runs_pages[0][key][2]
        print(f"{label:66} {p50:8.2f} {p95:8.2f} {target:7.0f} {queries:4d}  {verdict}")
    for key, target in (("suspension_declare", None), ("recompute_all", 60)):
        seconds = statistics.median(r[key][0] for r in runs_clocks)
        changed = runs_clocks[0][key][1]
        verdict = "" if target is None else "pass" if seconds <= target else "FAIL"
        failed |= target is not None and seconds > target
        goal = f"target {target} s" if target else "reported"
        print(f"{key}: {seconds:.1f} s, {changed:,} clocks changed ({goal}) {verdict}")
    return 1 if failed else 0


def _demo_loaded() -> bool:
    from cocrea.core.models import Organization

    return Organization.objects.exclude(slug__startswith=PREFIX).exists()


if __name__ == "__main__":
    sys.exit(main())
