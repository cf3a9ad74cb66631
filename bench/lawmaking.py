"""Benchmark of collaborative lawmaking at scale, on PostgreSQL (issue 17: collaborative lawmaking).

Synthetic data, labelled "(sintético)": one process whose bill has 300 articles in 10 published
versions (each version changes a few words in about 10% of the articles), and 20,000
contributions spread over the articles (with their answers, supports and the versions that took
them in). Targets: an article's page with its contributions p95 ≤ 50 ms; the comparison of the
first and the last versions (all 300 articles) p95 ≤ 300 ms warm (the cache allowed), the cold
figure (the cache emptied before every request) reported too; the XLSX summary of the 20,000
contributions with memory that does not grow with the rows (peak for 20,000 within 1.2× the peak
for 5,000).
"""

import random
import sys
import time
import tracemalloc

from common import measure, report, setup_django

SLUG = "iniciativa-sintetica-300-articulos"
ARTICLES, VERSIONS, CONTRIBUTIONS = 300, 10, 20_000
WORDS = (
    "toda", "persona", "autoridad", "congreso", "ciudadania", "derecho", "informacion",
    "plazo", "comision", "dictamen", "iniciativa", "transparencia", "participacion",
    "publica", "respuesta", "municipio", "estado", "ley", "reglamento", "consulta",
    "plataforma", "digital", "registro",
)  # fmt: skip
EDITS = ("deberá", "podrá", "garantizará", "publicará", "informará")


def _body(rng: random.Random, n: int) -> str:
    paragraphs = [
        " ".join(rng.choice(WORDS) for _ in range(rng.randint(25, 45))).capitalize() + "."
        for _ in range(rng.randint(1, 4))
    ]
    return f"Artículo sintético {n}. " + "\n\n".join(paragraphs)


def _edited(rng: random.Random, body: str) -> str:
    """The same text with a few words changed."""
    words = body.split(" ")
    for _ in range(rng.randint(1, 4)):
        words[rng.randrange(2, len(words))] = rng.choice(EDITS)
    return " ".join(words)


def load_data() -> None:
    from cocrea.lawmaking.models import LegislativeProcess

    if LegislativeProcess.objects.filter(slug=SLUG).exists():
        return
    from django.db import transaction

    start = time.monotonic()
    with transaction.atomic():
        process = _process()
        versions = _versions(process, random.Random(17))
        _contributions(process, versions, random.Random(1717))
    print(f"synthetic process loaded in {time.monotonic() - start:.0f} s")


def _process():
    import datetime as dt

    from django.utils import timezone

    from cocrea.core.models import Organization
    from cocrea.exercises.models import Exercise
    from cocrea.lawmaking.models import LegislativeProcess, Phase, PhaseKind

    congress = Organization.objects.filter(slug="congreso-del-estado-de-jalisco").first()
    process = LegislativeProcess.objects.create(
        exercise=Exercise.objects.filter(slug="jalisco").first(),
        congress=congress or Organization.objects.order_by("pk").first(),
        title="Iniciativa de 300 artículos (sintético)",
        slug=SLUG,
        committee="Comisión sintética",
        highlight_supports=10,
    )
    now = timezone.now()
    Phase.objects.create(
        process=process,
        kind=PhaseKind.CONTRIBUTIONS,
        opens_at=now - dt.timedelta(days=30),
        closes_at=now + dt.timedelta(days=365),
    )
    return process


