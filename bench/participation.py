"""Benchmark of a national-scale consultation, on PostgreSQL.

Synthetic data, labelled "(sintético)", written with set-based SQL so that it loads in about a
minute: 500,000 participants, 250,000 proposals (with their Spanish search vectors) and 5,000,000
supports (10 per participant). Targets: the proposal list sorted by supports, first page and page
500, p95 ≤ 50 ms; Spanish full-text search p95 ≤ 100 ms; 64 concurrent clients supporting
proposals sustain ≥ 300 supports per second with exact counts and nobody over the limit.
"""

import sys
import threading
import time

from common import measure, report, setup_django

USERS, PROPOSALS, PER_USER = 500_000, 250_000, 10
WORDS = [
    "alumbrado",
    "transporte",
    "agua",
    "seguridad",
    "parque",
    "calles",
    "basura",
    "escuela",
    "salud",
    "empleo",
    "becas",
    "drenaje",
    "bacheo",
    "policía",
    "mercado",
    "cultura",
    "deporte",
    "jóvenes",
    "mujeres",
    "transparencia",
    "contratos",
    "presupuesto",
    "vigilancia",
    "árboles",
    "ruido",
    "banquetas",
    "camiones",
    "rutas",
    "clínica",
    "medicinas",
]
N = len(WORDS)


def load(cursor, consultation_id: int) -> None:
    cursor.execute(
        """INSERT INTO core_user (password, is_superuser, username, first_name, last_name, email,
               is_staff, is_active, date_joined, public_name)
           SELECT '!', false, 'sintetico' || g, '', '', 'sintetico' || g || '@example.invalid',
                  false, true, now(), '' FROM generate_series(1, %s) g""",
        [USERS],
    )
    # One INSERT takes consecutive ids from the sequence (which rollbacks never rewind).
    cursor.execute("SELECT min(id) FROM core_user WHERE username LIKE 'sintetico%%'")
    first_user = cursor.fetchone()[0]
    cursor.execute(
        """INSERT INTO participation_proposal (consultation_id, author_id, title, body, place,
               created_at, support_count, status, response, is_hidden, hidden_reason, is_example)
           SELECT %s, %s + (g %% %s), 'Propuesta sintética ' || g || ' sobre ' || w1 || ' y ' || w2,
                  'Pedimos mejorar ' || w1 || ', ' || w2 || ' y ' || w3 || ' en la colonia ' || (g %% 900),
                  'Colonia ' || (g %% 900), now(), 0, 'under_review', '', false, '', false
           FROM (SELECT g, (%s::text[])[1 + g %% %s] w1, (%s::text[])[1 + (g / %s) %% %s] w2,
                        (%s::text[])[1 + (g / %s) %% %s] w3 FROM generate_series(1, %s) g) s""",
        [consultation_id, first_user, USERS, WORDS, N, WORDS, N, N, WORDS, N * N, N, PROPOSALS],
    )
    cursor.execute(
        """UPDATE participation_proposal SET search_vector =
               setweight(to_tsvector('spanish', title), 'A') || setweight(to_tsvector('spanish', body), 'B')
           WHERE consultation_id = %s""",
        [consultation_id],
    )
    cursor.execute(
        "SELECT min(id) FROM participation_proposal WHERE consultation_id = %s", [consultation_id]
    )
    first_proposal = cursor.fetchone()[0]
    # 10 distinct proposals per person: 104729 is prime to 250000, so k·104729 never repeats.
    cursor.execute(
        """INSERT INTO participation_support (proposal_id, user_id, created_at)
           SELECT %s + ((u.g::bigint * 7919 + k * 104729) %% %s), %s + u.g - 1, now()
           FROM generate_series(1, %s) AS u(g), generate_series(1, %s) AS k""",
        [first_proposal, PROPOSALS, first_user, USERS, PER_USER],
    )
    cursor.execute(
        """UPDATE participation_proposal p SET support_count = s.n
           FROM (SELECT proposal_id, count(*) n FROM participation_support GROUP BY proposal_id) s
           WHERE p.id = s.proposal_id AND p.consultation_id = %s""",
        [consultation_id],
    )
    cursor.execute(
        """INSERT INTO participation_participant (consultation_id, user_id, supports_used)
           SELECT %s, %s + g - 1, %s FROM generate_series(1, %s) g""",
        [consultation_id, first_user, PER_USER, USERS],
    )
    cursor.execute(
        "UPDATE participation_consultation SET proposal_count = %s WHERE id = %s",
        [PROPOSALS, consultation_id],
    )
    cursor.execute("ANALYZE")


def consultation():
    import datetime as dt

    from django.db import connection, transaction
    from django.utils import timezone

    from cocrea.exercises.models import Exercise
    from cocrea.participation.models import Consultation

    found = Consultation.objects.filter(slug="consulta-sintetica").first()
    if found:
        return found
    now = timezone.now()
    start = time.monotonic()
    with transaction.atomic(), connection.cursor() as cursor:
        found = Consultation.objects.create(
            exercise=Exercise.objects.get(slug="jalisco"),
            title="Consulta nacional (sintético)",
            slug="consulta-sintetica",
            opens_at=now - dt.timedelta(days=1),
            closes_at=now + dt.timedelta(days=3650),
            supports_per_participant=PER_USER,
            requires_verified=False,
        )
        load(cursor, found.pk)
    print(f"Synthetic consultation loaded in {time.monotonic() - start:.0f} s")
    return found


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

    threads = [threading.Thread(target=run, args=(u,)) for u in users]
    start = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - start
    exact = all(
        Proposal.objects.get(pk=pk).support_count - before[pk]
        == Support.objects.filter(proposal_id=pk, user__in=users).count()
        for pk in before
    )
    within = not Participant.objects.filter(
        consultation=found, user__in=users, supports_used__gt=PER_USER
    ).exists()
    rate = len(done) / elapsed
    print(
        f"{clients} concurrent clients: {len(done)} supports in {elapsed:.2f} s = {rate:.0f}/s; "
        f"exact counts: {exact}; nobody over the limit: {within} (target ≥ 300/s)"
    )
    return rate, exact and within and len(done) == clients * PER_USER


def main() -> int:
    setup_django()
    from django.test import Client

    found = consultation()
    base = f"/ejercicios/jalisco/consultas/{found.slug}/"
    rows = []
    client = Client()
    for url, target in (
        (base, 50),
        (base + "?pagina=500", 50),
        (base + "?q=alumbrado", 100),
        (base + "?q=agua+potable+colonia", 100),
        (base + "?q=medicinas", 100),
        (base + "?q=%22colonia+899%22", 100),
    ):
        p50, p95, queries = measure(client, url)
        rows.append((url.replace(base, "…/"), p50, p95, target, queries))
    status = report(rows)
    rate, correct = concurrency(found)
    return status or int(rate < 300 or not correct)


if __name__ == "__main__":
    sys.exit(main())
