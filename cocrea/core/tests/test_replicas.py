"""Public reads go to the replica; writes, transactions and the writer's next pages to the primary.

The suite's settings name a `replica` alias that is a second connection to the test database
(DATABASE_REPLICA_URL=primary), so every query can be counted on the connection that ran it.
"""

import pytest
from django.contrib.sessions.models import Session
from django.db import DEFAULT_DB_ALIAS, connections, router, transaction
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext

from cocrea.core.models import User
from cocrea.core.replicas import (
    PIN_COOKIE,
    PrimaryReplicaRouter,
    ReplicaReadsMiddleware,
    _reads_from_replica,
    primary_reads,
)
from cocrea.core.tests.helpers import client_for, streamed
from cocrea.participation.models import Proposal, Support
from cocrea.participation.services import ProposalFields, proposal_submit
from cocrea.participation.tests.factories import ConsultationFactory

# Rows made by migrations (territories) must survive the flush between transactional tests.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True, databases="__all__")


class Queries:
    """The queries each connection ran inside the block."""

    def __enter__(self) -> "Queries":
        self.primary = CaptureQueriesContext(connections[DEFAULT_DB_ALIAS])
        self.replica = CaptureQueriesContext(connections["replica"])
        self.primary.__enter__()
        self.replica.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        self.replica.__exit__(*exc)
        self.primary.__exit__(*exc)


@pytest.fixture
def proposal(roles) -> Proposal:
    consultation = ConsultationFactory(exercise=roles.exercise)
    fields: ProposalFields = {"title": "Más luminarias en el parque", "body": "Texto"}
    return proposal_submit(actor=roles.liaison, consultation=consultation, **fields)


def _page(proposal: Proposal) -> str:
    return (
        f"/ejercicios/{proposal.consultation.exercise.slug}/consultas/{proposal.consultation.slug}/"
    )


def test_a_public_page_reads_only_from_the_replica(proposal):
    with Queries() as queries:
        response = Client().get(_page(proposal))
    assert response.status_code == 200 and "Más luminarias" in response.content.decode()
    assert len(queries.replica) > 0
    assert len(queries.primary) == 0


def test_a_write_goes_to_the_primary_and_the_writer_then_reads_from_it(roles, proposal):
    client = client_for(roles.participant)
    with Queries() as queries:
        response = client.post(_page(proposal) + f"propuestas/{proposal.pk}/apoyo/")
    assert response.status_code == 302 and Support.objects.filter(proposal=proposal).exists()
    assert response.cookies[PIN_COOKIE]["max-age"] == 10
    assert len(queries.replica) == 0  # a POST reads what it checks from the primary too
    assert any("INSERT" in query["sql"] for query in queries.primary.captured_queries)
    with Queries() as queries:
        page = client.get(response["Location"])
    assert page.status_code == 200 and len(queries.replica) == 0 and len(queries.primary) > 0


def test_signed_in_reader_without_recent_writes_reads_from_the_replica(roles, proposal):
    client = client_for(roles.participant)  # signing in writes the session, on the primary
    with Queries() as queries:
        response = client.get(_page(proposal))
    assert response.status_code == 200 and len(queries.replica) > 0
    # Only who is signed in comes from the primary: an ended session or a deactivated account
    # must not come back from a lagging copy.
    tables = [query["sql"] for query in queries.primary.captured_queries]
    assert tables and all("django_session" in sql or "core_user" in sql for sql in tables)


def test_a_streamed_export_reads_its_rows_from_the_replica(proposal):
    with Queries() as queries:
        response = Client().get(_page(proposal) + "resultados.csv")
        body = streamed(response).decode()
    assert "Más luminarias" in body
    assert len(queries.primary) == 0
    assert any("participation_proposal" in q["sql"] for q in queries.replica.captured_queries)


def test_reads_inside_a_transaction_and_writes_stay_on_the_primary(proposal):
    token = _reads_from_replica.set(True)
    try:
        assert router.db_for_read(Proposal) == "replica"
        assert router.db_for_read(Session) == router.db_for_read(User) == DEFAULT_DB_ALIAS
        with primary_reads():  # e.g. figures filed in a shared cache
            assert router.db_for_read(Proposal) == DEFAULT_DB_ALIAS
        assert router.db_for_read(Proposal) == "replica"
        with transaction.atomic():
            assert router.db_for_read(Proposal) == DEFAULT_DB_ALIAS
        found = Proposal.objects.get(pk=proposal.pk)
        assert found._state.db == "replica"
        assert router.db_for_write(Proposal, instance=found) == DEFAULT_DB_ALIAS
    finally:
        _reads_from_replica.reset(token)
    assert router.db_for_read(Proposal) == DEFAULT_DB_ALIAS  # the worker, commands, shells
    assert PrimaryReplicaRouter().allow_migrate("replica", "participation") is False


def test_without_a_replica_the_middleware_leaves_reads_alone(monkeypatch):
    monkeypatch.setattr("cocrea.core.replicas.replica_configured", lambda: False)
    seen: list[bool] = []

    def view(request: HttpRequest) -> HttpResponse:
        seen.append(_reads_from_replica.get())
        return HttpResponse("ok")

    middleware = ReplicaReadsMiddleware(view)
    assert middleware.active is False
    assert middleware(RequestFactory().get("/")).status_code == 200
    assert seen == [False]
