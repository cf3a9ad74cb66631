"""Statistics per institution: the figures on a known set, the page with its method and chart,
the streamed CSV, the include of the institution page, and their query counts."""

import csv
import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from cocrea.core.tests.factories import OrganizationFactory, state
from cocrea.requests.models import (
    EventKind,
    InstitutionDayOff,
    Side,
    Status,
    Suspension,
    Visibility,
)
from cocrea.requests.statistics import institution_statistics, statistics_for
from cocrea.requests.tests.factories import (
    GuarantorFactory,
    InformationRequestFactory,
    RequestEventFactory,
)

pytestmark = pytest.mark.django_db
MX = ZoneInfo("America/Mexico_City")
TODAY = dt.date(2025, 7, 15)
FILED = dt.datetime(2025, 6, 2, 10, tzinfo=MX)  # a Monday; June 2025 has no holidays


def at(day: int) -> dt.datetime:
    return dt.datetime(2025, 6, day, 12, tzinfo=MX)


def _request(organization, status, due_on, *events, **fields):
    request = InformationRequestFactory(
        organization=organization, status=status, due_on=due_on, filed_at=FILED, **fields
    )
    RequestEventFactory(request=request)
    for kind, day, to_status in events:
        RequestEventFactory(
            request=request, kind=kind, side=Side.INSTITUTION, at=at(day), to_status=to_status
        )
    return request


@pytest.fixture
def known():
    """Five requests of one body (one hidden), one of another."""
    body = OrganizationFactory(name="Secretaría A")
    other = OrganizationFactory(name="Secretaría B")
    _request(
        body,
        Status.ANSWERED_FULL,
        dt.date(2025, 6, 30),
        (EventKind.ANSWERED, 9, Status.ANSWERED),
        (EventKind.RATED, 10, Status.ANSWERED_FULL),
    )
    _request(
        body,
        Status.ANSWERED_PARTIAL,
        dt.date(2025, 6, 10),
        (EventKind.EXTENDED, 5, Status.EXTENDED),
        (EventKind.ANSWERED, 16, Status.ANSWERED),
        (EventKind.RATED, 17, Status.ANSWERED_PARTIAL),
    )
    _request(body, Status.WAITING, dt.date(2025, 6, 20))
    _request(
        body,
        Status.UNDER_APPEAL,
        dt.date(2025, 6, 30),
        (EventKind.CLASSIFIED, 4, Status.CLASSIFIED),
        (EventKind.APPEALED, 10, Status.UNDER_APPEAL),
    )
    _request(
        body,
        Status.NOT_HELD,
        None,
        (EventKind.NOT_HELD, 3, Status.NOT_HELD),
        visibility=Visibility.HIDDEN,
    )
    _request(other, Status.WITHDRAWN, dt.date(2025, 6, 30))
    return body, other


def test_figures_of_a_known_set(known):
    body, _other = known
    stats = institution_statistics(body, today=TODAY)
    assert stats.received == 5  # the hidden one counts: the figures are aggregates
    assert stats.answered == 4
    assert stats.answered_on_time == 2
    assert stats.late == 2  # answered after its deadline, and one still waiting past it
    assert stats.extended == 1
    assert stats.classified == 1
    assert stats.not_held == 1
    assert stats.not_competent == 0
    assert stats.appealed == 1
    assert (stats.rated, stats.rated_full) == (2, 1)
    assert stats.complete_share == 50.0
    assert stats.on_time_share == 50.0
    # Working days to the first response: 5, 10, 2 and 1.
    assert stats.median_working_days == 3.5


def test_the_median_counts_days_off_and_suspensions_like_the_clock(known):
    body, _other = known
    InstitutionDayOff.objects.create(organization=body, date=dt.date(2025, 6, 5), name="Aniv.")
    Suspension.objects.create(
        declared_by=GuarantorFactory(),
        organization=body,
        starts_on=dt.date(2025, 6, 12),
        ends_on=dt.date(2025, 6, 13),
        reason="Mantenimiento",
    )
    # 4 (without the 5th), 7 (without the 5th, 12th and 13th), 2 and 1.
    assert institution_statistics(body, today=TODAY).median_working_days == 3.0


def test_a_body_without_requests_has_zeros_and_no_shares():
    stats = institution_statistics(OrganizationFactory(), today=TODAY)
    assert (stats.received, stats.answered, stats.median_working_days) == (0, 0, None)
    assert stats.on_time_share is None and stats.complete_share is None


def test_a_page_of_bodies_costs_the_same_queries_however_many(known, django_assert_num_queries):
    bodies = list(known)
    # The counts, the answered rows, then the configured holidays, the bodies' own days off and
    # the suspensions (the official holidays come from the library).
    with django_assert_num_queries(5):
        rows = statistics_for(bodies, today=TODAY)
    assert [row.received for row in rows] == [5, 1]


def test_the_page_states_its_method_and_draws_the_chart(client, known):
    response = client.get(reverse("requests:statistics"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Método" in html and "Respondidas a tiempo" in html
    assert "primer paso de respuesta" in html  # a definition, not just a name
    assert "<svg" in html and "Secretaría A" in html and "Secretaría B" in html


def test_the_page_pins_its_queries(client, known, django_assert_num_queries):
    for _n in range(3):
        _request(OrganizationFactory(), Status.ANSWERED, None, (EventKind.ANSWERED, 9, "answered"))
    # states for the filter, count, page, figures, answered rows, holidays, days off,
    # suspensions.
    with django_assert_num_queries(8):
        assert client.get(reverse("requests:statistics")).status_code == 200


def test_the_state_filter(client, known):
    elsewhere = OrganizationFactory(name="Secretaría de Yucatán", territory=state("31"))
    _request(elsewhere, Status.WAITING, None)
    response = client.get(reverse("requests:statistics"), {"entidad": "yucatan"})
    html = response.content.decode()
    assert "Secretaría de Yucatán" in html and "Secretaría A" not in html
    bad = client.get(reverse("requests:statistics"), {"entidad": "no-existe"})
    assert bad.status_code == 200 and "Secretaría A" in bad.content.decode()


def test_the_csv_streams_every_body(client, known):
    response = client.get(reverse("requests:statistics_csv"))
    assert response.status_code == 200 and response.streaming
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:4] == ["sujeto_obligado", "nombre", "recibidas", "respondidas"]
    by_name = {row[1]: row for row in rows[1:]}
    assert by_name["Secretaría A"][2:4] == ["5", "4"]
    assert by_name["Secretaría B"][2] == "1"


def test_the_institution_page_include(known):
    body, _other = known
    html = render_to_string(
        "requests/_institution_stats.html", {"stats": institution_statistics(body, today=TODAY)}
    )
    assert "<strong>5</strong> solicitudes recibidas" in html
    assert "50.0 %" in html or "50,0 %" in html
