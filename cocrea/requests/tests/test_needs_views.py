"""The needs pages: the public list, an institution's needs, and who may propose, accept,
decline and link them."""

import pytest
from django.urls import reverse

from cocrea.core.tests.factories import OrganizationFactory
from cocrea.opendata.tests.factories import DatasetFactory, PublicationFactory
from cocrea.requests import needs
from cocrea.requests.models import NeedStatus, ProactiveNeed
from cocrea.requests.tests.factories import (
    ROLE_NAMES,
    InformationRequestFactory,
    RequestRoles,
    request_roles,
)
from cocrea.requests.tests.test_needs_clustering import WATER

ROLES = ROLE_NAMES
PROPOSERS = {"liaison", "guarantor", "admin"}
DECIDERS = {"liaison", "admin"}


def _cast() -> RequestRoles:
    title, body = WATER[0]
    roles = request_roles(title=title, body=body)
    for title, body in WATER[1:]:
        InformationRequestFactory(organization=roles.request.organization, title=title, body=body)
    return roles


def _url(roles: RequestRoles) -> str:
    return reverse("requests:institution_needs", args=[roles.request.organization.slug])


def _login(client, roles: RequestRoles, role: str):
    user = roles.by_name(role)
    if user is not None:
        client.force_login(user)
    return client


def _proposed(roles: RequestRoles) -> ProactiveNeed:
    organization = roles.request.organization
    group = needs.needs_suggest(organization=organization)[0]
    return needs.need_propose(
        actor=roles.admin, organization=organization, request_ids=group.request_ids, topic="Agua"
    )


@pytest.mark.parametrize("role", ROLES)
def test_page_for_each_role(db, client, role):
    roles = _cast()
    need = _proposed(roles)
    InformationRequestFactory(organization=roles.request.organization)  # not yet in a group
    page = _login(client, roles, role).get(_url(roles))
    assert page.status_code == 200
    html = page.content.decode()
    assert need.topic in html
    assert roles.request.get_absolute_url() in html  # the requests it came from
    assert ('value="accept"' in html) == (role in DECIDERS)
    assert ('name="action" value="propose"' in html) is False  # the group is already a need


@pytest.mark.parametrize("role", ROLES)
def test_propose_for_each_role(db, client, role):
    roles = _cast()
    page = _login(client, roles, role).get(_url(roles))
    assert ('value="propose"' in page.content.decode()) == (role in PROPOSERS)
    group = needs.needs_suggest(organization=roles.request.organization)[0]
    data = {"action": "propose", "topic": "Pipas de agua", "requests": group.request_ids}
    answer = client.post(_url(roles), data)
    if role in PROPOSERS:
        assert answer.status_code == 302
        need = ProactiveNeed.objects.get()
        assert need.status == NeedStatus.PROPOSED
        assert set(need.requests.values_list("pk", flat=True)) == set(group.request_ids)
    else:
        assert answer.status_code == (302 if role == "anonymous" else 403)
        if role == "anonymous":
            assert "/login" in answer["Location"] or "next=" in answer["Location"]
        assert not ProactiveNeed.objects.exists()


ACTIONS = {
    "accept": ({}, NeedStatus.ACCEPTED),
    "decline": ({"reason": "Ya está en el portal de obligaciones."}, NeedStatus.DECLINED),
    "link": ({}, NeedStatus.PUBLISHED),
}


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("role", ROLES)
def test_answer_for_each_role(db, client, action, role):
    roles = _cast()
    need = _proposed(roles)
    publication = PublicationFactory(dataset=DatasetFactory(organization=need.organization))
    extra, status = ACTIONS[action]
    data = {"action": action, "need": need.pk, "publication": publication.pk, **extra}
    answer = _login(client, roles, role).post(_url(roles), data)
    need.refresh_from_db()
    if role in DECIDERS:
        assert answer.status_code == 302
        assert need.status == status
        listed = client.get(reverse("requests:need_list")).content.decode()
        if action == "link":
            assert publication.dataset.get_absolute_url() in listed
    else:
        assert answer.status_code in ((302, 403) if role == "anonymous" else (403,))
        assert need.status == NeedStatus.PROPOSED
        assert need.history.count() == 1


