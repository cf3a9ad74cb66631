"""Those who edit a plan manage its axes from its pages: every write for every role, bad input,
and what a retired axis keeps."""

import pytest

from cocrea.core.tests.helpers import client_for
from cocrea.plans.models import ActionPlan, PlanAxis
from cocrea.plans.tests.factories import CommitmentFactory, PlanFactory

pytestmark = pytest.mark.django_db

PLAN_EDITORS = ("secretariat", "coordinator", "admin")
# the lead institution's liaison updates milestones, but does not edit the plan
PLAN_OTHERS = ("participant", "other_liaison", "liaison", "other_coordinator")


@pytest.fixture
def plan(roles) -> ActionPlan:
    plan = PlanFactory(exercise=roles.exercise, number=1)
    own_org = roles.liaison.org_memberships.get().organization
    CommitmentFactory(plan=plan, number=1, lead_institution=own_org)
    for order, name in enumerate(("Transparencia", "Participación", "Rendición de cuentas"), 1):
        PlanAxis.objects.create(plan=plan, order=order, name=name)
    return plan


def _base(plan: ActionPlan) -> str:
    return f"/ejercicios/{plan.exercise.slug}/planes/{plan.number}/"


def _names(plan: ActionPlan) -> list[str]:
    return list(plan.axes.order_by("order", "pk").values_list("name", flat=True))


def _cases(plan: ActionPlan):
    first = PlanAxis.objects.get(plan=plan, name="Transparencia").pk
    axes = _base(plan) + "ejes/"
    return {
        "create": (axes + "nuevo/", {"name": "Integridad"}, lambda: "Integridad" in _names(plan)),
        "rename": (
            axes + f"{first}/nombre/",
            {"name": "Transparencia proactiva"},
            lambda: "Transparencia proactiva" in _names(plan),
        ),
        "move": (
            axes + f"{first}/mover/",
            {"position": 2},
            lambda: _names(plan)[1] == "Transparencia",
        ),
        "retire": (
            axes + f"{first}/retiro/",
            {"accion": "retirar"},
            lambda: PlanAxis.objects.get(pk=first).is_retired,
        ),
    }


WRITES = ("create", "rename", "move", "retire")


@pytest.mark.parametrize("write", WRITES)
@pytest.mark.parametrize("role", [None, *PLAN_OTHERS])
def test_only_plan_editors_write_axes(roles, plan, write, role):
    url, data, changed = _cases(plan)[write]
    response = client_for(getattr(roles, role) if role else None).post(url, data)
    if role is None:
        assert response.status_code == 302 and "/cuentas/login/" in response["Location"]
    else:
        assert response.status_code == 403
    assert not changed()


@pytest.mark.parametrize("write", WRITES)
@pytest.mark.parametrize("role", PLAN_EDITORS)
def test_plan_editors_write_axes(roles, plan, write, role):
    url, data, changed = _cases(plan)[write]
    version = plan.content_version
    response = client_for(getattr(roles, role)).post(url, data)
    assert response.status_code == 302 and response["Location"] == _base(plan) + "ejes/"
    assert changed()
    plan.refresh_from_db()
    assert plan.content_version > version  # the plan's cached fragments are not served again


@pytest.mark.parametrize("role", [None, *PLAN_OTHERS])
def test_the_list_and_its_link_are_for_plan_editors_only(roles, plan, role):
    client = client_for(getattr(roles, role) if role else None)
    assert client.get(_base(plan) + "ejes/").status_code == (302 if role is None else 403)
    assert _base(plan) + "ejes/" not in client.get(_base(plan)).content.decode()


def test_the_list_shows_every_axis_in_order(django_assert_num_queries, roles, plan):
    client = client_for(roles.coordinator)
    PlanAxis.objects.filter(name="Participación").update(is_retired=True)
    client.get(_base(plan) + "ejes/")
    # session, user, plan, the account's roles, the axes
    with django_assert_num_queries(5):
        body = client.get(_base(plan) + "ejes/").content.decode()
    assert body.index("Transparencia") < body.index("Participación") < body.index("Rendición")
    assert "retirado" in body and "Restaurar" in body
    assert _base(plan) + "ejes/" in client.get(_base(plan)).content.decode()


@pytest.mark.parametrize(
    ("write", "data", "message"),
    [
        ("create", {"name": ""}, "Escribe el nombre del eje."),
        ("create", {"name": "transparencia"}, "Ya hay un eje llamado «transparencia»"),
        ("create", {"name": "x" * 201}, "200 caracteres"),
        ("rename", {"name": "Participación "}, "Ya hay un eje llamado «Participación»"),
        ("move", {"position": "-1"}, "1"),
        ("retire", {"accion": ""}, "obligatorio"),
    ],
)
def test_bad_input_shows_the_form_again_and_writes_nothing(roles, plan, write, data, message):
    url, _data, _changed = _cases(plan)[write]
    before = list(PlanAxis.objects.order_by("pk").values_list("name", "order", "is_retired"))
    response = client_for(roles.coordinator).post(url, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert (
        list(PlanAxis.objects.order_by("pk").values_list("name", "order", "is_retired")) == before
    )


def test_a_retired_axis_is_not_offered_to_new_commitments_but_stays_on_its_own(roles, plan):
    transparency = PlanAxis.objects.get(name="Transparencia")
    commitment = plan.commitments.get()
    commitment.axes.add(transparency)
    client = client_for(roles.coordinator)
    url = _base(plan) + f"ejes/{transparency.pk}/retiro/"
    assert client.post(url, {"accion": "retirar"}).status_code == 302
    new = client.get(_base(plan) + "compromisos/nuevo/").content.decode()
    assert f'name="axes" value="{transparency.pk}"' not in new and "Participación" in new
    existing = client.get(_base(plan) + "compromisos/1/editar/").content.decode()
    assert f'name="axes" value="{transparency.pk}"' in existing
    assert list(commitment.axes.all()) == [transparency]
    version = transparency.history.order_by("-history_date", "-history_id").first()
    assert version is not None and version.history_user == roles.coordinator
    assert client.post(url, {"accion": "restaurar"}).status_code == 302
    assert not PlanAxis.objects.get(pk=transparency.pk).is_retired