def _versions(process, rng: random.Random) -> list:
    from django.utils import timezone

    from cocrea.lawmaking.models import TextUnit, TextVersion, UnitKind

    bodies = {n: _body(rng, n) for n in range(1, ARTICLES + 1)}
    versions = []
    for number in range(1, VERSIONS + 1):
        if number > 1:  # about 10% of the articles change a few words
            for n in rng.sample(range(1, ARTICLES + 1), ARTICLES // 10):
                bodies[n] = _edited(rng, bodies[n])
        version = TextVersion.objects.create(
            process=process,
            number=number,
            label=f"Versión {number} (sintético)",
            published_at=timezone.now(),
        )
        TextUnit.objects.bulk_create(
            TextUnit(
                version=version,
                position=n,
                kind=UnitKind.ARTICLE,
                key=f"articulo-{n}",
                heading=f"Artículo {n}",
                body=bodies[n],
            )
            for n in range(1, ARTICLES + 1)
        )
        versions.append(version)
    return versions


def _contributions(process, versions: list, rng: random.Random) -> None:
    from cocrea.core.models import User
    from cocrea.lawmaking.models import (
        AnswerStatus,
        Contribution,
        ContributionKind,
        TextUnit,
    )

    authors = User.objects.bulk_create(
        User(username=f"bench-ley-{n}@example.invalid", email=f"bench-ley-{n}@example.invalid")
        for n in range(200)
    )
    units = list(TextUnit.objects.filter(version=versions[0]).order_by("position"))
    statuses = list(AnswerStatus)
    kinds = list(ContributionKind)

    def one(i: int) -> Contribution:
        unit = units[i % ARTICLES]
        status = statuses[i % len(statuses)]
        taken = status in (AnswerStatus.INCORPORATED, AnswerStatus.PARTLY)
        return Contribution(
            process=process,
            unit=unit,
            unit_key=unit.key,
            paragraph=1 + i % 3,
            kind=kinds[i % len(kinds)],
            quote=" ".join(unit.body.split(" ")[3:8]),
            proposed_text=f"Texto propuesto sintético {i}",
            body=f"Justificación sintética {i}: " + " ".join(rng.choices(WORDS, k=30)),
            author=authors[i % len(authors)],
            support_count=min(int(rng.paretovariate(1.5)) - 1, 500),
            status=status,
            answer=f"Respuesta sintética {i}" if status != AnswerStatus.PENDING else "",
            incorporated_in=versions[1 + i % (VERSIONS - 1)] if taken else None,
            is_hidden=i % 97 == 0,
        )

    Contribution.objects.bulk_create((one(i) for i in range(CONTRIBUTIONS)), batch_size=2000)


def xlsx_run(process, limit: int, traced: bool) -> tuple[float, int]:
    """(seconds, peak Python bytes) writing the XLSX summary of the first `limit` rows."""
    from cocrea.lawmaking import exports

    original = exports.summary_contributions
    exports.summary_contributions = lambda p: original(p)[:limit]
    try:
        if traced:
            tracemalloc.start()
        start = time.perf_counter()
        exports.summary_xlsx(process).close()
        elapsed = time.perf_counter() - start
        peak = tracemalloc.get_traced_memory()[1] if traced else 0
        if traced:
            tracemalloc.stop()
    finally:
        exports.summary_contributions = original
    return elapsed, peak


def pages(client, process) -> list[tuple[str, float, float, float, int]]:
    from django.urls import reverse

    rows = []
    unit = reverse("lawmaking:unit_detail", args=[process.slug, "articulo-150"])
    compare = reverse("lawmaking:compare", args=[process.slug]) + f"?de=1&a={VERSIONS}"
    for url, target, cold in ((unit, 50, False), (compare, 300, False), (compare, 300, True)):
        status = client.get(url).status_code
        if status != 200:
            print(f"{url}: {status} (the view is not written yet); not measured")
            continue
        p50, p95, queries = measure(client, url, cold=cold)
        label = url + (" (cold)" if cold else " (warm)" if url == compare else "")
        rows.append((label, p50, p95, target, queries))
    return rows


def main() -> int:
    setup_django()
    from django.test import Client

    from cocrea.lawmaking.models import Contribution, LegislativeProcess, TextUnit

    load_data()
    process = LegislativeProcess.objects.get(slug=SLUG)
    visible = Contribution.objects.filter(process=process, is_hidden=False).count()
    units = TextUnit.objects.filter(version__process=process).count()
    print(f"{units:,} units ({ARTICLES} articles × {VERSIONS} versions); {visible:,} contributions")
    status = report(pages(Client(), process))
    seconds, _peak = xlsx_run(process, CONTRIBUTIONS, traced=False)
    print(f"XLSX summary of {visible:,} contributions: {seconds:.1f} s")
    peaks = {n: xlsx_run(process, n, traced=True)[1] for n in (5_000, CONTRIBUTIONS)}
    ratio = peaks[CONTRIBUTIONS] / peaks[5_000]
    shown = "; ".join(f"{min(n, visible):,} rows {p / 1e6:.1f} MB" for n, p in peaks.items())
    print(f"XLSX peak Python memory: {shown}; 20,000 / 5,000 = {ratio:.2f} (target ≤ 1.2)")
    return status or int(ratio > 1.2)


if __name__ == "__main__":
    sys.exit(main())