def _refused(client, roles: RequestRoles, data: dict[str, object], message: str) -> None:
    client.force_login(roles.liaison)
    answer = client.post(_url(roles), data)
    assert answer.status_code == 400
    assert message in answer.content.decode()


def test_bad_input_is_refused_with_a_message(db, client):
    roles = _cast()
    need = _proposed(roles)
    foreign = PublicationFactory(dataset=DatasetFactory())
    other_need = _proposed(_cast())
    _refused(client, roles, {"action": "decline", "need": need.pk}, "Di por qué")
    _refused(
        client,
        roles,
        {"action": "link", "need": need.pk, "publication": foreign.pk},
        "no es de un conjunto de datos de la institución",
    )
    _refused(client, roles, {"action": "accept", "need": other_need.pk}, "de otra institución")
    _refused(client, roles, {"action": "accept", "need": "x"}, "número")
    _refused(client, roles, {"action": "borrar", "need": need.pk}, "Elige una acción")
    _refused(client, roles, {"action": "propose", "topic": "Agua"}, "obligatorio")
    _refused(
        client,
        roles,
        {"action": "propose", "topic": "Agua", "requests": [roles.request.pk, "abc"]},
        "no existe",
    )
    _refused(
        client,
        roles,
        {"action": "propose", "topic": "Agua", "requests": [roles.request.pk]},
        "al menos 3",
    )
    for row in (need, other_need):
        row.refresh_from_db()
        assert (row.status, row.reason, row.publication) == (NeedStatus.PROPOSED, "", None)
        assert row.history.count() == 1
    assert ProactiveNeed.objects.count() == 2


def _need_with_publication(organization=None) -> ProactiveNeed:
    organization = organization or OrganizationFactory()
    rows = [InformationRequestFactory(organization=organization, title=t, body=b) for t, b in WATER]
    need = ProactiveNeed.objects.create(
        organization=organization,
        topic="Agua",
        status=NeedStatus.PUBLISHED,
        publication=PublicationFactory(dataset=DatasetFactory(organization=organization)),
        created_at=rows[0].filed_at,
    )
    need.requests.set(rows)
    return need


def test_need_list_query_count_is_pinned(db, client, django_assert_num_queries):
    for _ in range(3):
        _need_with_publication()
    with django_assert_num_queries(2):
        page = client.get(reverse("requests:need_list"))
    assert page.status_code == 200
    assert page.content.decode().count("Surgió de 4 solicitudes públicas") == 3
    for _ in range(3):
        _need_with_publication()
    with django_assert_num_queries(2):
        client.get(reverse("requests:need_list"))


def test_institution_page_query_count_is_pinned(db, client, django_assert_num_queries):
    organization = OrganizationFactory()
    for _ in range(2):
        _need_with_publication(organization)
    url = reverse("requests:institution_needs", args=[organization.slug])
    with django_assert_num_queries(4):
        page = client.get(url)
    assert page.status_code == 200
    for _ in range(3):
        _need_with_publication(organization)
    with django_assert_num_queries(4):
        client.get(url)


def test_liaison_page_query_count_is_pinned(db, client, django_assert_num_queries):
    roles = _cast()
    _proposed(roles)
    for title, body in WATER:
        InformationRequestFactory(organization=roles.request.organization, title=title, body=body)
    PublicationFactory(dataset=DatasetFactory(organization=roles.request.organization))
    client.force_login(roles.liaison)
    client.get(_url(roles))
    with django_assert_num_queries(9):
        page = client.get(_url(roles))
    html = page.content.decode()
    assert 'value="propose"' in html and 'value="link"' in html
    assert html.count('name="requests"') == len(WATER)
    for _ in range(2):
        _need_with_publication(roles.request.organization)
    with django_assert_num_queries(9):
        client.get(_url(roles))
