"""The JSON API and the open tables of information requests: public ones only, their visible
steps, never personal data; the list's query count pinned; and the demo, loaded twice."""

import datetime as dt

import pytest
from django.utils import timezone
from django.utils.text import slugify

from cocrea.core.models import Sector
from cocrea.core.tests.factories import OrganizationFactory
from cocrea.requests import demo
from cocrea.requests.models import (
    EventKind,
    InformationRequest,
    RequestEvent,
    Side,
    Status,
    TransparencyUnit,
    Visibility,
)
from cocrea.requests.open_tables import EVENTS, REQUESTS
from cocrea.requests.tests.factories import InformationRequestFactory, RequestEventFactory

pytestmark = pytest.mark.django_db
LIST = "/api/v1/information-requests"
PRIVATE = ("requester", "mail_token", "actor", "email", "hidden_reason")


@pytest.fixture
def public():
    request = InformationRequestFactory(
        title="Contratos", folio="ABC-1", due_on=timezone.localdate() - dt.timedelta(days=2)
    )
    RequestEventFactory(request=request)
    RequestEventFactory(request=request, kind=EventKind.MESSAGE, body="Secreto", is_hidden=True)
    RequestEventFactory(
        request=request,
        kind=EventKind.CLARIFICATION_REQUESTED,
        side=Side.INSTITUTION,
        body="Precisa el periodo.",
        from_status=Status.WAITING,
        to_status=Status.CLARIFICATION,
    )
    return request


def test_the_list_shows_public_requests_only(client, public):
    InformationRequestFactory(visibility=Visibility.PENDING)
    InformationRequestFactory(visibility=Visibility.HIDDEN)
    data = client.get(LIST).json()
    assert data["count"] == 1
    item = data["items"][0]
    assert item["id"] == public.pk
    assert item["organization"] == {
        "id": public.organization.pk,
        "name": public.organization.name,
        "slug": public.organization.slug,
    }
    assert item["url"] == public.get_absolute_url()
    assert item["pseudonym"] == public.pseudonym
    assert item["delayed"] is True  # waiting, past its deadline
    assert item["folio"] == "ABC-1"
    assert not set(PRIVATE) & set(item)
    assert public.requester.email not in str(data)


def test_the_list_filters(client, public):
    InformationRequestFactory(status=Status.ANSWERED)
    slug = public.organization.slug
    assert client.get(LIST, {"organization": slug}).json()["count"] == 1
    assert client.get(LIST, {"status": "answered"}).json()["count"] == 1
    assert client.get(LIST, {"organization": "nadie"}).json()["count"] == 0
    assert client.get(LIST, {"status": "inventado"}).status_code == 400
    assert client.get(LIST, {"organization": "a b"}).status_code == 400


def test_the_list_pins_its_queries(client, public, django_assert_num_queries):
    for _n in range(5):
        InformationRequestFactory()
    with django_assert_num_queries(2):  # the count and the page
        assert client.get(LIST).json()["count"] == 6


def test_one_request_with_its_visible_steps(client, public):
    data = client.get(f"{LIST}/{public.pk}").json()
    assert [event["kind"] for event in data["events"]] == ["filed", "clarification_requested"]
    step = data["events"][1]
    assert step == {
        "kind": "clarification_requested",
        "side": "institution",
        "at": step["at"],
        "from_status": "waiting",
        "to_status": "clarification",
        "body": "Precisa el periodo.",
    }
    assert "Secreto" not in str(data)
    assert not set(PRIVATE) & set(data)


def test_a_request_that_is_not_public_is_a_404(client):
    for visibility in (Visibility.PENDING, Visibility.HIDDEN):
        hidden = InformationRequestFactory(visibility=visibility)
        assert client.get(f"{LIST}/{hidden.pk}").status_code == 404
    assert client.get(f"{LIST}/999999").status_code == 404


def test_the_open_tables_hold_public_rows_without_personal_data(public):
    InformationRequestFactory(visibility=Visibility.PENDING)
    rows = list(REQUESTS.rows())
    assert [row[0] for row in rows] == [public.pk]
    assert public.pseudonym not in rows[0] and public.requester.email not in rows[0]
    assert [row[2] for row in EVENTS.rows()] == ["filed", "clarification_requested"]
    names = {column.name for table in (REQUESTS, EVENTS) for column in table.columns}
    assert not names & {"solicitante", "seudonimo", "correo", "actor"}


@pytest.fixture
def demo_bodies():
    for name in ("Secretaría de Planeación y Participación Ciudadana", "Ayuntamiento de Zapopan"):
        OrganizationFactory(name=name, slug=slugify(name), sector=Sector.GOVERNMENT_AGENCY)


def test_the_demo_walks_every_state_and_loads_twice_without_duplicates(demo_bodies):
    demo.load()
    counts = (InformationRequest.objects.count(), RequestEvent.objects.count())
    demo.load()
    assert (InformationRequest.objects.count(), RequestEvent.objects.count()) == counts
    requests = InformationRequest.objects.all()
    assert {r.status for r in requests} == set(Status.values)
    assert all(r.is_example and r.visibility == Visibility.PUBLIC for r in requests)
    assert all("(dato de ejemplo)" in r.title for r in requests)
    assert TransparencyUnit.objects.count() == 1
    # The steps happened in the past, so the clocks say something.
    assert all(r.filed_at < timezone.now() for r in requests)


def test_the_demo_needs_its_institutions():
    demo.load()
    assert not InformationRequest.objects.exists()
