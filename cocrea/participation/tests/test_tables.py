"""Working tables as records: created and edited from pages by the exercise's coordination and
secretariat, with their minutes (a PDF checked by content and size), attendance by sector and
organization, several problems, and shown on the commitments they produced."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.utils import timezone

from cocrea.core.tests.factories import OrganizationFactory
from cocrea.core.tests.helpers import PDF_BYTES, client_for, streamed
from cocrea.exercises.models import ExerciseRole, SeatSector
from cocrea.exercises.tests.factories import ExerciseFactory, ExerciseMembershipFactory
from cocrea.participation.models import Consultation, Problem, TableAttendance, WorkingTable
from cocrea.plans.tests.factories import CommitmentFactory, PlanFactory

pytestmark = pytest.mark.django_db
NOW = timezone.now()


@pytest.fixture
def world(roles):
    consultation = Consultation.objects.create(
        exercise=roles.exercise,
        title="Consulta",
        slug="consulta",
        opens_at=NOW - dt.timedelta(days=30),
        closes_at=NOW - dt.timedelta(days=1),
    )
    water = Problem.objects.create(consultation=consultation, title="Falta de agua")
    roads = Problem.objects.create(consultation=consultation, title="Calles sin luz")
    commitment = CommitmentFactory(plan=PlanFactory(exercise=roles.exercise))
    base = f"/ejercicios/{roles.exercise.slug}/consultas/consulta/"
    return consultation, (water, roads), commitment, base


def _data(problems, commitment, **extra):
    return {
        "title": "Mesa de agua y alumbrado",
        "held_on": "2026-01-15",
        "place": "Casa de la cultura",
        "problems": [p.pk for p in problems],
        "commitments": [commitment.pk],
        "government": 4,
        "civil_society": 6,
        "guarantor": 1,
        "others": 2,
        "outcome": "Se propuso el compromiso de agua.",
    } | extra


def _pdf(content: bytes = PDF_BYTES, name: str = "minuta.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_the_coordination_records_a_table_and_the_public_reads_it(roles, world):
    _consultation, problems, commitment, base = world
    civil, university = OrganizationFactory(name="Red Ciudadana"), OrganizationFactory(name="UdeG")
    data = _data(
        problems,
        commitment,
        minutes=_pdf(),
        organization_0=civil.pk,
        present_0=3,
        organization_1=university.pk,
    )
    response = client_for(roles.coordinator).post(base + "mesas/nueva/", data)
    table = WorkingTable.objects.get()
    assert response.status_code == 302 and response["Location"] == table.get_absolute_url()
    assert set(table.problems.all()) == set(problems)
    assert {(a.organization.name, a.present) for a in table.attendance.all()} == {
        ("Red Ciudadana", 3),
        ("UdeG", None),
    }
    page = Client().get(table.get_absolute_url()).content.decode()
    for text in ("Falta de agua", "Calles sin luz", commitment.title, "Red Ciudadana", "UdeG"):
        assert text in page
    assert "13 personas por sector" in page and "sin número registrado" in page
    minutes = Client().get(base + f"mesas/{table.pk}/minuta.pdf")
    assert minutes.status_code == 200 and streamed(minutes) == PDF_BYTES
    assert minutes["Content-Disposition"].endswith(f'minuta-consulta-mesa-{table.pk}.pdf"')
    # Each problem, and each commitment it produced, shows the table.
    for problem in problems:
        assert table.get_absolute_url() in Client().get(problem.get_absolute_url()).content.decode()
    commitment_page = Client().get(commitment.get_absolute_url()).content.decode()
    assert "Mesas de trabajo que lo produjeron" in commitment_page
    assert table.get_absolute_url() in commitment_page
    assert Client().get(f"/api/v1/working-tables/{table.pk}").json()["problem_id"] == problems[0].pk


def test_editing_changes_attendance_problems_and_keeps_history(roles, world):
    _consultation, (water, roads), commitment, base = world
    client = client_for(roles.coordinator)
    civil = OrganizationFactory()
    client.post(base + "mesas/nueva/", _data([water, roads], commitment, organization_0=civil.pk))
    table = WorkingTable.objects.get()
    edit = client.get(base + f"mesas/{table.pk}/editar/")
    assert edit.status_code == 200 and 'enctype="multipart/form-data"' in edit.content.decode()
    data = _data([roads], commitment, government=9)  # the organization row left empty: removed
    assert client.post(base + f"mesas/{table.pk}/editar/", data).status_code == 302
    table.refresh_from_db()
    assert list(table.problems.all()) == [roads] and table.government == 9
    assert not TableAttendance.objects.exists()
    assert table.history.count() == 2 and TableAttendance.history.count() == 2


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"minutes": "NOT_PDF"}, "no es un PDF"),
        ({"minutes": "HUGE"}, "el máximo es 1 MB"),
        ({"problems": []}, "al menos una problemática"),
        ({"held_on": "2999-01-01"}, "posterior a hoy"),
        ({"organization_0": "ORG", "organization_1": "ORG"}, "ya está en la asistencia"),
        ({"present_0": 4}, "Elige la organización"),
        ({"government": -1}, "government"),
    ],
)
def test_bad_tables_are_refused_with_the_reason_and_nothing_saved(
    roles, world, settings, extra, message
):
    settings.MINUTES_MAX_UPLOAD_MB = 1
    _consultation, problems, commitment, base = world
    organization = OrganizationFactory()
    values = {
        "NOT_PDF": _pdf(b"<html>no soy un PDF</html>", "minuta.pdf"),
        "HUGE": _pdf(PDF_BYTES + b"0" * (1024 * 1024 + 1)),
        "ORG": organization.pk,
    }
    data = _data(problems, commitment) | {
        k: values.get(v, v) if isinstance(v, str) else v for k, v in extra.items()
    }
    response = client_for(roles.coordinator).post(base + "mesas/nueva/", data)
    assert response.status_code == 400
    if message != "government":
        assert message in response.content.decode()
    assert not WorkingTable.objects.exists() and not TableAttendance.objects.exists()


def test_problems_and_commitments_of_elsewhere_are_refused(roles, world):
    _consultation, problems, _commitment, base = world
    foreign = CommitmentFactory()  # another exercise's
    response = client_for(roles.coordinator).post(base + "mesas/nueva/", _data(problems, foreign))
    assert response.status_code == 400 and not WorkingTable.objects.exists()


ROLES = [
    (None, 302),
    ("participant", 403),
    ("other_liaison", 403),
    ("liaison", 403),
    ("civil_society", 200),
    ("other_coordinator", 403),
    ("coordinator", 200),
    ("admin", 200),
]


def _user(roles, role):
    if role == "civil_society":
        return ExerciseMembershipFactory(
            exercise=roles.exercise, role=ExerciseRole.SECRETARIAT, sector=SeatSector.CIVIL_SOCIETY
        ).user
    return getattr(roles, role) if role else None


@pytest.mark.parametrize(("role", "status"), ROLES)
def test_who_creates_and_edits_tables(roles, world, role, status):
    consultation, problems, commitment, base = world
    table = WorkingTable.objects.create(consultation=consultation, held_on=dt.date(2026, 1, 1))
    table.problems.add(problems[0])
    client = client_for(_user(roles, role))
    assert client.get(base + "mesas/nueva/").status_code == status
    assert client.get(base + f"mesas/{table.pk}/editar/").status_code == status
    posted = client.post(base + "mesas/nueva/", _data(problems, commitment))
    assert posted.status_code == (302 if status == 200 else status)
    assert WorkingTable.objects.count() == (2 if status == 200 else 1)


@pytest.mark.parametrize(("role", "_status"), ROLES)
def test_everyone_reads_tables_and_their_minutes(roles, world, role, _status):
    consultation, _problems, _commitment, base = world
    table = WorkingTable.objects.create(
        consultation=consultation, held_on=dt.date(2026, 1, 1), minutes=_pdf()
    )
    client = client_for(_user(roles, role))
    page = client.get(table.get_absolute_url()).content.decode()
    assert "Minuta (PDF)" in page
    assert ("Editar la mesa" in page) == (_status == 200)
    assert client.get(base + f"mesas/{table.pk}/minuta.pdf").status_code == 200
    assert client.get(base + "mesas/999999/").status_code == 404


def test_a_table_without_minutes_has_no_file_to_serve(roles, world):
    consultation, _problems, _commitment, base = world
    table = WorkingTable.objects.create(consultation=consultation, held_on=dt.date(2026, 1, 1))
    assert Client().get(base + f"mesas/{table.pk}/minuta.pdf").status_code == 404


def test_list_pages_keep_their_query_counts(roles, world, django_assert_max_num_queries):
    consultation, problems, commitment, base = world
    for day in range(1, 6):
        table = WorkingTable.objects.create(
            consultation=consultation, held_on=dt.date(2026, 1, day)
        )
        table.problems.set(problems)
        table.commitments.add(commitment)
        TableAttendance.objects.create(table=table, organization=OrganizationFactory(), present=2)
    with django_assert_max_num_queries(14):
        assert Client().get(base + "sistematizacion/").status_code == 200
    with django_assert_max_num_queries(7):
        assert Client().get(table.get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(4):
        assert Client().get("/api/v1/working-tables").json()["count"] == 5


@pytest.mark.skipif(connection.vendor == "sqlite", reason="runs once, on PostgreSQL")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_keeps_each_table_with_its_problem_and_organizations():
    """Existing tables (one problem, organizations without counts) become records with that
    problem among their problems, their consultation, and attendance rows."""
    before = [("participation", "0009_flag_review_comment_flag")]
    after = [("participation", "0010_working_tables_as_records")]
    exercise = ExerciseFactory(slug="e-migracion")  # other apps stay as they are
    organization = OrganizationFactory()
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    try:
        old = executor.loader.project_state(before).apps
        consultation = old.get_model("participation", "Consultation").objects.create(
            exercise_id=exercise.pk, title="C", slug="c-migracion", opens_at=NOW, closes_at=NOW
        )
        problem = old.get_model("participation", "Problem").objects.create(
            consultation=consultation, title="P"
        )
        table = old.get_model("participation", "WorkingTable").objects.create(
            problem=problem, held_on=dt.date(2020, 1, 1)
        )
        table.organizations.add(organization.pk)
        executor = MigrationExecutor(connection)
        executor.migrate(after)
        new = executor.loader.project_state(after).apps
        migrated = new.get_model("participation", "WorkingTable").objects.get(pk=table.pk)
        assert migrated.consultation_id == consultation.pk
        assert list(migrated.problems.values_list("pk", flat=True)) == [problem.pk]
        rows = new.get_model("participation", "TableAttendance").objects.filter(table_id=table.pk)
        assert list(rows.values_list("organization_id", "present")) == [(organization.pk, None)]
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
