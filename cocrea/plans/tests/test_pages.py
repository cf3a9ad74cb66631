"""Plan and commitment pages: content, filters, query counts and bad input."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from cocrea.core.tests.factories import OrganizationFactory
from cocrea.core.tests.helpers import PDF_BYTES, client_for, png_bytes, png_claiming, streamed
from cocrea.monitoring.tests.factories import ProgressReportFactory, ReportReviewFactory
from cocrea.plans.models import Commitment, Evidence, Milestone, Theme
from cocrea.plans.services import milestone_save
from cocrea.plans.tests.factories import CommitmentFactory, MilestoneFactory, PlanFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("n", [3, 40])
def test_plan_pages_run_a_fixed_number_of_queries(django_assert_num_queries, n):
    plan = PlanFactory()
    for _ in range(n):
        commitment = CommitmentFactory(plan=plan, theme=Theme.objects.first())
        MilestoneFactory(commitment=commitment)
    slug = plan.exercise.slug
    url = f"/ejercicios/{slug}/planes/{plan.number}/"
    # plan with its exercise, counts by status (also the paginator's count), page, themes,
    # the institutions that lead its commitments (the filter's list), stages, documents
    with django_assert_num_queries(7):
        assert Client().get(url).status_code == 200
    # Warm: the filters (themes and institutions) and the commitments table come from the
    # cache, valid for the plan's content version: plan, stages, documents.
    with django_assert_num_queries(3):
        assert Client().get(url).status_code == 200
    with django_assert_num_queries(3):  # exercise, count, page
        assert Client().get(f"/ejercicios/{slug}/planes/").status_code == 200


@pytest.mark.parametrize(("milestones", "edits"), [(2, 2), (50, 200)])
def test_commitment_page_query_count_does_not_grow(django_assert_num_queries, milestones, edits):
    commitment = CommitmentFactory()
    commitment.supporting_institutions.add(OrganizationFactory())
    for _ in range(milestones):
        milestone = MilestoneFactory(commitment=commitment)
        Evidence.objects.create(milestone=milestone, description="Liga", url="https://example.org")
    for n in range(edits):
        commitment.objective = f"Objetivo, versión {n}"
        commitment.save()
    for n in range(min(edits, 10)):  # reports with their reviews, as monitoring shows them
        report = ProgressReportFactory(
            commitment=commitment, reported_on="2020-01-01", narrative=f"Reporte {n}"
        )
        ReportReviewFactory(report=report, verdict="validated", note="Coincide")
    plan = commitment.plan
    url = f"/ejercicios/{plan.exercise.slug}/planes/{plan.number}/compromisos/{commitment.number}/"
    # plan with its exercise, header; then the body: commitment, 3 relations, milestones,
    # evidence, reports with their items, links and reviews, open findings, the problems it
    # answers, the proposals it answers, the working tables that produced it, history count,
    # history page, predecessors (plan and institution names are known); outside the cached
    # body, the comments' count and the legislative processes with their figures
    with django_assert_num_queries(21):
        response = Client().get(url)
    assert response.status_code == 200
    assert "Objetivo, versión" in response.content.decode()
    with django_assert_num_queries(4):  # warm: plan, header, comments' count, processes
        warm = Client().get(url).content.decode()
    assert "Objetivo, versión" in warm
    # every milestone in the timeline, and the next one once more at the top of the page
    assert warm.count("Entregable verificable") == milestones + 1


def test_plan_filters():
    plan = PlanFactory()
    theme = Theme.objects.get(slug="medio-ambiente")
    CommitmentFactory(plan=plan, title="Agua limpia", theme=theme, pillar_transparency=True)
    CommitmentFactory(plan=plan, title="Presupuesto abierto", status="completed")
    url = f"/ejercicios/{plan.exercise.slug}/planes/{plan.number}/"
    body = Client().get(url + "?tematica=medio-ambiente").content.decode()
    assert "Agua limpia" in body and "Presupuesto abierto" not in body
    body = Client().get(url + "?pilar=transparency").content.decode()
    assert "Agua limpia" in body and "Presupuesto abierto" not in body
    body = Client().get(url + "?estado=completed").content.decode()
    assert "Presupuesto abierto" in body and "Agua limpia" not in body
    assert Client().get(url + "?pilar=nada&estado=nada&tematica=nada").status_code == 200


def test_commitment_page_shows_the_template_milestones_and_evidence():
    commitment = CommitmentFactory(
        problem="Poca generación de datos abiertos.",
        responsible_person="Persona Servidora",
        pillar_participation=True,
        value_civic_participation=True,
    )
    milestone = MilestoneFactory(commitment=commitment, deliverable="Portal en línea")
    Evidence.objects.create(
        milestone=milestone, description="Captura del portal", url="https://example.org"
    )
    plan = commitment.plan
    body = (
        Client()
        .get(
            f"/ejercicios/{plan.exercise.slug}/planes/{plan.number}/compromisos/{commitment.number}/"
        )
        .content.decode()
    )
    for text in (
        "Poca generación de datos abiertos.",
        "Persona Servidora",
        "Participación ciudadana",
        "Participación cívica",
        "Portal en línea",
        "Captura del portal",
    ):
        assert text in body


@pytest.fixture
def editor(roles):
    plan = PlanFactory(exercise=roles.exercise, number=1)
    commitment = CommitmentFactory(plan=plan, number=1, start_on="2020-01-01", end_on="2020-12-31")
    return client_for(roles.coordinator), f"/ejercicios/{roles.exercise.slug}/planes/1/", commitment


@pytest.mark.parametrize(
    ("path", "data", "message"),
    [
        (
            "editar/",
            {
                "number": 1,
                "name": "P",
                "status": "published",
                "period_start": "2021-01-01",
                "period_end": "2020-01-01",
            },
            "anterior a la de inicio",
        ),
        (
            "compromisos/nuevo/",
            {"number": 1, "title": "Repetido", "status": "not_started"},
            "ya tiene un compromiso con ese número",
        ),
        (
            "compromisos/1/editar/",
            {
                "number": 1,
                "title": "T",
                "status": "in_progress",
                "start_on": "2020-06-01",
                "end_on": "2020-01-01",
            },
            "anterior a la de inicio",
        ),
        (
            "compromisos/1/hitos/nuevo/",
            {"number": 1, "deliverable": "D", "status": "in_progress", "progress": 150},
            "menor o igual que 100",
        ),
        (
            "compromisos/1/hitos/nuevo/",
            {"number": 1, "deliverable": "D", "status": "in_progress", "progress": -1},
            "mayor o igual",
        ),
        (
            "compromisos/1/hitos/nuevo/",
            {
                "number": 1,
                "deliverable": "D",
                "status": "in_progress",
                "progress": 10,
                "end_on": "2021-03-01",
            },
            "dentro de las fechas del compromiso",
        ),
        (
            "compromisos/1/hitos/nuevo/",
            {"number": 1, "deliverable": "D", "status": "completed", "progress": 60},
            "debe tener avance de 100",
        ),
    ],
)
def test_bad_input_names_the_field_and_saves_nothing(editor, path, data, message):
    client, base, commitment = editor
    data = {**data, "lead_institution": commitment.lead_institution_id}
    before = (Commitment.objects.count(), Milestone.objects.count())
    response = client.post(base + path, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert (Commitment.objects.count(), Milestone.objects.count()) == before


def test_moving_commitment_dates_cannot_strand_a_milestone(editor):
    client, base, commitment = editor
    MilestoneFactory(commitment=commitment, number=1, end_on="2020-11-30")
    data = {
        "number": 1,
        "title": commitment.title,
        "status": "in_progress",
        "lead_institution": commitment.lead_institution_id,
        "start_on": "2020-01-01",
        "end_on": "2020-06-30",
    }
    response = client.post(base + "compromisos/1/editar/", data)
    assert response.status_code == 400
    assert "fuera de las fechas del compromiso" in response.content.decode()
    commitment.refresh_from_db()
    assert str(commitment.end_on) == "2020-12-31"


def test_weights_not_adding_up_show_a_clear_error(editor):
    client, base, commitment = editor
    a = MilestoneFactory(commitment=commitment, number=1)
    b = MilestoneFactory(commitment=commitment, number=2)
    response = client.post(
        base + "compromisos/1/ponderaciones/", {f"weight_{a.pk}": "30", f"weight_{b.pk}": "30"}
    )
    assert response.status_code == 400
    assert "deben sumar 100 (suman 60" in response.content.decode()
    assert not Milestone.objects.exclude(weight=None).exists()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("evidencia.pdf", b"#!/bin/sh\nrm -rf /\n"),
            "no es de un tipo aceptado",
        ),
        (
            SimpleUploadedFile("evidencia.pdf", PDF_BYTES + b"0" * (2 * 1024 * 1024)),
            "el máximo es 1 MB",
        ),
        (None, "Sube un archivo o escribe un enlace"),
        (SimpleUploadedFile("plano.png", png_claiming(30_000, 30_000)), "demasiados píxeles"),
        (SimpleUploadedFile("foto.png", png_bytes(300, 200)[:-40]), "dañado o incompleto"),
    ],
    ids=["script", "too-large", "nothing", "900-megapixels", "cut-off-png"],
)
def test_evidence_is_checked(editor, settings, upload, message):
    settings.EVIDENCE_MAX_UPLOAD_MB = 1
    client, base, commitment = editor
    MilestoneFactory(commitment=commitment, number=1)
    data = {"description": "Evidencia"} | ({"file": upload} if upload else {})
    response = client.post(base + "compromisos/1/hitos/1/evidencia/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Evidence.objects.exists()


def test_a_whole_image_is_accepted_as_evidence(editor):
    client, base, commitment = editor
    MilestoneFactory(commitment=commitment, number=1)
    upload = SimpleUploadedFile("foto.png", png_bytes(300, 200))
    url = base + "compromisos/1/hitos/1/evidencia/"
    assert client.post(url, {"description": "Foto", "file": upload}).status_code == 302
    assert Evidence.objects.get().file.size == len(png_bytes(300, 200))


def test_evidence_file_is_served_and_authored(editor, roles):
    client, base, commitment = editor
    MilestoneFactory(commitment=commitment, number=1)
    upload = SimpleUploadedFile("foto.pdf", PDF_BYTES)
    assert (
        client.post(
            base + "compromisos/1/hitos/1/evidencia/", {"description": "Acta", "file": upload}
        ).status_code
        == 302
    )
    evidence = Evidence.objects.get()
    assert evidence.author == roles.coordinator
    response = Client().get(base + f"compromisos/1/evidencias/{evidence.pk}/archivo")
    assert response.status_code == 200
    assert streamed(response) == PDF_BYTES


def test_milestone_update_rolls_up_through_the_page(editor):
    client, base, commitment = editor
    MilestoneFactory(commitment=commitment, number=1)
    data = {"number": 1, "deliverable": "D", "status": "in_progress", "progress": 70}
    assert client.post(base + "compromisos/1/hitos/1/editar/", data).status_code == 302
    commitment.refresh_from_db()
    assert str(commitment.progress) == "70.00"
    assert "70 %" in Client().get(base).content.decode()


def test_milestone_history_shows_progress_changes(editor):
    _client, base, commitment = editor
    milestone = MilestoneFactory(commitment=commitment, number=1)
    milestone_save(actor=None, milestone=milestone, progress=35, status="in_progress")
    body = Client().get(base + "compromisos/1/hitos/historial/").content.decode()
    assert "Avance (%)" in body and "35" in body


def test_cached_pages_change_as_soon_as_the_data_does(editor):
    client, base, commitment = editor
    milestone = MilestoneFactory(commitment=commitment, number=1)
    page = base + "compromisos/1/"
    assert "0 %" in Client().get(base).content.decode()
    assert "33 %" not in Client().get(page).content.decode()
    milestone_save(actor=None, milestone=milestone, progress=33, status="in_progress")
    assert "33 %" in Client().get(base).content.decode()
    assert "33 %" in Client().get(page).content.decode()
    data = {"number": 1, "name": "Plan renombrado", "status": "implementation"}
    assert client.post(base + "editar/", data).status_code == 302
    assert "Plan renombrado" in Client().get(page).content.decode()


def test_editors_and_the_public_never_share_a_cached_table(editor, roles):
    client, base, commitment = editor
    CommitmentFactory(plan=commitment.plan, number=2, title="Borrador secreto", is_published=False)
    assert "Borrador secreto" in client.get(base).content.decode()
    assert "Borrador secreto" not in Client().get(base).content.decode()
