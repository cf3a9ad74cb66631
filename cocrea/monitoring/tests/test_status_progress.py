"""Status follows progress (EST-02 flags every contradiction) and a report's evidence counts for
the milestones it reports (HIT-01 closes when a correction brings it)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cocrea.core.tests.helpers import client_for
from cocrea.monitoring.consistency import evaluate
from cocrea.monitoring.facts import CommitmentFacts, MilestoneFacts
from cocrea.monitoring.models import Finding, ProgressReport
from cocrea.monitoring.selectors import current_commitments, shadow_figures
from cocrea.monitoring.services import findings_refresh, report_file
from cocrea.plans.models import Commitment, Evidence, Milestone
from cocrea.plans.services import commitment_status_override
from cocrea.plans.tests.factories import CommitmentFactory, MilestoneFactory, PlanFactory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 3, 2)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _open(commitment: Commitment, rule: str) -> list[str]:
    findings = Finding.objects.filter(commitment=commitment, rule=rule, resolved_at=None)
    return sorted(findings.values_list("detail", flat=True))


def _facts(status: str, progress: int, milestones=(), reason: str = "") -> CommitmentFacts:
    return CommitmentFacts(
        id=1,
        status=status,
        progress=Decimal(progress),
        start_on=None,
        end_on=None,
        responsible_person="P",
        weights_valid=True,
        stale_after_days=90,
        updated_on=TODAY,
        report_count=1,
        last_report_on=TODAY,
        oldest_open_dispute=None,
        status_reason=reason,
        milestones=list(milestones),
    )


def _milestone(status: str, progress: int, why_not: str = "") -> MilestoneFacts:
    return MilestoneFacts(
        id=7,
        number=2,
        status=status,
        progress=progress,
        start_on=None,
        end_on=None,
        updated_on=TODAY,
        evidence_count=1,
        previous_progress=None,
        last_reason="",
        not_done_reason=why_not,
    )


def _est02(facts: CommitmentFacts) -> list[tuple[int | None, str]]:
    return [(m, d) for rule, m, d in evaluate(facts, TODAY) if rule == "EST-02"]


@pytest.mark.parametrize(
    ("status", "progress", "reason", "expected"),
    [
        ("not_started", 65, "", "Sin iniciar · 65 %"),
        ("not_started", 65, "Fijado por la coordinación", "Sin iniciar · 65 %"),
        ("completed", 40, "Fijado", "Cumplido · 40 %"),
        ("in_progress", 100, "", "En curso · 100 %"),
        ("late", 100, "", "Retrasado · 100 %"),
        ("in_progress", 100, "Falta la validación externa", None),
        ("not_started", 0, "", None),
        ("in_progress", 0, "", None),
        ("in_progress", 65, "", None),
        ("completed", 100, "", None),
        ("late", 30, "", None),
        ("withdrawn", 30, "Retirado", None),
    ],
)
def test_a_commitment_status_that_contradicts_its_progress(status, progress, reason, expected):
    found = _est02(_facts(status, progress, reason=reason))
    assert found == ([(None, expected)] if expected else [])


@pytest.mark.parametrize(
    ("status", "progress", "why_not", "expected"),
    [
        ("not_started", 40, "", "Hito 2: Sin iniciar · 40 %"),
        ("in_progress", 100, "", "Hito 2: En curso · 100 %"),
        ("in_progress", 100, "Falta la firma del acta", None),
        ("completed", 100, "", None),
        ("cancelled", 30, "", None),
        ("in_progress", 40, "", None),
    ],
)
def test_a_milestone_status_that_contradicts_its_progress(status, progress, why_not, expected):
    facts = _facts("in_progress", 50, [_milestone(status, progress, why_not)])
    found = [d for m, d in _est02(facts) if m == 7]
    assert found == ([expected] if expected else [])


def test_not_started_at_65_cannot_be_published_without_a_finding():
    commitment = CommitmentFactory(responsible_person="P", is_published=True)
    milestones = [MilestoneFactory(commitment=commitment, number=n) for n in (1, 2)]
    _file(commitment, {m.pk: 65 for m in milestones})
    commitment.refresh_from_db()
    assert (commitment.status, str(commitment.progress)) == ("in_progress", "65.00")
    assert not Finding.objects.filter(resolved_at=None).exists()  # derived: no contradiction
    assert shadow_figures(current_commitments(pk=commitment.pk)).inconsistent == 0
    commitment_status_override(
        actor=None, commitment=commitment, status="not_started", reason="Según la institución"
    )
    assert _open(commitment, "EST-02") == ["Sin iniciar · 65 %"]
    figures = shadow_figures(current_commitments(pk=commitment.pk))
    assert figures.inconsistent == 1
    commitment_status_override(actor=None, commitment=commitment, status="", reason="")
    assert _open(commitment, "EST-02") == []
    assert shadow_figures(current_commitments(pk=commitment.pk)).inconsistent == 0


# Reports: a milestone reported at 100 % is done unless the report says why not


@pytest.fixture
def reported():
    commitment = CommitmentFactory(responsible_person="P", is_published=True)
    first = MilestoneFactory(commitment=commitment, number=1)
    second = MilestoneFactory(commitment=commitment, number=2)
    return commitment, first, second


def _file(commitment, progress, **extra):
    return report_file(
        actor=None,
        commitment=commitment,
        organization=commitment.lead_institution,
        reported_on=dt.date(2020, 6, 1),
        narrative="Avance",
        progress=progress,
        **extra,
    )


def _state(milestone):
    m = Milestone.objects.get(pk=milestone.pk)
    return m.status, m.progress, m.completed_on


def test_a_milestone_reported_at_100_is_done_on_the_report_date(reported):
    commitment, first, second = reported
    _file(commitment, {first.pk: 100, second.pk: 30})
    assert _state(first) == ("completed", 100, dt.date(2020, 6, 1))
    assert _state(second) == ("in_progress", 30, None)
    commitment.refresh_from_db()
    assert commitment.status == "in_progress"


def test_a_report_that_says_why_not_keeps_the_milestone_open(reported):
    commitment, first, second = reported
    _file(
        commitment,
        {first.pk: 100, second.pk: 100},
        not_done={first.pk: "Falta que el cabildo lo apruebe"},
    )
    assert _state(first) == ("in_progress", 100, None)
    assert _state(second)[0] == "completed"
    commitment.refresh_from_db()
    assert (commitment.status, str(commitment.progress)) == ("in_progress", "100.00")
    assert _open(commitment, "EST-02") == []  # the report explained it
    assert ProgressReport.objects.get().items.get(milestone=first).not_done_reason == (
        "Falta que el cabildo lo apruebe"
    )


def test_a_lower_report_reopens_a_done_milestone(reported):
    commitment, first, second = reported
    _file(commitment, {first.pk: 100, second.pk: 100})
    commitment.refresh_from_db()
    assert commitment.status == "completed"
    _file(commitment, {first.pk: 80, second.pk: 100})
    assert _state(first) == ("in_progress", 80, None)
    commitment.refresh_from_db()
    assert commitment.status == "in_progress"


def test_why_not_is_only_for_a_milestone_at_100(reported):
    commitment, first, _second = reported
    with pytest.raises(Exception, match="reportado al 100"):
        _file(commitment, {first.pk: 40}, not_done={first.pk: "Falta"})
    assert not ProgressReport.objects.exists()


def test_a_cancelled_milestone_stays_cancelled(reported):
    commitment, first, second = reported
    Milestone.objects.filter(pk=first.pk).update(status="cancelled")
    _file(commitment, {first.pk: 100, second.pk: 10})
    assert _state(first)[0] == "cancelled"


# Evidence given in a report counts for its milestones


def test_a_correction_with_evidence_closes_done_without_evidence(reported):
    commitment, first, second = reported
    original = _file(commitment, {first.pk: 100, second.pk: 0})
    assert _open(commitment, "HIT-01") == ["Hito 1"]
    assert shadow_figures(current_commitments(pk=commitment.pk)).inconsistent == 1
    _file(
        commitment,
        {first.pk: 100, second.pk: 0},
        links=[("Diagnóstico publicado", "https://example.org/diagnostico.pdf")],
        corrects=original,
    )
    assert _open(commitment, "HIT-01") == []
    evidence = Evidence.objects.get()  # the milestone at 0 % has nothing to prove yet
    assert evidence.milestone_id == first.pk
    assert evidence.url == "https://example.org/diagnostico.pdf"
    assert evidence.description.startswith("Diagnóstico publicado (reporte de avance del 2020")
    assert shadow_figures(current_commitments(pk=commitment.pk)).inconsistent == 0


def test_a_report_file_is_evidence_of_each_milestone_it_reports(reported, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    commitment, first, second = reported
    upload = SimpleUploadedFile("acta.pdf", PDF, content_type="application/pdf")
    from cocrea.monitoring.services import ReportFile

    _file(
        commitment,
        {first.pk: 100, second.pk: 50},
        files=[ReportFile(description="Acta de entrega", file=upload)],
    )
    evidence = list(Evidence.objects.order_by("milestone__number"))
    assert [e.milestone_id for e in evidence] == [first.pk, second.pk]
    assert evidence[0].file.name == evidence[1].file.name  # stored once
    assert evidence[0].file.read() == PDF
    findings_refresh(commitment_ids=[commitment.pk])
    assert _open(commitment, "HIT-01") == []


@pytest.fixture
def page(roles):
    lead = roles.liaison.org_memberships.get().organization
    plan = PlanFactory(exercise=roles.exercise, number=1)
    commitment = CommitmentFactory(
        plan=plan, number=1, lead_institution=lead, responsible_person="P", is_published=True
    )
    milestone = MilestoneFactory(commitment=commitment, number=1)
    base = f"/ejercicios/{roles.exercise.slug}/planes/1/compromisos/1/reportes/nuevo/"
    return commitment, milestone, base


def test_the_report_page_takes_a_why_not_and_a_file(roles, page, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    _commitment, milestone, url = page
    client = client_for(roles.liaison)
    form = client.get(url).content.decode()
    assert 'enctype="multipart/form-data"' in form and f'name="why_not_{milestone.pk}"' in form
    bad = {
        "reported_on": "2020-06-01",
        "narrative": "Avance",
        f"progress_{milestone.pk}": 60,
        f"why_not_{milestone.pk}": "Falta",
    }
    response = client.post(url, bad)
    assert response.status_code == 400
    assert "Solo se explica por qué no está cumplido" in response.content.decode()
    assert not ProgressReport.objects.exists()
    upload = SimpleUploadedFile("acta.pdf", PDF, content_type="application/pdf")
    good = {**bad, f"progress_{milestone.pk}": 100, "file_text": "Acta", "file": upload}
    assert client.post(url, good).status_code == 302
    assert _state(milestone)[:2] == ("in_progress", 100)
    assert Evidence.objects.get().description.startswith("Acta (reporte de avance")
    missing = {**good, "file_text": "", "file": SimpleUploadedFile("a.pdf", PDF)}
    response = client.post(url, missing)
    assert response.status_code == 400
    assert "lleva descripción y archivo" in response.content.decode()
