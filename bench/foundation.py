"""Benchmark of the foundation pages and API lists, on PostgreSQL.

Run with `make bench` (PostgreSQL on 127.0.0.1:5432). It creates (or reuses) the database
`cocrea_bench`, loads the demo plus synthetic secretariat data labelled as such, then times each
URL in process (server time: middleware, view, queries, template) and prints p50/p95 against the
targets in docs/performance.md. Exits 1 when a target is missed.
"""

import sys

from common import measure, report, setup_django

SESSIONS_PER_EXERCISE = 60
AGREEMENTS_PER_SESSION = 5
EDITS_PER_EXERCISE = 200


def load_data() -> None:
    from cocrea.exercises.models import Exercise, Secretariat

    if Secretariat.objects.filter(name__contains="(sintético)").exists():
        return
    for exercise in Exercise.objects.all():
        synthesize(exercise)


def synthesize(exercise) -> None:
    """Synthetic sessions, members, agreements and edits, labelled '(sintético)'."""
    import datetime as dt

    from cocrea.exercises.models import (
        Agreement,
        SeatSector,
        Secretariat,
        SecretariatMember,
        SecretariatSession,
        SessionAttendance,
    )

    secretariat = Secretariat.objects.create(
        exercise=exercise, name="Secretariado de prueba (sintético)", is_active=False
    )
    SecretariatMember.objects.bulk_create(
        SecretariatMember(
            secretariat=secretariat,
            person_name=f"Integrante sintético {n}",
            sector=SeatSector.values[n % 4],
            role="member",
        )
        for n in range(12)
    )
    sessions = SecretariatSession.objects.bulk_create(
        SecretariatSession(
            secretariat=secretariat,
            number=n + 1,
            held_on=dt.date(2018, 1, 1) + dt.timedelta(days=30 * n),
        )
        for n in range(SESSIONS_PER_EXERCISE)
    )
    SessionAttendance.objects.bulk_create(
        SessionAttendance(session=s, sector=sector, present=3)
        for s in sessions
        for sector in SeatSector.values[:3]
    )
    Agreement.objects.bulk_create(
        Agreement(session=s, number=str(k + 1), text="Acuerdo sintético de prueba")
        for s in sessions
        for k in range(AGREEMENTS_PER_SESSION)
    )
    for n in range(EDITS_PER_EXERCISE):
        exercise.description = f"Descripción (sintético), versión {n}"
        exercise.save()


def main() -> int:
    setup_django()
    from django.test import Client

    from cocrea.exercises.models import Exercise

    load_data()
    jalisco = Exercise.objects.get(slug="jalisco")
    session = jalisco.secretariats.filter(is_active=False).get().sessions.first()
    base = "/ejercicios/jalisco/"
    targets = {
        "/healthz": 10,
        "/": 50,
        "/ejercicios/": 50,
        base: 50,
        base + "secretariado/": 50,
        base + "sesiones/": 50,
        f"{base}sesiones/{session.pk}/": 50,
        base + "historial/": 50,
        "/api/v1/exercises": 30,
        f"/api/v1/secretariat-sessions?exercise={jalisco.pk}": 30,
        "/api/v1/territories?limit=500": 30,
    }
    client = Client()
    rows = []
    for url, target in targets.items():
        p50, p95, queries = measure(client, url)
        rows.append((url, p50, p95, target, queries))
    return report(rows)


if __name__ == "__main__":
    sys.exit(main())
