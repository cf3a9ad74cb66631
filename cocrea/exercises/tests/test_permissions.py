"""Every write view of an exercise, for every role: who may edit, who may not."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cocrea.core.tests.helpers import EDITORS, NON_EDITORS, PDF_BYTES, client_for, streamed
from cocrea.exercises.models import (
    Agreement,
    Exercise,
    SecretariatMember,
    SecretariatSession,
    Stage,
    StageReached,
)
from cocrea.exercises.models import Secretariat as SecretariatModel
from cocrea.exercises.tests.factories import (
    AgreementFactory,
    MemberFactory,
    SecretariatFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db


def _world(roles):
    secretariat = SecretariatFactory(exercise=roles.exercise)
    member = MemberFactory(secretariat=secretariat)
    session = SessionFactory(secretariat=secretariat, number=1)
    agreement = AgreementFactory(session=session, number="1")
    return secretariat, member, session, agreement


def _cases(roles):
    """(url, valid POST data, check that the write happened) for each write view."""
    slug = roles.exercise.slug
    secretariat, member, session, agreement = _world(roles)
    base = f"/ejercicios/{slug}/"
    member_data = {
        "secretariat": secretariat.pk,
        "person_name": "Ana Pérez",
        "sector": "civil_society",
        "role": "member",
        "designated_on": "2020-01-10",
    }
    session_data = {
        "secretariat": secretariat.pk,
        "kind": "ordinary",
        "number": 7,
        "held_on": "2020-02-01",
        "attendance_government": 2,
    }
    return {
        "exercise_edit": (
            base + "editar/",
            {"name": "Nombre nuevo"},
            lambda: Exercise.objects.get(slug=slug).name == "Nombre nuevo",
        ),
        "exercise_stage": (
            base + "etapa/",
            {"stage": "sensitization", "reached_on": "2020-01-01"},
            lambda: StageReached.objects.filter(stage=Stage.SENSITIZATION).exists(),
        ),
        "secretariat_create": (
            base + "secretariado/nuevo/",
            {"name": "STL nuevo"},
            lambda: SecretariatModel.objects.filter(name="STL nuevo").exists(),
        ),
        "secretariat_edit": (
            base + f"secretariado/{secretariat.pk}/editar/",
            {"name": "STL editado"},
            lambda: SecretariatModel.objects.filter(name="STL editado").exists(),
        ),
        "member_create": (
            base + "integrantes/nuevo/",
            member_data,
            lambda: SecretariatMember.objects.filter(person_name="Ana Pérez").exists(),
        ),
        "member_edit": (
            base + f"integrantes/{member.pk}/editar/",
            {**member_data, "person_name": "Eva"},
            lambda: SecretariatMember.objects.filter(person_name="Eva").exists(),
        ),
        "session_create": (
            base + "sesiones/nueva/",
            session_data,
            lambda: SecretariatSession.objects.filter(number=7).exists(),
        ),
        "session_edit": (
            base + f"sesiones/{session.pk}/editar/",
            {**session_data, "number": 8},
            lambda: SecretariatSession.objects.filter(number=8).exists(),
        ),
        "agreement_create": (
            base + f"sesiones/{session.pk}/acuerdos/nuevo/",
            {"number": "2", "text": "Nuevo acuerdo", "status": "pending"},
            lambda: Agreement.objects.filter(text="Nuevo acuerdo").exists(),
        ),
        "agreement_edit": (
            base + f"sesiones/{session.pk}/acuerdos/{agreement.pk}/editar/",
            {"number": "1", "text": "Acuerdo editado", "status": "fulfilled"},
            lambda: Agreement.objects.filter(text="Acuerdo editado").exists(),
        ),
    }


VIEWS = [
    "exercise_edit",
    "exercise_stage",
    "secretariat_create",
    "secretariat_edit",
    "member_create",
    "member_edit",
    "session_create",
    "session_edit",
    "agreement_create",
    "agreement_edit",
]


@pytest.mark.parametrize("view", VIEWS)
def test_anonymous_is_sent_to_sign_in_and_nothing_changes(roles, view):
    url, data, written = _cases(roles)[view]
    for response in (client_for(None).get(url), client_for(None).post(url, data)):
        assert response.status_code == 302
        assert response["Location"].startswith("/cuentas/login/")
    assert not written()


@pytest.mark.parametrize("role", NON_EDITORS)
@pytest.mark.parametrize("view", VIEWS)
def test_accounts_without_a_role_in_this_exercise_get_403(roles, view, role):
    url, data, written = _cases(roles)[view]
    client = client_for(getattr(roles, role))
    assert client.get(url).status_code == 403
    response = client.post(url, data)
    assert response.status_code == 403
    assert "No tienes permiso" in response.content.decode()
    assert not written()


@pytest.mark.parametrize("role", EDITORS)
@pytest.mark.parametrize("view", VIEWS)
def test_coordinator_secretariat_and_admin_edit(roles, view, role):
    url, data, written = _cases(roles)[view]
    client = client_for(getattr(roles, role))
    assert client.get(url).status_code == 200
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert written()


def test_revoked_membership_no_longer_edits(roles):
    membership = roles.coordinator.exercise_memberships.get()
    membership.is_active = False
    membership.save()
    url = f"/ejercicios/{roles.exercise.slug}/editar/"
    assert client_for(roles.coordinator).post(url, {"name": "X"}).status_code == 403


@pytest.mark.parametrize("role", [None, *NON_EDITORS, "secretariat", "coordinator"])
def test_only_platform_admins_create_exercises(roles, role):
    user = getattr(roles, role) if role else None
    from cocrea.core.tests.factories import state

    data = {"territory": state("23").pk, "name": "Gobierno Abierto Quintana Roo"}
    response = client_for(user).post("/ejercicios/nuevo/", data)
    assert response.status_code == (302 if role is None else 403)
    assert not Exercise.objects.filter(name=data["name"]).exists()


def test_admin_creates_an_exercise(roles):
    from cocrea.core.tests.factories import state

    data = {"territory": state("23").pk, "name": "Gobierno Abierto Quintana Roo"}
    response = client_for(roles.admin).post("/ejercicios/nuevo/", data)
    exercise = Exercise.objects.get(name=data["name"])
    assert response["Location"] == f"/ejercicios/{exercise.slug}/"
    assert exercise.slug == "quintana-roo"


def test_minutes_upload_by_an_editor_is_public(roles):
    secretariat = SecretariatFactory(exercise=roles.exercise)
    url = f"/ejercicios/{roles.exercise.slug}/sesiones/nueva/"
    data = {
        "secretariat": secretariat.pk,
        "kind": "ordinary",
        "number": 1,
        "held_on": "2020-02-01",
        "minutes": SimpleUploadedFile("acta.pdf", PDF_BYTES, content_type="application/pdf"),
    }
    assert client_for(roles.coordinator).post(url, data).status_code == 302
    session = SecretariatSession.objects.get(secretariat=secretariat)
    response = client_for(None).get(
        f"/ejercicios/{roles.exercise.slug}/sesiones/{session.pk}/acta.pdf"
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert streamed(response) == PDF_BYTES
