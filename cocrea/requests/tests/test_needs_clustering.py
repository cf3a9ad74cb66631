"""Grouping repeated requests into suggested needs, and the services' own checks."""

import pytest
from django.core.exceptions import ValidationError

from cocrea.core.tests.factories import OrganizationFactory, UserFactory
from cocrea.opendata.tests.factories import DatasetFactory, PublicationFactory
from cocrea.requests import needs
from cocrea.requests.models import NeedStatus, ProactiveNeed, Visibility
from cocrea.requests.tests.factories import InformationRequestFactory

WATER = [
    (
        "Pipas de agua en la colonia Jardines",
        "Cuántas pipas de agua potable se enviaron a la colonia.",
    ),
    ("Reparto de agua en pipas", "Pido el calendario de reparto de agua potable en pipas."),
    ("Pipas de agua potable 2025", "Cuántas pipas de agua se contrataron y su costo."),
    ("Agua potable: pipas por colonia", "Lista de colonias que recibieron pipas de agua."),
]
UNRELATED = [
    ("Sueldo del presidente municipal", "Recibo de nómina del presidente municipal."),
    ("Luminarias del parque central", "Cuántas luminarias se repararon en el parque."),
]


def _requests(organization, rows, **fields):
    return [
        InformationRequestFactory(organization=organization, title=t, body=b, **fields)
        for t, b in rows
    ]


def test_similar_spanish_requests_are_grouped_and_unrelated_left_out(db):
    body = OrganizationFactory()
    water = _requests(body, WATER)
    others = _requests(body, UNRELATED)
    _requests(OrganizationFactory(), WATER)  # another body's: never mixed in
    found = needs.needs_suggest(organization=body)
    assert len(found) == 1
    assert {r.pk for r in found[0].requests} == {r.pk for r in water}
    assert not {r.pk for r in others} & set(found[0].request_ids)
    assert "agua" in found[0].topic.lower()
    assert "pipas" in found[0].topic.lower()  # the words people wrote, not stems


def test_small_groups_hidden_and_requests_in_a_need_excluded(db):
    body = OrganizationFactory()
    water = _requests(body, WATER[:2])
    _requests(body, WATER[2:3], visibility=Visibility.PENDING)
    assert needs.needs_suggest(organization=body) == []  # two public ones: too few
    more = _requests(body, WATER[2:])
    need = needs.need_propose(
        actor=UserFactory(),
        organization=body,
        request_ids=[r.pk for r in water + more],
        topic="Pipas de agua",
    )
    assert need.history.first().history_change_reason
    assert needs.needs_suggest(organization=body) == []


def test_propose_checks_its_requests(db):
    body = OrganizationFactory()
    mine = _requests(body, WATER)
    foreign = _requests(OrganizationFactory(), WATER[:1])
    actor = UserFactory()
    ids = [r.pk for r in mine]
    for bad in (ids[:2], [*ids[:2], foreign[0].pk], [*ids[:2], 999999]):
        with pytest.raises(ValidationError):
            needs.need_propose(actor=actor, organization=body, request_ids=bad, topic="Agua")
    with pytest.raises(ValidationError):
        needs.need_propose(actor=actor, organization=body, request_ids=ids, topic="  ")
    assert not ProactiveNeed.objects.exists()
    needs.need_propose(actor=actor, organization=body, request_ids=ids[:3], topic="Agua")
    with pytest.raises(ValidationError):  # one of them is already in a need
        needs.need_propose(
            actor=actor, organization=body, request_ids=ids[2:] + ids[:1], topic="Agua"
        )
    assert ProactiveNeed.objects.count() == 1


def test_decide_and_link(db):
    body = OrganizationFactory()
    ids = [r.pk for r in _requests(body, WATER)]
    actor = UserFactory()
    need = needs.need_propose(actor=actor, organization=body, request_ids=ids, topic="Agua")
    with pytest.raises(ValidationError):
        needs.need_decide(actor=actor, need=need, accept=False, reason=" ")
    need = needs.need_decide(actor=actor, need=need, accept=True)
    assert need.status == NeedStatus.ACCEPTED
    with pytest.raises(ValidationError):  # decided once
        needs.need_decide(actor=actor, need=need, accept=False, reason="No")
    foreign = PublicationFactory(dataset=DatasetFactory())
    with pytest.raises(ValidationError):
        needs.need_link(actor=actor, need=need, publication=foreign)
    need.refresh_from_db()
    assert need.publication is None
    own = PublicationFactory(dataset=DatasetFactory(organization=body))
    need = needs.need_link(actor=actor, need=need, publication=own)
    need.refresh_from_db()
    assert (need.status, need.publication) == (NeedStatus.PUBLISHED, own)
    assert need.history.count() == 3
