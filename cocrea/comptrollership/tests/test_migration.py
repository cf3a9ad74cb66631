"""Moving the models out of reports moves no data: rows written before the split (in the tables
reports created) are found afterwards through the comptrollership models, and so are the
reports' rows that point at them, the history and the content types with their permissions."""

import datetime as dt

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from cocrea.comptrollership.models import Committee, Inspection, PublicWork, ReportedComptrollership
from cocrea.core.models import User
from cocrea.reports.models import Photo, Report

BEFORE = [("reports", "0005_photo_cleaned"), ("comptrollership", None)]

# Transactional: migrations run outside a test transaction. serialized_rollback brings back the
# data migrations' rows (the 32 states) for the tests that run after this one in the worker.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _migrate(targets):
    executor = MigrationExecutor(connection)
    return executor.migrate(targets).apps


def _latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def _rows_before_the_split(apps):
    """One row in every table the split touches, written with the models of that time."""
    now = timezone.now()
    territory = apps.get_model("core", "Territory").objects.get(inegi_code="14")
    institution = apps.get_model("core", "Organization").objects.create(
        name="Obras Públicas", slug="obras-publicas", sector="gov_agency", territory=territory
    )
    recorder = apps.get_model("core", "User").objects.create(
        username="vecina", email="vecina@example.org"
    )
    work = apps.get_model("reports", "PublicWork").objects.create(
        name="Mercado municipal", institution=institution, municipality=None, progress=30
    )
    apps.get_model("reports", "HistoricalPublicWork").objects.create(
        id=work.pk,
        name=work.name,
        institution_id=institution.pk,
        progress=30,
        history_date=now,
        history_type="+",
        history_user=recorder,
    )
    committee = apps.get_model("reports", "Committee").objects.create(
        public_work=work, name="Comité del mercado", members=6, citizen_comptrollers=1
    )
    committee.recorders.add(recorder)
    apps.get_model("reports", "HistoricalCommittee").objects.create(
        id=committee.pk,
        public_work_id=work.pk,
        name=committee.name,
        members=6,
        history_date=now,
        history_type="+",
    )
    inspection = apps.get_model("reports", "Inspection").objects.create(
        public_work=work, committee=committee, held_on=dt.date(2026, 5, 4), findings="Sin techo"
    )
    apps.get_model("reports", "HistoricalInspection").objects.create(
        id=inspection.pk,
        public_work_id=work.pk,
        committee_id=committee.pk,
        held_on=inspection.held_on,
        findings="Sin techo",
        history_date=now,
        history_type="+",
    )
    apps.get_model("reports", "ReportedComptrollership").objects.create(
        territory=territory,
        year=2014,
        trained_members=151,
        commitment_letters=151,
        complaints=8,
        observatories=5,
        citizen_comptrollers=11,
        source="Presentación de Durango, 2015",
    )
    category = apps.get_model("reports", "Category").objects.create(
        code="queja-obra", name="Queja sobre una obra", institution=institution
    )
    report = apps.get_model("reports", "Report").objects.create(
        category=category,
        institution=institution,
        public_work=work,
        description="Obra abandonada",
        requested_at=now,
        updated_at=now,
    )
    photo = apps.get_model("reports", "Photo").objects.create(
        inspection=inspection, image="fotos/mercado.jpg", uploaded_at=now
    )
    apps.get_model("reports", "HistoricalPhoto").objects.create(
        id=photo.pk,
        inspection_id=inspection.pk,
        image=photo.image,
        uploaded_at=now,
        history_date=now,
        history_type="+",
    )
    return {"work": work.pk, "report": report.pk, "photo": photo.pk, "recorder": recorder.pk}


def test_the_split_keeps_every_row_and_points_the_reports_at_them():
    before = _migrate(BEFORE)
    content_types = before.get_model("contenttypes", "ContentType")
    work_type = content_types.objects.get(app_label="reports", model="publicwork")
    assert (
        before.get_model("auth", "Permission")
        .objects.filter(content_type=work_type, codename="change_publicwork")
        .exists()
    )
    ids = _rows_before_the_split(before)

    _migrate(_latest())

    work = PublicWork.objects.get(pk=ids["work"])
    assert work.name == "Mercado municipal" and work.institution.name == "Obras Públicas"
    assert work.history.get().history_user == User.objects.get(pk=ids["recorder"])
    committee = Committee.objects.get(public_work=work)
    assert committee.name == "Comité del mercado" and committee.citizen_comptrollers == 1
    assert list(committee.recorders.values_list("pk", flat=True)) == [ids["recorder"]]
    assert committee.history.get().public_work_id == work.pk
    inspection = Inspection.objects.get(public_work=work, committee=committee)
    assert inspection.findings == "Sin techo" and inspection.history.get().committee == committee
    reported = ReportedComptrollership.objects.get(year=2014)
    assert (reported.trained_members, reported.complaints, reported.observatories) == (151, 8, 5)
    report = Report.objects.get(pk=ids["report"])
    assert report.public_work == work and list(work.complaints.all()) == [report]
    photo = Photo.objects.get(pk=ids["photo"])
    assert photo.inspection == inspection and list(inspection.photos.all()) == [photo]
    assert photo.history.get().inspection == inspection
    # The content type moved with its model (same row), and its permissions with it.
    ContentType.objects.clear_cache()
    assert ContentType.objects.get_for_model(PublicWork).pk == work_type.pk
    moved = Permission.objects.get(content_type=work_type.pk, codename="change_publicwork")
    assert moved.content_type.app_label == "comptrollership"
    assert not ContentType.objects.filter(app_label="reports", model="publicwork").exists()


def test_going_back_and_forth_keeps_one_content_type_and_its_grants():
    from django.contrib.auth.models import Group
    from django.core.management import call_command

    work_type = ContentType.objects.get_for_model(PublicWork)
    editors = Group.objects.create(name="Editores de obras")
    editors.permissions.add(
        Permission.objects.get(content_type=work_type, codename="add_publicwork")
    )

    # `migrate` (unlike the executor) makes the content types a state lacks: going back leaves a
    # fresh, empty comptrollership one beside the kept one, which going forward must fold in.
    call_command("migrate", "reports", "0005_photo_cleaned", verbosity=0)
    call_command("migrate", "comptrollership", "zero", verbosity=0)
    call_command("migrate", verbosity=0)

    ContentType.objects.clear_cache()
    kept = ContentType.objects.get(app_label="comptrollership", model="publicwork")
    assert kept.pk == work_type.pk
    assert not ContentType.objects.filter(app_label="reports", model="publicwork").exists()
    granted = editors.permissions.get()
    assert (granted.content_type_id, granted.codename) == (kept.pk, "add_publicwork")
