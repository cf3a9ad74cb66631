import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from cocrea.core.tests.factories import OrganizationFactory
from cocrea.reports.calendar import add_working_days
from cocrea.reports.models import Holiday, Report, ReportStatus
from cocrea.reports.services import Filing, report_create, report_transition
from cocrea.reports.tests.factories import CategoryFactory

pytestmark = pytest.mark.django_db
MX = dt.timezone(dt.timedelta(hours=-6))


def test_working_days_skip_weekends_and_mexican_holidays():
    friday = dt.datetime(2026, 11, 13, 10, 0, tzinfo=MX)
    # Monday 16 November 2026 is Revolution Day (third Monday of November).
    assert add_working_days(friday, 1) == dt.datetime(2026, 11, 17, 10, 0, tzinfo=MX)
    assert add_working_days(friday, 5) == dt.datetime(2026, 11, 23, 10, 0, tzinfo=MX)


def test_configured_days_off_count_too():
    Holiday.objects.create(date=dt.date(2026, 11, 17), name="Cierre de oficinas")
    friday = dt.datetime(2026, 11, 13, 10, 0, tzinfo=MX)
    assert add_working_days(friday, 1) == dt.datetime(2026, 11, 18, 10, 0, tzinfo=MX)


def _report() -> Report:
    filing = Filing(category=CategoryFactory(), address="Av. Juárez 1", description="Fuga")
    return report_create(filing=filing)


@time_machine.travel(dt.datetime(2026, 11, 25, 10, 0, tzinfo=MX), tick=False)
def test_a_report_is_routed_with_its_due_time():
    report = _report()
    assert report.status == ReportStatus.RECEIVED
    assert report.expected_at == add_working_days(report.requested_at, 5)
    # Filed on a Wednesday: five working days later is the next Wednesday, past the weekend.
    assert report.expected_at == dt.datetime(2026, 12, 2, 10, 0, tzinfo=MX)


@time_machine.travel(dt.datetime(2026, 12, 6, 19, 30, tzinfo=MX), tick=False)
def test_a_report_filed_on_a_sunday_is_due_on_friday():
    report = _report()
    assert report.expected_at == dt.datetime(2026, 12, 11, 19, 30, tzinfo=MX)


def test_closing_needs_a_public_note_and_keeps_every_step():
    report = _report()
    report_transition(report=report, to_status=ReportStatus.IN_PROGRESS, note="")
    with pytest.raises(ValidationError, match="nota"):
        report_transition(report=report, to_status=ReportStatus.RESOLVED, note=" ")
    report_transition(report=report, to_status=ReportStatus.RESOLVED, note="Se tapó el bache")
    report.refresh_from_db()
    assert report.status_notes == "Se tapó el bache" and report.closed_at
    steps = list(report.events.values_list("from_status", "to_status"))
    assert steps == [("", "received"), ("received", "in_progress"), ("in_progress", "resolved")]


def test_reopening_only_within_thirty_days():
    report = _report()
    report_transition(report=report, to_status=ReportStatus.RESOLVED, note="Listo")
    report_transition(report=report, to_status=ReportStatus.IN_PROGRESS, note="Sigue roto")
    report_transition(report=report, to_status=ReportStatus.RESOLVED, note="Ahora sí")
    Report.objects.filter(pk=report.pk).update(closed_at=timezone.now() - dt.timedelta(days=31))
    with pytest.raises(ValidationError, match="30 días"):
        report_transition(report=report, to_status=ReportStatus.IN_PROGRESS, note="Otra vez")


def test_rerouting_moves_the_report_and_records_it():
    report = _report()
    other = OrganizationFactory(name="Agua Potable")
    with pytest.raises(ValidationError):
        report_transition(report=report, to_status=ReportStatus.ROUTED, note="", institution=other)
    report_transition(
        report=report, to_status=ReportStatus.ROUTED, note="Es de agua", institution=other
    )
    report.refresh_from_db()
    assert report.institution == other
    last_event = report.events.last()
    assert last_event is not None
    assert last_event.institution == other


def test_unknown_states_are_refused():
    with pytest.raises(ValidationError, match="desconocido"):
        report_transition(report=_report(), to_status="perdido", note="x")


def test_figures_per_institution_with_median_and_share_on_time(django_assert_max_num_queries):
    category = CategoryFactory()
    hours = [2, 10, 30]
    for n, late in zip(hours, (False, False, True), strict=True):
        report = report_create(filing=Filing(category=category, address="x"))
        report_transition(report=report, to_status=ReportStatus.RESOLVED, note="Listo")
        closed = report.requested_at + dt.timedelta(hours=n)
        expected = closed - dt.timedelta(hours=1) if late else closed + dt.timedelta(hours=1)
        Report.objects.filter(pk=report.pk).update(closed_at=closed, expected_at=expected)
    report_create(filing=Filing(category=category, address="x"))  # still open
    from cocrea.reports.statistics import report_figures

    with django_assert_max_num_queries(2):
        [row] = report_figures(group="institution")
    assert (row["received"], row["closed"], row["within"]) == (4, 3, 2)
    assert row["median_hours"] == pytest.approx(10) and row["within_share"] == pytest.approx(2 / 3)
    page = Client().get("/reportes/estadisticas/").content.decode()
    assert category.institution.name in page and "67 %" in page and "10.0" in page


def test_a_municipal_governments_reports_count_in_its_municipality():
    from cocrea.core.models import Territory, TerritoryLevel
    from cocrea.core.tests.factories import state
    from cocrea.reports.statistics import report_figures

    tonala = Territory.objects.create(
        level=TerritoryLevel.MUNICIPALITY,
        name="Tonalá",
        inegi_code="14101",
        slug="tonala-jal",
        parent=state(),
    )
    municipal = CategoryFactory(institution=OrganizationFactory(territory=tonala))
    report_create(filing=Filing(category=municipal, address="x"))
    report_create(filing=Filing(category=CategoryFactory(), address="y"))  # a state agency
    rows = {row["name"]: row["received"] for row in report_figures(group="municipality")}
    assert rows == {"Tonalá": 1, None: 1}
    assert "Sin municipio" in Client().get("/reportes/estadisticas/").content.decode()
