"""Synthetic data at the scale of a whole country, for benchmarks and capacity planning.

Everything is labelled: names say "sintético", e-mails end in `.invalid`, slugs start with
`escala-`. The large tables are written with set-based SQL (`INSERT … SELECT generate_series`),
which is why this needs PostgreSQL; the small ones go through the ORM.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.utils import timezone

from cocrea.core.models import Organization, Sector, Territory, TerritoryLevel
from cocrea.exercises.models import Exercise, Stage
from cocrea.participation.models import Axis, Consultation
from cocrea.plans.models import ActionPlan, Commitment, Milestone, Theme
from cocrea.reports.models import Category

MARK = "escala-"
WORDS = [
    "alumbrado", "transporte", "agua", "seguridad", "parque", "calles", "basura", "escuela",
    "salud", "empleo", "becas", "drenaje", "bacheo", "mercado", "cultura", "deporte",
    "transparencia", "contratos", "presupuesto", "árboles", "banquetas", "rutas", "clínica",
]  # fmt: skip


BIG_PLAN, DEEP, HISTORY = 100, 50, 200  # commitments, milestones, versions (issue targets)


@dataclass(frozen=True)
class Scale:
    exercises: int
    plans: int
    commitments: int
    milestones_per_commitment: int
    users: int
    proposals: int
    supports_per_user: int
    comments: int
    reports: int
    datasets: int
    organizations: int = 200
    # Besides the national consultation's `proposals`, spread over the 32 state ones; each is
    # supported twice by one of the first `4 × state_proposals` people.
    state_proposals: int = 0


SCALES = {
    "national": Scale(
        33, 100, 5_000, 10, 500_000, 250_000, 10, 2_000_000, 1_000_000, 10_000,
        state_proposals=8_000,
    ),
    "small": Scale(
        33, 100, 500, 10, 5_000, 2_500, 10, 20_000, 10_000, 100, organizations=20,
        state_proposals=320,
    ),
}  # fmt: skip


def exists() -> bool:
    return Exercise.objects.filter(slug=f"{MARK}1").exists()


def _run(sql: str, params: list[Any] | dict[str, Any] | None = None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _ids(sql: str, params: list[Any]) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def organizations(scale: Scale) -> list[int]:
    states = list(Territory.objects.filter(level=TerritoryLevel.STATE).order_by("inegi_code"))
    created = Organization.objects.bulk_create(
        Organization(
            name=f"Institución sintética {n}",
            slug=f"{MARK}institucion-{n}",
            sector=Sector.GOVERNMENT_AGENCY,
            territory=states[n % len(states)],
        )
        for n in range(1, scale.organizations + 1)
    )
    return [org.pk for org in created]


def exercises_and_plans(scale: Scale) -> list[int]:
    places = list(Territory.objects.exclude(level=TerritoryLevel.MUNICIPALITY).order_by("pk"))
    exercises = Exercise.objects.bulk_create(
        Exercise(
            territory=places[n % len(places)],
            name=f"Ejercicio sintético {n}",
            slug=f"{MARK}{n}",
            stage=Stage.IMPLEMENTATION,
        )
        for n in range(1, scale.exercises + 1)
    )
    plans = ActionPlan.objects.bulk_create(
        ActionPlan(
            exercise=exercises[n % len(exercises)],
            number=100 + n,
            name=f"Plan sintético {n}",
            status="implementation",
            period_start=dt.date(2025, 1, 1),
            period_end=dt.date(2027, 12, 31),
        )
        for n in range(scale.plans)
    )
    return [plan.pk for plan in plans]


def _plan_and_number(n: int, plans: list[int]) -> tuple[int, int]:
    """The first plan takes the first 100 commitments (the plan-page target's shape); the other
    plans share the rest."""
    if n < BIG_PLAN:
        return plans[0], n + 1
    others = plans[1:]
    return others[(n - BIG_PLAN) % len(others)], (n - BIG_PLAN) // len(others) + 1


def commitments(scale: Scale, plans: list[int], orgs: list[int]) -> None:
    themes: list[int | None] = list(Theme.objects.values_list("pk", flat=True)) or [None]
    Commitment.objects.bulk_create(
        (
            Commitment(
                plan_id=_plan_and_number(n, plans)[0],
                number=_plan_and_number(n, plans)[1],
                title=f"Compromiso sintético {n} sobre {WORDS[n % len(WORDS)]}",
                objective="Objetivo sintético. " * 10,
                lead_institution_id=orgs[n % len(orgs)],
                theme_id=themes[n % len(themes)],
                pillar_transparency=n % 2 == 0,
                pillar_participation=n % 3 == 0,
                start_on=dt.date(2025, 2, 1),
                end_on=dt.date(2027, 11, 30),
                status="in_progress",
                is_published=True,
            )
            for n in range(scale.commitments)
        ),
        batch_size=1000,
    )
    per = scale.milestones_per_commitment
    _run(
        """INSERT INTO plans_milestone (commitment_id, number, deliverable, responsible, weight,
               start_on, end_on, status, progress, is_example, updated_at)
           SELECT c.id, k, 'Entregable sintético ' || k, '', 100.0 / %s, '2025-03-01',
                  '2027-10-31', 'in_progress', (c.id * 7 + k * 13) %% 101, false, now()
           FROM plans_commitment c JOIN plans_actionplan p ON p.id = c.plan_id
                JOIN exercises_exercise e ON e.id = p.exercise_id,
                generate_series(1, %s) k
           WHERE e.slug LIKE %s""",
        [per, per, f"{MARK}%"],
    )
    _deep_commitment(plans[0])
    _run(
        """UPDATE plans_commitment c SET progress = m.avg FROM (
               SELECT commitment_id, round(avg(progress), 2) avg FROM plans_milestone
               WHERE deliverable LIKE 'Entregable sintético%%' GROUP BY commitment_id) m
           WHERE m.commitment_id = c.id"""
    )


def _deep_commitment(plan: int) -> None:
    """The first plan's first commitment: 50 milestones and 200 versions in its history, the
    commitment-page target's shape."""
    commitment = Commitment.objects.get(plan_id=plan, number=1)
    _run(
        """INSERT INTO plans_milestone (commitment_id, number, deliverable, responsible, weight,
               start_on, end_on, status, progress, is_example, updated_at)
           SELECT %s, k, 'Entregable sintético ' || k, '', 0, '2025-03-01', '2027-10-31',
                  'in_progress', (k * 13) %% 101, false, now()
           FROM generate_series(%s, %s) k""",
        [commitment.pk, Milestone.objects.filter(commitment=commitment).count() + 1, DEEP],
    )
    Milestone.objects.filter(commitment=commitment).update(weight=100 / DEEP)
    for version in range(HISTORY):
        commitment.objective = f"Objetivo sintético, versión {version + 1}"
        commitment.save(update_fields=["objective"])


def consultations(scale: Scale, exercises: list[Exercise]) -> list[tuple[int, list[int]]]:
    """One open consultation per exercise, three axes each: (consultation id, axis ids)."""
    now = timezone.now()
    created = Consultation.objects.bulk_create(
        Consultation(
            exercise=exercise,
            title=f"Consulta sintética {exercise.slug}",
            slug=f"{MARK}consulta-{exercise.pk}",
            opens_at=now - dt.timedelta(days=30),
            closes_at=now + dt.timedelta(days=3650),
            supports_per_participant=scale.supports_per_user,
            requires_verified=False,
        )
        for exercise in exercises
    )
    axes = Axis.objects.bulk_create(
        Axis(consultation=c, order=k, name=f"Eje sintético {k}") for c in created for k in (1, 2, 3)
    )
    by_consultation: dict[int, list[int]] = {c.pk: [] for c in created}
    for axis in axes:
        by_consultation[axis.consultation_id].append(axis.pk)
    return list(by_consultation.items())


def users(scale: Scale) -> int:
    _run(
        """INSERT INTO core_user (password, is_superuser, username, first_name, last_name, email,
               is_staff, is_active, date_joined, public_name)
           SELECT '!', false, %s || g, '', '', %s || g || '@example.invalid', false, true,
                  now(), '' FROM generate_series(1, %s) g""",
        [f"{MARK}persona-", f"{MARK}persona-", scale.users],
    )
    # One INSERT takes consecutive ids from the sequence.
    return _ids("SELECT min(id) FROM core_user WHERE username LIKE %s", [f"{MARK}persona-%"])[0]


PROPOSALS_SQL = """
    INSERT INTO participation_proposal (consultation_id, axis_id, author_id, title, body, place,
        created_at, support_count, status, response, is_hidden, hidden_reason, is_example)
    SELECT (%(consultations)s::int[])[1 + g %% %(n)s],
           (%(axes)s::int[])[1 + (g %% %(n)s) * 3 + (g / %(n)s) %% 3],
           %(first_user)s + (g %% %(users)s),
           'Propuesta sintética ' || %(offset)s + g || ' sobre ' || w1 || ' y ' || w2,
           'Pedimos mejorar ' || w1 || ' y ' || w2 || ' en la colonia ' || (g %% 900),
           'Colonia ' || (g %% 900), now() - g * interval '10 seconds', 0,
           'under_review', '', false, '', false
    FROM (SELECT g, (%(words)s::text[])[1 + g %% %(w)s] w1,
                 (%(words)s::text[])[1 + (g / %(w)s) %% %(w)s] w2
          FROM generate_series(1, %(count)s) g) s
"""


def proposals(scale: Scale, places: list[tuple[int, list[int]]], first_user: int) -> int:
    """The national consultation (the first exercise's) gets `scale.proposals`, the shape of the
    consultation targets (250,000 proposals, 5,000,000 supports); the states share the rest."""
    national, states = places[:1], places[1:]
    for group, count, offset in (
        (national, scale.proposals, 0),
        (states, scale.state_proposals, scale.proposals),
    ):
        _run(
            PROPOSALS_SQL,
            {
                "consultations": [c for c, _axes in group], "n": len(group),
                "axes": [axis for _c, axes in group for axis in axes],
                "first_user": first_user, "users": scale.users, "offset": offset,
                "words": WORDS, "w": len(WORDS), "count": count,
            },
        )  # fmt: skip
    _run(
        """UPDATE participation_proposal SET search_vector =
               setweight(to_tsvector('spanish', title), 'A')
               || setweight(to_tsvector('spanish', body), 'B')
           WHERE title LIKE 'Propuesta sintética%%'"""
    )
    return _ids(
        "SELECT min(id) FROM participation_proposal WHERE title LIKE %s", ["Propuesta sintética%"]
    )[0]


SUPPORTS_SQL = """
    INSERT INTO participation_support (proposal_id, user_id, created_at)
    SELECT %s + ((u.g::bigint * 7919 + k * 104729) %% %s), %s + u.g - 1, now()
    FROM generate_series(1, %s) AS u(g), generate_series(1, %s) AS k
"""


def supports(scale: Scale, first_user: int, first_proposal: int) -> None:
    """Distinct proposals per person (104729 is a prime that divides neither count): everyone
    gives `supports_per_user` in the national consultation, some give 2 in the states'."""
    national = [first_proposal, scale.proposals, first_user, scale.users, scale.supports_per_user]
    _run(SUPPORTS_SQL, national)
    # Each INSERT took consecutive ids; the states' came second.
    first_state = _ids(
        "SELECT min(id) FROM participation_proposal WHERE id >= %s AND consultation_id <> "
        "(SELECT consultation_id FROM participation_proposal WHERE id = %s)",
        [first_proposal, first_proposal],
    )[0]
    _run(
        SUPPORTS_SQL, [first_state, scale.state_proposals, first_user, 4 * scale.state_proposals, 2]
    )
    _run(
        """UPDATE participation_proposal p SET support_count = s.n
           FROM (SELECT proposal_id, count(*) n FROM participation_support
                 WHERE proposal_id >= %s GROUP BY proposal_id) s
           WHERE p.id = s.proposal_id""",
        [first_proposal],
    )
    _run(
        """INSERT INTO participation_participant (consultation_id, user_id, supports_used)
           SELECT p.consultation_id, s.user_id, count(*)
           FROM participation_support s JOIN participation_proposal p ON p.id = s.proposal_id
           WHERE s.proposal_id >= %s GROUP BY p.consultation_id, s.user_id""",
        [first_proposal],
    )
    _run(
        """UPDATE participation_consultation c SET proposal_count = p.n
           FROM (SELECT consultation_id, count(*) n FROM participation_proposal
                 WHERE id >= %s GROUP BY consultation_id) p
           WHERE c.id = p.consultation_id""",
        [first_proposal],
    )


def comments(scale: Scale, first_user: int, first_proposal: int) -> None:
    """Four in five start a thread; the rest answer one of those."""
    roots = scale.comments * 4 // 5
    _run(
        """INSERT INTO participation_comment (proposal_id, depth, author_id, stance, body,
               created_at, is_hidden, hidden_reason)
           SELECT %s + ((g::bigint * 7919) %% %s), 0, %s + (g %% %s),
                  (ARRAY['for', 'against', 'neutral'])[1 + g %% 3],
                  'Comentario sintético ' || g, now() - g * interval '1 second', false, ''
           FROM generate_series(1, %s) g""",
        [first_proposal, scale.proposals, first_user, scale.users, roots],
    )
    _run(
        """INSERT INTO participation_comment (proposal_id, parent_id, root_id, depth, author_id,
               stance, body, created_at, is_hidden, hidden_reason)
           SELECT c.proposal_id, c.id, c.id, 1, c.author_id, 'neutral',
                  'Respuesta sintética a ' || c.id, c.created_at + interval '1 hour', false, ''
           FROM participation_comment c
           WHERE c.body LIKE 'Comentario sintético%%' ORDER BY c.id LIMIT %s""",
        [scale.comments - roots],
    )


def reports(scale: Scale, orgs: list[int]) -> None:
    # The synthetic institutions are state agencies: each category joins its state's list.
    places = dict(Organization.objects.filter(pk__in=orgs).values_list("pk", "territory_id"))
    categories = Category.objects.bulk_create(
        Category(
            code=f"{MARK}{word}",
            name=f"{word.capitalize()} (sintético)",
            group="Sintético",
            institution_id=orgs[n % len(orgs)],
            territory_id=places[orgs[n % len(orgs)]],
            response_days=10,
        )
        for n, word in enumerate(WORDS[:12])
    )
    ids = [c.pk for c in categories]
    institutions = [c.institution_id for c in categories]
    _run(
        """INSERT INTO reports_report (token, category_id, institution_id, status, status_notes,
               description, attributes, lat, long, exact_lat, exact_long, address, address_id,
               zipcode, first_name, last_name, email, phone, device_id, account_id, media_link,
               requested_at, updated_at, expected_at, is_example)
           SELECT gen_random_uuid(), (%s::int[])[1 + g %% %s], (%s::int[])[1 + g %% %s],
                  (ARRAY['received', 'routed', 'in_progress', 'scheduled', 'resolved',
                         'no_action'])[1 + (g / 7) %% 6], '',
                  'Reporte sintético ' || g, '{}'::jsonb,
                  round(19.0 + (g %% 5000) / 1000.0, 3), round(-103.0 - (g %% 4999) / 1000.0, 3),
                  19.0 + (g %% 5000) / 1000.0, -103.0 - (g %% 4999) / 1000.0,
                  '', '', '', '', '', '', '', '', '', '',
                  now() - g * interval '30 seconds', now() - g * interval '30 seconds',
                  now() - g * interval '30 seconds' + interval '14 days', false
           FROM generate_series(1, %s) g""",
        [ids, len(ids), institutions, len(ids), scale.reports],
    )
    # One in ten has a photo (published, no file behind it), as the lists' media_url looks one up.
    _run(
        """INSERT INTO reports_photo (report_id, image, width, height, uploaded_at, hidden_reason,
               cleaned)
           SELECT id, 'fotos/sintetica.jpg', 640, 480, requested_at, '', true
           FROM reports_report WHERE description LIKE 'Reporte sintético%' AND id % 10 = 0"""
    )


def datasets(scale: Scale, orgs: list[int]) -> None:
    n = len(WORDS)
    _run(
        """INSERT INTO opendata_dataset (identifier, name, title, description, organization_id,
               contact_name, contact_email, landing_page, frequency, license_id, source,
               is_published, created_at, modified_at)
           SELECT gen_random_uuid(), %s || g,
                  'Conjunto sintético ' || g || ' de ' || (%s::text[])[1 + g %% %s],
                  'Datos sintéticos sobre ' || (%s::text[])[1 + (g / %s) %% %s]
                      || ' y ' || (%s::text[])[1 + g %% %s],
                  (%s::int[])[1 + g %% %s], 'Unidad de Transparencia', 'ut@example.invalid', '',
                  'monthly', 'CC-BY-4.0', '', true,
                  now() - g * interval '1 hour', now() - g * interval '1 hour'
           FROM generate_series(1, %s) g""",
        [f"{MARK}conjunto-", WORDS, n, WORDS, n, n, WORDS, n, orgs, len(orgs), scale.datasets],
    )
    _run(
        """INSERT INTO opendata_resource (identifier, dataset_id, position, name, description,
               url, file, format, media_type, checksum, download_count, created_at, modified_at)
           SELECT gen_random_uuid(), id, 0, 'datos.csv', '', 'https://example.invalid/datos.csv',
                  '', (ARRAY['CSV', 'JSON', 'XLSX', 'PDF'])[1 + id %% 4], 'text/csv', '', 0,
                  now(), now()
           FROM opendata_dataset WHERE name LIKE %s""",
        [f"{MARK}conjunto-%"],
    )
    # One keyword each, so that searches and facets by keyword have something to find.
    _run(
        "INSERT INTO opendata_tag (name) SELECT unnest(%s::text[]) ON CONFLICT DO NOTHING", [WORDS]
    )
    _run(
        """INSERT INTO opendata_dataset_keywords (dataset_id, tag_id)
           SELECT d.id, t.id FROM opendata_dataset d
           JOIN opendata_tag t ON t.name = (%s::text[])[1 + d.id %% %s]
           WHERE d.name LIKE %s""",
        [WORDS, n, f"{MARK}conjunto-%"],
    )
    _run(
        """UPDATE opendata_dataset SET search_vector =
               setweight(to_tsvector('spanish', title), 'A')
               || setweight(to_tsvector('spanish', description), 'B')
           WHERE name LIKE %s""",
        [f"{MARK}conjunto-%"],
    )


def follow_up_and_works(scale: Scale) -> None:
    """A progress report per commitment, an assessment for one in five, and public works (one
    per five commitments) with a committee and two inspection sheets each."""
    from cocrea.comptrollership.models import Committee, Inspection, PublicWork
    from cocrea.monitoring.models import Assessment, ProgressReport

    commitments = list(
        Commitment.objects.filter(plan__exercise__slug__startswith=MARK)
        .order_by("pk")
        .values_list("pk", "lead_institution_id")
    )
    ProgressReport.objects.bulk_create(
        (
            ProgressReport(
                commitment_id=pk,
                organization_id=org,
                reported_on=dt.date(2026, 6, 30),
                narrative="Avance sintético del semestre.",
            )
            for pk, org in commitments
        ),
        batch_size=2000,
    )
    Assessment.objects.bulk_create(
        Assessment(
            commitment_id=pk,
            assessed_on=dt.date(2026, 9, 1),
            specificity=("medium", "high", "low")[n % 3],
            relevance_access_information=n % 2 == 0,
            relevance_civic_participation=True,
            potential_impact=("moderate", "minor", "transformative")[n % 3],
            completion=("limited", "substantial", "complete")[n % 3],
            opened_government=("marginal", "major", "did_not_change")[n % 3],
        )
        for n, (pk, _org) in enumerate(commitments[::5])
    )
    works = PublicWork.objects.bulk_create(
        PublicWork(
            name=f"Obra sintética {n}",
            institution_id=org,
            budget=100_000 * (1 + n % 50),
            contractor=f"Constructora sintética {n % 40}",
            starts_on=dt.date(2026, 1, 1),
            progress=n % 101,
        )
        for n, (_pk, org) in enumerate(commitments[::5])
    )
    committees = Committee.objects.bulk_create(
        Committee(public_work=work, name=f"Comité sintético {work.pk}", members=5) for work in works
    )
    Inspection.objects.bulk_create(
        Inspection(
            public_work_id=committee.public_work_id,
            committee=committee,
            held_on=dt.date(2026, month, 15),
            findings="Hallazgos sintéticos de la visita.",
        )
        for committee in committees
        for month in (3, 6)
    )


Step = tuple[str, Callable[[dict[str, Any]], None]]


def steps(scale: Scale) -> list[Step]:
    """The generation in order; each step reads and adds to a shared `state`."""

    def org_step(state: dict[str, Any]) -> None:
        state["orgs"] = organizations(scale)

    def plan_step(state: dict[str, Any]) -> None:
        state["plans"] = exercises_and_plans(scale)

    def people_step(state: dict[str, Any]) -> None:
        exercises = list(Exercise.objects.filter(slug__startswith=MARK).order_by("pk"))
        state["places"] = consultations(scale, exercises)
        state["first_user"] = users(scale)

    def proposal_step(state: dict[str, Any]) -> None:
        state["first_proposal"] = proposals(scale, state["places"], state["first_user"])

    return [
        ("instituciones", org_step),
        ("ejercicios y planes", plan_step),
        ("compromisos e hitos", lambda s: commitments(scale, s["plans"], s["orgs"])),
        ("seguimiento y obras", lambda s: follow_up_and_works(scale)),
        ("consultas y personas", people_step),
        ("propuestas", proposal_step),
        ("apoyos", lambda s: supports(scale, s["first_user"], s["first_proposal"])),
        ("comentarios", lambda s: comments(scale, s["first_user"], s["first_proposal"])),
        ("reportes ciudadanos", lambda s: reports(scale, s["orgs"])),
        ("conjuntos de datos", lambda s: datasets(scale, s["orgs"])),
        ("estadísticas de la base", lambda s: _run("ANALYZE")),
    ]
