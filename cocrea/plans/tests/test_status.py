"""A commitment's status follows its milestones, unless the coordination fixes it with a reason."""

import datetime as dt
import io
from decimal import Decimal

import pytest
import time_machine

from cocrea.core.tests.helpers import client_for
from cocrea.exercises.models import ExerciseRole, SeatSector
from cocrea.exercises.tests.factories import ExerciseMembershipFactory
from cocrea.plans.imports import commitments_import
from cocrea.plans.models import ActionPlan, Commitment
from cocrea.plans.services import commitment_status_override, milestone_save
from cocrea.plans.status import MilestoneState, derived_status
from cocrea.plans.tests.factories import CommitmentFactory, MilestoneFactory, PlanFactory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 3, 2)
PAST, FUTURE = dt.date(2026, 1, 31), dt.date(2026, 12, 31)


def _m(status: str, progress: int = 0, end_on: dt.date | None = None) -> MilestoneState:
    return MilestoneState(status, progress, end_on)


@pytest.mark.parametrize(
    ("milestones", "end_on", "expected"),
    [
        ([], None, "not_started"),
        ([], PAST, "late"),
        ([_m("not_started"), _m("not_started")], FUTURE, "not_started"),
        ([_m("not_started", 10)], None, "in_progress"),
        ([_m("in_progress", 0)], None, "in_progress"),
        ([_m("completed", 100), _m("not_started")], None, "in_progress"),
        ([_m("completed", 100), _m("cancelled")], None, "completed"),
        ([_m("completed", 100), _m("completed", 100)], PAST, "completed"),
        ([_m("in_progress", 40, PAST), _m("completed", 100)], None, "late"),
        ([_m("in_progress", 40, TODAY)], None, "in_progress"),  # due today: not late yet
        ([_m("cancelled", 0, PAST), _m("not_started")], None, "not_started"),
        ([_m("cancelled")], None, "not_started"),
    ],
)
def test_the_status_derived_from_the_milestones(milestones, end_on, expected):
    assert derived_status(milestones, end_on, TODAY) == expected


def test_milestone_changes_move_the_status_with_history():
    commitment = CommitmentFactory()
    first = MilestoneFactory(commitment=commitment, number=1)
    second = MilestoneFactory(commitment=commitment, number=2)
    milestone_save(actor=None, milestone=first, progress=30, status="in_progress")
    commitment.refresh_from_db()
    assert commitment.status == "in_progress"
    assert Commitment.history.filter(id=commitment.pk).first().history_change_reason == (
        "Estado derivado de los hitos"
    )
    for milestone in (first, second):
        milestone_save(actor=None, milestone=milestone, progress=100, status="completed")
    commitment.refresh_from_db()
    assert (commitment.status, commitment.progress) == ("completed", Decimal("100.00"))


def test_the_calendar_makes_a_commitment_late_without_counting_as_an_update():
    from cocrea.monitoring.services import checks_run_all

    with time_machine.travel(dt.datetime(2026, 3, 2, 12, tzinfo=dt.UTC), tick=False):
        commitment = CommitmentFactory(responsible_person="P")
        milestone = MilestoneFactory(commitment=commitment, end_on=dt.date(2026, 3, 10))
        milestone_save(actor=None, milestone=milestone, progress=20, status="in_progress")
    updated = Commitment.objects.get(pk=commitment.pk).updated_at
    with time_machine.travel(dt.datetime(2026, 3, 10, 12, tzinfo=dt.UTC), tick=False):
        checks_run_all()  # due today: still in progress
    assert Commitment.objects.get(pk=commitment.pk).status == "in_progress"
    with time_machine.travel(dt.datetime(2026, 3, 11, 12, tzinfo=dt.UTC), tick=False):
        checks_run_all()
    commitment.refresh_from_db()
    assert commitment.status == "late"
    assert commitment.updated_at == updated
    newest = Commitment.history.filter(id=commitment.pk).first()
    assert (newest.status, newest.history_change_reason) == ("late", "Estado derivado de los hitos")


def test_the_coordination_fixes_a_status_with_a_reason_and_can_return_it():
    commitment = CommitmentFactory()
    MilestoneFactory(commitment=commitment, progress=0)
    with pytest.raises(Exception, match="Explica por qué"):
        commitment_status_override(
            actor=None, commitment=commitment, status="withdrawn", reason="  "
        )
    commitment_status_override(
        actor=None, commitment=commitment, status="withdrawn", reason="Lo retiró el secretariado"
    )
    commitment.refresh_from_db()
    assert (commitment.status, commitment.status_reason) == (
        "withdrawn",
        "Lo retiró el secretariado",
    )
    newest = Commitment.history.filter(id=commitment.pk).first()
    assert (newest.status, newest.status_reason) == ("withdrawn", "Lo retiró el secretariado")
    # milestone changes no longer move a fixed status
    milestone_save(actor=None, milestone=commitment.milestones.get(), progress=50)
    commitment.refresh_from_db()
    assert commitment.status == "withdrawn"
    commitment_status_override(actor=None, commitment=commitment, status="", reason="")
    commitment.refresh_from_db()
    assert (commitment.status, commitment.status_reason) == ("in_progress", "")


def test_a_withdrawal_leaves_the_plan_figure():
    plan = PlanFactory()
    kept = CommitmentFactory(plan=plan, number=1, is_published=True)
    gone = CommitmentFactory(plan=plan, number=2, is_published=True)
    milestone_save(actor=None, milestone=MilestoneFactory(commitment=kept), progress=80)
    milestone_save(actor=None, milestone=MilestoneFactory(commitment=gone), progress=0)
    assert ActionPlan.objects.get(pk=plan.pk).progress == Decimal("40.00")
    commitment_status_override(actor=None, commitment=gone, status="withdrawn", reason="Retirado")
    assert ActionPlan.objects.get(pk=plan.pk).progress == Decimal("80.00")


