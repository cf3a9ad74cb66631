"""Progress reports by the lead institution, validated or disputed by civil society, in public."""

import pytest
from django.test import Client

from cocrea.core.tests.factories import UserFactory
from cocrea.core.tests.helpers import client_for
from cocrea.exercises.models import ExerciseRole, SeatSector
from cocrea.exercises.tests.factories import ExerciseMembershipFactory
from cocrea.monitoring.models import Finding, ProgressReport, ReportReview
from cocrea.plans.models import Milestone
from cocrea.plans.tests.factories import CommitmentFactory, MilestoneFactory, PlanFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(roles):
    own_org = roles.liaison.org_memberships.get().organization
    plan = PlanFactory(exercise=roles.exercise, number=1)
    commitment = CommitmentFactory(
        plan=plan, number=1, lead_institution=own_org, responsible_person="P"
    )
    milestone = MilestoneFactory(commitment=commitment, number=1)
    civil = ExerciseMembershipFactory(
        exercise=roles.exercise, role=ExerciseRole.SECRETARIAT, sector=SeatSector.CIVIL_SOCIETY
    ).user
    base = f"/ejercicios/{roles.exercise.slug}/planes/1/compromisos/1/"
    return commitment, milestone, civil, base


def _report_data(milestone, **extra):
    return {
        "reported_on": "2020-06-01",
        "narrative": "Se publicó el diagnóstico.",
        f"progress_{milestone.pk}": 40,
        **extra,
    }


@pytest.mark.parametrize(
    "role", ["participant", "other_liaison", "other_coordinator", "coordinator", "secretariat"]
)
def test_only_the_lead_institution_files_reports(roles, world, role):
    _commitment, milestone, _civil, base = world
    response = client_for(getattr(roles, role)).post(
        base + "reportes/nuevo/", _report_data(milestone)
    )
    assert response.status_code == 403
    assert "Solo los enlaces de la institución responsable" in response.content.decode()
    assert not ProgressReport.objects.exists()
    assert (
        client_for(None).post(base + "reportes/nuevo/", _report_data(milestone)).status_code == 302
    )


