"""The REST API fuzzed from its own OpenAPI document (issue 16, item 3): 0 server errors.

Schemathesis generates requests for every operation (valid and invalid parameters, bodies and
keys) and calls the app in-process (WSGI); a fixed seed and a bounded number of examples per
operation keep it reproducible and within `make test`'s time. The calls carry a real API key,
so the write operations are reached past authentication as well as refused without it.
"""

import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from cocrea.core.services import api_key_create
from cocrea.plans.tests.factories import CommitmentFactory, MilestoneFactory
from cocrea.wsgi import application

pytestmark = pytest.mark.django_db
# Ten per operation in `make test`; FUZZ_EXAMPLES=200 for a deeper run by hand.
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "10"))


@pytest.fixture(autouse=True)
def _one_connection_per_test():
    """Django's test client keeps the test's connection (and its transaction) across requests;
    schemathesis calls the WSGI app itself, whose end of request would close it. Same remedy."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def api_key(db) -> str:
    milestone = MilestoneFactory(commitment=CommitmentFactory())
    institution = milestone.commitment.lead_institution
    return api_key_create(organization=institution)[1]


# Read once, at collection: the document needs no database.
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_no_generated_request_gets_a_server_error(case, api_key, settings):
    settings.RATELIMIT_ENABLE = False  # the throttle's 429 would hide what comes after it
    response = case.call(headers={"X-Api-Key": api_key})
    case.validate_response(response, checks=[not_a_server_error])