def test_an_import_derives_statuses_but_keeps_a_withdrawal_with_a_reason():
    plan = PlanFactory()
    org = CommitmentFactory(plan=PlanFactory()).lead_institution
    header = "id_externo,numero,titulo,institucion_responsable,estado,hito_numero,hito_entregable,hito_avance,hito_estado\n"
    rows = (
        f"a,1,Uno,{org.slug},completed,1,Informe,30,in_progress\nb,2,Dos,{org.slug},withdrawn,,,,\n"
    )
    commitments_import(
        actor=None, plan=plan, stream=io.BytesIO((header + rows).encode()), filename="c.csv"
    )
    one, two = Commitment.objects.filter(plan=plan).order_by("number")
    assert (one.status, one.status_reason) == ("in_progress", "")
    assert two.status == "withdrawn" and two.status_reason


# The status page: each role


@pytest.fixture
def status_page(roles):
    plan = PlanFactory(exercise=roles.exercise, number=1)
    lead = roles.liaison.org_memberships.get().organization
    commitment = CommitmentFactory(plan=plan, number=1, lead_institution=lead, is_published=True)
    MilestoneFactory(commitment=commitment, progress=0)
    url = f"/ejercicios/{roles.exercise.slug}/planes/1/compromisos/1/estado/"
    return commitment, url


def _civil(roles):
    return ExerciseMembershipFactory(
        exercise=roles.exercise, role=ExerciseRole.SECRETARIAT, sector=SeatSector.CIVIL_SOCIETY
    ).user


@pytest.mark.parametrize(
    "role",
    [None, "participant", "other_liaison", "liaison", "civil", "other_coordinator", "secretariat"],
)
def test_only_the_coordination_fixes_a_status(roles, status_page, role):
    commitment, url = status_page
    user = _civil(roles) if role == "civil" else (getattr(roles, role) if role else None)
    client = client_for(user)
    data = {"status": "completed", "reason": "Concluido según el acta"}
    for response in (client.get(url), client.post(url, data)):
        assert response.status_code == (302 if role is None else 403)
    if role is not None:
        assert "Solo la coordinación" in client.get(url).content.decode()
    commitment.refresh_from_db()
    assert (commitment.status, commitment.status_reason) == ("not_started", "")


@pytest.mark.parametrize("role", ["coordinator", "admin"])
def test_the_coordination_fixes_a_status_on_its_page(roles, status_page, role):
    commitment, url = status_page
    client = client_for(getattr(roles, role))
    page = client.get(url).content.decode()
    assert "Derivado de los hitos (hoy: Sin iniciar)" in page
    response = client.post(url, {"status": "completed", "reason": ""})
    assert response.status_code == 400
    assert "Explica por qué el estado no es el que dan los hitos." in response.content.decode()
    response = client.post(url, {"status": "completed", "reason": "Concluido según el acta"})
    assert response.status_code == 302
    commitment.refresh_from_db()
    assert (commitment.status, commitment.status_reason) == (
        "completed",
        "Concluido según el acta",
    )
    newest = Commitment.history.filter(id=commitment.pk).first()
    assert newest.history_user == getattr(roles, role)
    assert client.post(url, {"status": "", "reason": ""}).status_code == 302
    commitment.refresh_from_db()
    assert (commitment.status, commitment.status_reason) == ("not_started", "")


def test_the_commitment_form_no_longer_sets_the_status(roles, status_page):
    _commitment, url = status_page
    edit = url.replace("estado/", "editar/")
    form = client_for(roles.coordinator).get(edit).content.decode()
    assert 'name="status"' not in form


@pytest.mark.parametrize(
    ("before", "progress", "after"),
    [
        (("not_started", 0, None), 30, ("in_progress", 30, None)),
        (("in_progress", 30, None), 100, ("completed", 100, TODAY)),
        (("completed", 100, PAST), 60, ("in_progress", 60, None)),
        (("completed", 100, PAST), 0, ("not_started", 0, None)),
        (("cancelled", 10, None), 100, ("cancelled", 100, None)),
    ],
)
def test_progress_given_without_a_status_brings_the_status_that_follows(before, progress, after):
    status, old, completed_on = before
    milestone = MilestoneFactory(status=status, progress=old, completed_on=completed_on)
    with time_machine.travel(dt.datetime(2026, 3, 2, 12, tzinfo=dt.UTC), tick=False):
        milestone_save(actor=None, milestone=milestone, progress=progress)
    milestone.refresh_from_db()
    assert (milestone.status, milestone.progress, milestone.completed_on) == after


def test_a_status_given_with_the_progress_is_kept():
    milestone = MilestoneFactory()
    milestone_save(actor=None, milestone=milestone, progress=100, status="in_progress")
    milestone.refresh_from_db()
    assert (milestone.status, milestone.progress) == ("in_progress", 100)  # EST-02 will say so


def test_the_commitment_page_shows_a_fixed_status_with_its_reason(roles, status_page):
    _commitment, url = status_page
    page_url = url.removesuffix("estado/")
    client_for(roles.coordinator).post(url, {"status": "completed", "reason": "Según el acta 4"})
    public = client_for(None).get(page_url).content.decode()
    assert "estado fijado por la coordinación: Según el acta 4" in public
    assert url not in public
    assert url in client_for(roles.coordinator).get(page_url).content.decode()
    assert url not in client_for(roles.liaison).get(page_url).content.decode()
