"""The coordination manages a consultation's axes from its pages: create, rename, reorder,
retire and restore; every write for every role, bad input, and what a retired axis keeps."""

import pytest
from django.test import Client

from cocrea.core.tests.helpers import EDITORS, NON_EDITORS, client_for, streamed
from cocrea.participation.models import Axis, Consultation, Proposal
from cocrea.participation.services import proposal_submit
from cocrea.participation.tests.factories import ConsultationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultation(roles) -> Consultation:
    consultation = ConsultationFactory(exercise=roles.exercise, requires_verified=False)
    for order, name in enumerate(("Agua", "Movilidad", "Seguridad"), start=1):
        Axis.objects.create(consultation=consultation, order=order, name=name)
    return consultation


def _base(c: Consultation) -> str:
    return f"/ejercicios/{c.exercise.slug}/consultas/{c.slug}/"


def _names(c: Consultation) -> list[str]:
    return list(
        Axis.objects.filter(consultation=c).order_by("order", "pk").values_list("name", flat=True)
    )


def _cases(c: Consultation):
    first = Axis.objects.get(consultation=c, name="Agua").pk
    axes = _base(c) + "ejes/"
    return {
        "create": (
            axes + "nuevo/",
            {"name": "Salud"},
            lambda: "Salud" in _names(c),
        ),
        "rename": (
            axes + f"{first}/nombre/",
            {"name": "Agua potable"},
            lambda: "Agua potable" in _names(c),
        ),
        "move": (
            axes + f"{first}/mover/",
            {"position": 3},
            lambda: _names(c) == ["Movilidad", "Seguridad", "Agua"],
        ),
        "retire": (
            axes + f"{first}/retiro/",
            {"accion": "retirar"},
            lambda: Axis.objects.get(pk=first).is_retired,
        ),
    }


WRITES = ("create", "rename", "move", "retire")


@pytest.mark.parametrize("write", WRITES)
@pytest.mark.parametrize("role", [None, *NON_EDITORS])
def test_only_the_coordination_writes_axes(roles, consultation, write, role):
    url, data, changed = _cases(consultation)[write]
    response = client_for(getattr(roles, role) if role else None).post(url, data)
    if role is None:
        assert response.status_code == 302 and "/cuentas/login/" in response["Location"]
    else:
        assert response.status_code == 403
    assert not changed()
    assert _names(consultation) == ["Agua", "Movilidad", "Seguridad"]


@pytest.mark.parametrize("write", WRITES)
@pytest.mark.parametrize("role", EDITORS)
def test_the_coordination_and_admins_write_axes(roles, consultation, write, role):
    url, data, changed = _cases(consultation)[write]
    response = client_for(getattr(roles, role)).post(url, data)
    assert response.status_code == 302
    assert response["Location"] == _base(consultation) + "ejes/"
    assert changed()


@pytest.mark.parametrize("role", [None, *NON_EDITORS])
def test_the_list_and_its_link_are_for_the_coordination_only(roles, consultation, role):
    client = client_for(getattr(roles, role) if role else None)
    response = client.get(_base(consultation) + "ejes/")
    assert response.status_code == (302 if role is None else 403)
    assert "ejes/" not in client.get(_base(consultation)).content.decode()


def test_the_list_shows_every_axis_in_order_and_links_from_the_consultation(
    django_assert_num_queries, roles, consultation
):
    client = client_for(roles.coordinator)
    Axis.objects.filter(name="Movilidad").update(is_retired=True)
    client.get(_base(consultation) + "ejes/")  # the session, warm
    # session, user, exercise, consultation, the account's roles, the axes
    with django_assert_num_queries(6):
        body = client.get(_base(consultation) + "ejes/").content.decode()
    assert body.index("Agua") < body.index("Movilidad") < body.index("Seguridad")
    assert "retirado" in body and "Restaurar" in body
    assert _base(consultation) + "ejes/" in client.get(_base(consultation)).content.decode()


