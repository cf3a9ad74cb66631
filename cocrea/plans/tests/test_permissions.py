"""Every write view of plans, for every role; and who sees drafts."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cocrea.core.tests.helpers import PDF_BYTES, client_for
from cocrea.plans.models import ActionPlan, Commitment, Evidence, Milestone, PlanStage, PlanStatus
from cocrea.plans.tests.factories import CommitmentFactory, MilestoneFactory, PlanFactory

pytestmark = pytest.mark.django_db

PLAN_EDITORS = ("secretariat", "coordinator", "admin")
PLAN_OTHERS = ("participant", "other_liaison", "liaison", "other_coordinator")
MILESTONE_EDITORS = ("liaison", *PLAN_EDITORS)
MILESTONE_OTHERS = ("participant", "other_liaison", "other_coordinator")


@pytest.fixture
def world(roles):
    """A plan whose commitment is led by the institution that `roles.liaison` represents."""
    own_org = roles.liaison.org_memberships.get().organization
    plan = PlanFactory(exercise=roles.exercise, number=1)
    commitment = CommitmentFactory(plan=plan, number=1, lead_institution=own_org)
    milestone = MilestoneFactory(commitment=commitment, number=1)
    return plan, commitment, milestone


def _plan_cases(roles, world):
    plan, commitment, _milestone = world
    base = f"/ejercicios/{roles.exercise.slug}/planes/"
    c = f"{base}1/compromisos/1/"
    org = commitment.lead_institution_id
    return {
        "plan_create": (
            base + "nuevo/",
            {"number": 2, "name": "Segundo plan", "status": "draft"},
            lambda: ActionPlan.objects.filter(number=2).exists(),
        ),
        "plan_edit": (
            base + "1/editar/",
            {"number": 1, "name": "Renombrado", "status": "published"},
            lambda: ActionPlan.objects.filter(name="Renombrado").exists(),
        ),
        "stage_create": (
            base + "1/etapas/nueva/",
            {"order": 1, "name": "Identificación"},
            lambda: PlanStage.objects.filter(name="Identificación").exists(),
        ),
        "document_add": (
            base + "1/documentos/nuevo/",
            {"title": "Plan firmado", "url": "https://example.org/plan.pdf"},
            lambda: plan.documents.filter(title="Plan firmado").exists(),
        ),
        "commitment_create": (
            base + "1/compromisos/nuevo/",
            {"number": 2, "title": "Nuevo", "lead_institution": org, "status": "not_started"},
            lambda: Commitment.objects.filter(title="Nuevo").exists(),
        ),
        "commitment_edit": (
            c + "editar/",
            {"number": 1, "title": "Editado", "lead_institution": org, "status": "in_progress"},
            lambda: Commitment.objects.filter(title="Editado").exists(),
        ),
        "weights": (
            c + "ponderaciones/",
            {f"weight_{_milestone.pk}": "100"},
            lambda: Milestone.objects.filter(weight=100).exists(),
        ),
    }


def _milestone_cases(roles, world):
    _plan, _commitment, milestone = world
    c = f"/ejercicios/{roles.exercise.slug}/planes/1/compromisos/1/"
    return {
        "milestone_create": (
            c + "hitos/nuevo/",
            {"number": 2, "deliverable": "Informe", "status": "not_started", "progress": 0},
            lambda: Milestone.objects.filter(deliverable="Informe").exists(),
        ),
        "milestone_edit": (
            c + "hitos/1/editar/",
            {
                "number": 1,
                "deliverable": milestone.deliverable,
                "status": "in_progress",
                "progress": 45,
            },
            lambda: Milestone.objects.filter(progress=45).exists(),
        ),
        "evidence_add": (
            c + "hitos/1/evidencia/",
            {"description": "Acta", "file": SimpleUploadedFile("a.pdf", PDF_BYTES)},
            lambda: Evidence.objects.filter(description="Acta").exists(),
        ),
    }


PLAN_VIEWS = [
    "plan_create",
    "plan_edit",
    "stage_create",
    "document_add",
    "commitment_create",
    "commitment_edit",
    "weights",
]
MILESTONE_VIEWS = ["milestone_create", "milestone_edit", "evidence_add"]


def _check(roles, case, role, expected):
    url, data, written = case
    client = client_for(getattr(roles, role) if role else None)
    response = client.post(url, data)
    assert response.status_code == expected, response.content.decode()[:1500]
    return written()


@pytest.mark.parametrize("view", PLAN_VIEWS)
def test_plan_views_by_role(roles, world, view):
    assert not _check(roles, _plan_cases(roles, world)[view], None, 302)
    for role in PLAN_OTHERS:
        assert not _check(roles, _plan_cases(roles, world)[view], role, 403), role
    for role in PLAN_EDITORS:
        assert (
            client_for(getattr(roles, role)).get(_plan_cases(roles, world)[view][0]).status_code
            == 200
        )


@pytest.mark.parametrize("role", PLAN_EDITORS)
@pytest.mark.parametrize("view", PLAN_VIEWS)
def test_plan_editors_write(roles, world, view, role):
    assert _check(roles, _plan_cases(roles, world)[view], role, 302)


@pytest.mark.parametrize("view", MILESTONE_VIEWS)
def test_milestone_views_refuse_others(roles, world, view):
    assert not _check(roles, _milestone_cases(roles, world)[view], None, 302)
    for role in MILESTONE_OTHERS:
        response_case = _milestone_cases(roles, world)[view]
        assert not _check(roles, response_case, role, 403), role


@pytest.mark.parametrize("role", MILESTONE_EDITORS)
@pytest.mark.parametrize("view", MILESTONE_VIEWS)
def test_lead_liaison_and_editors_update_milestones(roles, world, view, role):
    assert _check(roles, _milestone_cases(roles, world)[view], role, 302)


def test_draft_plans_and_unpublished_commitments_are_hidden(roles, world):
    plan, commitment, _ = world
    base = f"/ejercicios/{roles.exercise.slug}/planes/1/"
    Commitment.objects.filter(pk=commitment.pk).update(is_published=False)
    for role in (None, "participant", "other_liaison", "other_coordinator"):
        client = client_for(getattr(roles, role) if role else None)
        assert client.get(base + "compromisos/1/").status_code == 404
        assert "Compromiso de prueba" not in client.get(base).content.decode()
    for role in ("liaison", *PLAN_EDITORS):
        assert client_for(getattr(roles, role)).get(base + "compromisos/1/").status_code == 200
    ActionPlan.objects.filter(pk=plan.pk).update(status=PlanStatus.DRAFT)
    for role in (None, "participant", "liaison"):
        client = client_for(getattr(roles, role) if role else None)
        assert client.get(base).status_code == 404
        assert (
            plan.name
            not in client.get(f"/ejercicios/{roles.exercise.slug}/planes/").content.decode()
        )
    assert client_for(roles.coordinator).get(base).status_code == 200