@pytest.mark.parametrize("role", ["liaison", "admin"])
def test_the_lead_liaison_files_a_report_that_moves_progress(roles, world, role):
    commitment, milestone, _civil, base = world
    data = _report_data(
        milestone, link_text_1="Diagnóstico", link_url_1="https://example.org/d.pdf"
    )
    assert client_for(getattr(roles, role)).post(base + "reportes/nuevo/", data).status_code == 302
    report = ProgressReport.objects.get()
    assert (report.organization, report.links.get().url) == (
        commitment.lead_institution,
        "https://example.org/d.pdf",
    )
    assert Milestone.objects.get(pk=milestone.pk).progress == 40
    reason = Milestone.history.filter(id=milestone.pk).first().history_change_reason
    assert reason == f"Reporte de avance n.º {report.pk}"
    commitment.refresh_from_db()
    assert str(commitment.progress) == "40.00"


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"reported_on": "2999-01-01"}, "posterior a hoy"),
        ({"narrative": ""}, "obligatorio"),
        ({"progress": 150}, "menor o igual que 100"),
        ({"link_text_1": "Sin enlace"}, "descripción y enlace"),
    ],
)
def test_bad_reports_are_refused_and_nothing_moves(roles, world, extra, message):
    _commitment, milestone, _civil, base = world
    data = _report_data(milestone, **extra)
    if "progress" in extra:
        data[f"progress_{milestone.pk}"] = extra["progress"]
    response = client_for(roles.liaison).post(base + "reportes/nuevo/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ProgressReport.objects.exists()
    assert Milestone.objects.get(pk=milestone.pk).progress == 0


def _file(roles, world):
    _commitment, milestone, _civil, base = world
    client_for(roles.liaison).post(base + "reportes/nuevo/", _report_data(milestone))
    return ProgressReport.objects.get()


@pytest.mark.parametrize(
    "role", ["participant", "liaison", "other_liaison", "coordinator", "secretariat", "admin"]
)
def test_only_civil_society_in_the_secretariat_reviews(roles, world, role):
    report = _file(roles, world)
    base = world[3]
    response = client_for(getattr(roles, role)).post(
        base + f"reportes/{report.pk}/validar/", {"verdict": "disputed", "note": "No coincide"}
    )
    assert response.status_code == 403
    assert not ReportReview.objects.exists()


def test_civil_society_from_another_exercise_cannot_review(roles, world):
    report = _file(roles, world)
    outsider = ExerciseMembershipFactory(
        role=ExerciseRole.SECRETARIAT, sector=SeatSector.CIVIL_SOCIETY
    ).user
    response = client_for(outsider).post(
        world[3] + f"reportes/{report.pk}/validar/", {"verdict": "validated"}
    )
    assert response.status_code == 403


def test_a_dispute_stays_visible_beside_the_claim_and_after_a_correction(roles, world):
    _commitment, milestone, civil, base = world
    report = _file(roles, world)
    client = client_for(civil)
    missing_note = client.post(base + f"reportes/{report.pk}/validar/", {"verdict": "disputed"})
    assert missing_note.status_code == 400
    assert "Explica por qué" in missing_note.content.decode()
    assert (
        client.post(
            base + f"reportes/{report.pk}/validar/",
            {"verdict": "disputed", "note": "El portal no está en línea."},
        ).status_code
        == 302
    )
    page = Client().get(base).content.decode()
    assert "Se publicó el diagnóstico." in page and "El portal no está en línea." in page
    assert "Cuestionado" in page
    correction = _report_data(milestone, narrative="Corrección: el portal se publicará en julio.")
    assert (
        client_for(roles.liaison)
        .post(base + f"reportes/{report.pk}/corregir/", correction)
        .status_code
        == 302
    )
    assert ProgressReport.objects.count() == 2
    assert ProgressReport.objects.get(corrects=report)
    page = Client().get(base).content.decode()
    assert "El portal no está en línea." in page  # the dispute is never silently dropped
    assert "corrige al del 1 de junio de 2020" in page


def test_the_institution_answers_a_dispute(roles, world):
    _commitment, _milestone, civil, base = world
    report = _file(roles, world)
    client_for(civil).post(
        base + f"reportes/{report.pk}/validar/", {"verdict": "disputed", "note": "No coincide"}
    )
    review = ReportReview.objects.get()
    url = base + f"validaciones/{review.pk}/responder/"
    assert client_for(civil).post(url, {"answer": "x"}).status_code == 403
    assert client_for(roles.participant).post(url, {"answer": "x"}).status_code == 403
    assert client_for(roles.liaison).post(url, {"answer": ""}).status_code == 400
    assert (
        client_for(roles.liaison)
        .post(url, {"answer": "El retraso se debe a la licitación."})
        .status_code
        == 302
    )
    review.refresh_from_db()
    assert review.answered_at and review.note == "No coincide"
    assert "El retraso se debe a la licitación." in Client().get(base).content.decode()


def test_findings_show_on_the_commitment_page(roles, world):
    commitment, milestone, _civil, base = world
    from cocrea.plans.services import milestone_save

    milestone_save(actor=None, milestone=milestone, progress=100, status="completed")
    assert Finding.objects.filter(commitment=commitment, rule="HIT-01").exists()
    body = Client().get(base).content.decode()
    assert "HIT-01" in body and "Hito cumplido sin evidencia" in body


def test_unknown_report_is_404(roles, world):
    base = world[3]
    assert client_for(UserFactory()).get(base + "reportes/99999/validar/").status_code == 404


def test_civil_society_validates_a_report_without_a_note(roles, world):
    _commitment, _milestone, civil, base = world
    report = _file(roles, world)
    response = client_for(civil).post(
        base + f"reportes/{report.pk}/validar/", {"verdict": "validated"}
    )
    assert response.status_code == 302
    review = ReportReview.objects.get()
    assert (review.verdict, review.note, review.history.get().history_user) == (
        "validated",
        "",
        civil,
    )