@pytest.mark.parametrize(
    ("write", "data", "message"),
    [
        ("create", {"name": ""}, "Escribe el nombre del eje."),
        ("create", {"name": "   "}, "Escribe el nombre del eje."),
        ("create", {"name": "  movilidad "}, "Ya hay un eje llamado «movilidad»"),
        ("create", {"name": "x" * 201}, "200 caracteres"),
        ("rename", {"name": "SEGURIDAD"}, "Ya hay un eje llamado «SEGURIDAD»"),
        ("rename", {"name": ""}, "Escribe el nombre del eje."),
        ("move", {"position": ""}, "Escribe el lugar"),
        ("move", {"position": "0"}, "1"),
        ("move", {"position": "uno"}, "número"),
        ("retire", {"accion": "borrar"}, "borrar"),
    ],
)
def test_bad_input_shows_the_form_again_and_writes_nothing(
    roles, consultation, write, data, message
):
    url, _data, _changed = _cases(consultation)[write]
    before = list(Axis.objects.order_by("pk").values_list("name", "order", "is_retired"))
    response = client_for(roles.coordinator).post(url, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert list(Axis.objects.order_by("pk").values_list("name", "order", "is_retired")) == before


def test_renaming_to_its_own_name_and_a_missing_axis(roles, consultation):
    client = client_for(roles.coordinator)
    axis = Axis.objects.get(name="Agua")
    assert client.get(_base(consultation) + f"ejes/{axis.pk}/nombre/").status_code == 200
    response = client.post(_base(consultation) + f"ejes/{axis.pk}/nombre/", {"name": "agua"})
    assert response.status_code == 302 and "agua" in _names(consultation)
    other = ConsultationFactory(exercise=roles.exercise)
    stranger = Axis.objects.create(consultation=other, order=1, name="Ajeno")
    assert (
        client.post(
            _base(consultation) + f"ejes/{stranger.pk}/retiro/", {"accion": "retirar"}
        ).status_code
        == 404
    )
    assert client.get(_base(consultation) + "ejes/9999/nombre/").status_code == 404
    # the same name in another consultation is fine
    assert client.post(_base(other) + "ejes/nuevo/", {"name": "Agua"}).status_code == 302


def test_moving_up_down_and_to_a_place_renumbers_the_list(roles, consultation):
    client = client_for(roles.coordinator)
    agua, movilidad, seguridad = Axis.objects.order_by("order")
    move = _base(consultation) + "ejes/{}/mover/"
    client.post(move.format(seguridad.pk), {"position": 2})  # up
    assert _names(consultation) == ["Agua", "Seguridad", "Movilidad"]
    client.post(move.format(agua.pk), {"position": 2})  # down
    assert _names(consultation) == ["Seguridad", "Agua", "Movilidad"]
    client.post(move.format(movilidad.pk), {"position": 99})  # past the end: last
    client.post(move.format(movilidad.pk), {"position": 1})
    assert _names(consultation) == ["Movilidad", "Seguridad", "Agua"]
    assert list(Axis.objects.order_by("order").values_list("order", flat=True)) == [1, 2, 3]
    created = client.post(_base(consultation) + "ejes/nuevo/", {"name": "  Salud   pública "})
    assert created.status_code == 302
    assert Axis.objects.get(name="Salud pública").order == 4


def test_every_change_keeps_who_and_what(roles, consultation):
    client = client_for(roles.coordinator)
    axis = Axis.objects.get(name="Agua")
    client.post(_base(consultation) + f"ejes/{axis.pk}/nombre/", {"name": "Agua potable"})
    client.post(_base(consultation) + f"ejes/{axis.pk}/retiro/", {"accion": "retirar"})
    client.post(_base(consultation) + f"ejes/{axis.pk}/retiro/", {"accion": "restaurar"})
    # after the version the fixture created
    versions = list(axis.history.order_by("history_date", "history_id"))[1:]
    assert [v.history_user for v in versions] == [roles.coordinator] * 3
    assert [(v.name, v.is_retired) for v in versions] == [
        ("Agua potable", False),
        ("Agua potable", True),
        ("Agua potable", False),
    ]
    assert versions[1].history_change_reason == "Eje retirado"
    assert not Axis.objects.get(pk=axis.pk).is_retired


def test_a_retired_axis_is_not_offered_but_its_proposals_still_count(roles, consultation):
    agua = Axis.objects.get(name="Agua")
    for n in range(2):
        proposal_submit(
            actor=roles.participant,
            consultation=consultation,
            title=f"Pozos {n}",
            body="x",
            axis=agua,
        )
    client = client_for(roles.coordinator)
    assert (
        client.post(
            _base(consultation) + f"ejes/{agua.pk}/retiro/", {"accion": "retirar"}
        ).status_code
        == 302
    )

    participant = client_for(roles.participant)
    form = participant.get(_base(consultation) + "propuestas/nueva/").content.decode()
    assert f'value="{agua.pk}"' not in form and "Movilidad" in form
    refused = participant.post(
        _base(consultation) + "propuestas/nueva/", {"title": "Otra", "body": "x", "axis": agua.pk}
    )
    assert refused.status_code == 400 and Proposal.objects.count() == 2
    listing = Client().get(_base(consultation)).content.decode()
    assert f'<option value="{agua.pk}"' not in listing and "Pozos 1" in listing

    results = Client().get(_base(consultation) + "sistematizacion/").content.decode()
    assert "eje retirado" in results and "Pozos 0" in results
    rows = streamed(Client().get(_base(consultation) + "resultados.csv")).decode()
    assert "eje_retirado" in rows and rows.count("True") == 2
    # its proposals keep it, and their authors may still edit them with it
    assert set(Proposal.objects.values_list("axis__name", flat=True)) == {"Agua"}
