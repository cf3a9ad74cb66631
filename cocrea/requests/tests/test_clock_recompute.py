"""Each request's clock, replayed from its events against the law's terms, the days off and the
suspensions in its scope (June 2025 has no official holiday in Mexico)."""

import datetime as dt
import importlib
from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command

from cocrea.core.capabilities import Job
from cocrea.core.models import Territory
from cocrea.core.tests.factories import OrganizationFactory
from cocrea.core.worker import run
from cocrea.reports.models import Holiday
from cocrea.requests import clock, timeline_services
from cocrea.requests.models import (
    EventKind,
    InformationRequest,
    InstitutionDayOff,
    LegalProfile,
    LegalTerm,
    Status,
    Step,
    Suspension,
)
from cocrea.requests.profiles import profile_for, term_for
from cocrea.requests.tests.factories import GuarantorFactory, TransparencyUnitFactory
from cocrea.requests.tests.factories_clock import event, filed, nation, set_status

pytestmark = pytest.mark.django_db
D = dt.date
MONDAY = D(2025, 6, 2)
TUESDAY = D(2025, 6, 3)


def recomputed(request: InformationRequest, today: dt.date = TUESDAY) -> InformationRequest:
    clock.clock_recompute(request=request, today=today)
    return InformationRequest.objects.get(pk=request.pk)


def general() -> LegalProfile:
    return LegalProfile.objects.get(territory__isnull=True)


def jalisco() -> Territory:
    return Territory.objects.get(iso_code="MX-JAL")


def test_the_response_is_due_twenty_working_days_after_the_day_after_filing():
    request = recomputed(filed(MONDAY))
    assert request.due_on == D(2025, 6, 30)
    assert request.long_overdue_on == D(2025, 7, 28)
    assert request.clarification_due_on is None and request.appeal_due_on is None


def test_filed_on_a_saturday_counts_from_the_next_working_day():
    assert recomputed(filed(D(2025, 6, 7))).due_on == D(2025, 7, 7)


def test_a_clarification_stops_the_clock_and_its_answer_restarts_the_whole_term():
    request = filed(MONDAY)
    event(request, EventKind.CLARIFICATION_REQUESTED, D(2025, 6, 4), Status.CLARIFICATION)
    set_status(request, Status.CLARIFICATION)
    stopped = recomputed(request)
    assert stopped.due_on is None and stopped.long_overdue_on is None
    assert stopped.clarification_due_on == D(2025, 6, 18)
    event(request, EventKind.CLARIFICATION_ANSWERED, D(2025, 6, 10), Status.WAITING)
    set_status(request, Status.WAITING)
    restarted = recomputed(request)
    assert restarted.due_on == D(2025, 7, 8)
    assert restarted.clarification_due_on is None


def test_an_extension_adds_its_term_to_the_due_date():
    request = filed(MONDAY)
    event(request, EventKind.EXTENDED, D(2025, 6, 20), Status.EXTENDED)
    set_status(request, Status.EXTENDED)
    request = recomputed(request)
    assert request.due_on == D(2025, 7, 14)
    assert request.long_overdue_on == clock.add_working_days(
        D(2025, 7, 14), 20, lambda d: d.weekday() >= 5
    )


def test_an_answer_starts_the_appeal_term_and_ends_the_overdue_clock():
    request = filed(MONDAY)
    event(request, EventKind.ANSWERED, D(2025, 6, 20), Status.ANSWERED)
    set_status(request, Status.ANSWERED)
    request = recomputed(request)
    assert request.appeal_due_on == D(2025, 7, 11)
    assert request.long_overdue_on is None
    assert not clock.is_delayed(request, D(2025, 12, 1))


def test_a_silence_opens_the_appeal_term_from_the_deadline_once_past_it():
    request = filed(MONDAY)
    assert recomputed(request, today=D(2025, 6, 30)).appeal_due_on is None
    late = recomputed(request, today=D(2025, 7, 1))
    assert late.appeal_due_on == D(2025, 7, 21)
    assert clock.is_delayed(late, D(2025, 7, 1)) and not clock.is_delayed(late, D(2025, 6, 30))
    assert not clock.is_long_overdue(late, D(2025, 7, 28))
    assert clock.is_long_overdue(late, D(2025, 7, 29))


def test_days_off_of_the_institution_and_its_state_count_but_not_another_states():
    body = OrganizationFactory()
    InstitutionDayOff.objects.create(organization=body, date=D(2025, 6, 10), name="Aniversario")
    Holiday.objects.create(date=D(2025, 6, 11), name="Día estatal", territory=jalisco())
    Holiday.objects.create(
        date=D(2025, 6, 12), name="Otro estado", territory=Territory.objects.get(inegi_code="01")
    )
    other = filed(MONDAY)
    assert recomputed(filed(MONDAY, organization=body)).due_on == D(2025, 7, 2)
    assert recomputed(other).due_on == D(2025, 7, 1)  # only Jalisco's day


@pytest.mark.parametrize(
    ("scope", "applies"),
    [("body", True), ("state", True), ("other_state", False), ("nation", False), ("all", True)],
)
def test_suspensions_stop_the_clocks_in_their_scope(scope, applies):
    body = OrganizationFactory()
    scopes: dict[str, dict[str, Any]] = {
        "body": {"organization": body},
        "state": {"territory": jalisco()},
        "other_state": {"territory": Territory.objects.get(inegi_code="01")},
        "nation": {"territory": nation()},
        "all": {},
    }
    where = scopes[scope]
    Suspension.objects.create(
        declared_by=GuarantorFactory(),
        starts_on=D(2025, 6, 9),
        ends_on=D(2025, 6, 13),
        reason="Falla del sistema",
        **where,
    )
    due = recomputed(filed(MONDAY, organization=body)).due_on
    assert due == (D(2025, 7, 7) if applies else D(2025, 6, 30))


def test_a_national_suspension_stops_federal_bodies():
    federal = OrganizationFactory(territory=nation())
    Suspension.objects.create(
        declared_by=GuarantorFactory(territory=nation()),
        territory=nation(),
        starts_on=D(2025, 6, 9),
        ends_on=D(2025, 6, 13),
        reason="Transición",
    )
    assert recomputed(filed(MONDAY, organization=federal)).due_on == D(2025, 7, 7)


def test_a_suspension_spanning_the_year_end():
    Suspension.objects.create(
        declared_by=GuarantorFactory(),
        starts_on=D(2025, 12, 15),
        ends_on=D(2026, 1, 16),
        reason="Vacaciones",
    )
    request = recomputed(filed(D(2025, 12, 12)), today=D(2025, 12, 12))
    # Counting resumes on Monday 2026-01-19: 20 working days (Feb 2 is a holiday).
    assert request.due_on == D(2026, 2, 16)


def test_a_state_law_uses_its_own_response_term_and_the_general_law_for_the_rest():
    state_law = LegalProfile.objects.get(territory=jalisco())
    request = recomputed(filed(MONDAY, profile=state_law))
    assert request.due_on == D(2025, 6, 12)
    assert request.long_overdue_on == D(2025, 7, 10)


def test_only_the_clock_fields_are_saved(django_assert_max_num_queries):
    request = filed(MONDAY)
    request.title = "No se guarda"
    clock.clock_recompute(request=request, today=MONDAY)
    assert InformationRequest.objects.get(pk=request.pk).title != "No se guarda"


def test_profile_for_prefers_the_units_choice_then_the_state_then_the_general_law():
    body = OrganizationFactory()
    assert profile_for(body) == LegalProfile.objects.get(territory=jalisco())
    federal = OrganizationFactory(territory=nation())
    assert profile_for(federal) == general()
    TransparencyUnitFactory(organization=body, profile=general())
    assert profile_for(body) == general()
    municipal = OrganizationFactory(territory=Territory.objects.get(inegi_code="01"))
    assert profile_for(municipal) == general()


def test_term_for_falls_back_to_the_general_law():
    state_law = LegalProfile.objects.get(territory=jalisco())
    assert term_for(state_law, Step.RESPONSE).working_days == 8
    assert term_for(state_law, Step.APPEAL).profile == general()
    with pytest.raises(LegalTerm.DoesNotExist):
        LegalTerm.objects.filter(step=Step.APPEAL).delete()
        term_for(state_law, Step.APPEAL)


def test_recompute_all_skips_closed_requests_and_reads_in_constant_queries(
    django_assert_num_queries,
):
    open_ones = [filed(MONDAY) for _ in range(3)]
    closed = filed(MONDAY, status=Status.WITHDRAWN)
    # requests, their events, the days off (holidays, institution, suspensions), the terms,
    # and one bulk update.
    with django_assert_num_queries(7):
        changed = timeline_services.clocks_recompute_all(today=MONDAY)
    assert changed == 3
    assert all(InformationRequest.objects.get(pk=r.pk).due_on for r in open_ones)
    assert InformationRequest.objects.get(pk=closed.pk).due_on is None
    for _ in range(5):
        filed(MONDAY)
    InformationRequest.objects.update(due_on=None)
    with django_assert_num_queries(7):
        assert timeline_services.clocks_recompute_all(today=MONDAY) == 8


def test_recompute_all_since_a_date_leaves_earlier_clocks():
    old = recomputed(filed(D(2025, 1, 6)))
    new = filed(MONDAY)
    changed = timeline_services.clocks_recompute_all(since=D(2025, 6, 1), today=MONDAY)
    assert changed == 1
    assert InformationRequest.objects.get(pk=new.pk).due_on == D(2025, 6, 30)
    assert InformationRequest.objects.get(pk=old.pk).due_on == old.due_on


def test_the_nightly_job_is_a_management_command_that_recomputes():
    request = filed(MONDAY)
    assert run(Job("requests_recompute_clocks", "cron", {"hour": 0}, "prueba"))
    assert InformationRequest.objects.get(pk=request.pk).due_on is not None


def test_the_defaults_are_shipped_and_loading_them_again_keeps_edits():
    law = general()
    assert law.law_url == "https://www.diputados.gob.mx/LeyesBiblio/pdf/LGTAIP.pdf"
    assert law.in_force_since == D(2025, 3, 21)
    terms = {term.step: term for term in law.terms.all()}
    assert len(terms) == len(Step)
    assert terms[Step.RESPONSE].working_days == 20
    assert "art. 132" in terms[Step.RESPONSE].article
    assert not terms[Step.RESPONSE].is_verified
    assert terms[Step.LONG_OVERDUE].is_verified and not terms[Step.LONG_OVERDUE].article
    LegalTerm.objects.filter(profile=law, step=Step.RESPONSE).update(working_days=15)
    LegalTerm.objects.filter(profile=law, step=Step.APPEAL).delete()
    call_command("load_legal_profiles", verbosity=0)
    terms = {term.step: term for term in law.terms.all()}
    assert terms[Step.RESPONSE].working_days == 15 and terms[Step.APPEAL].working_days == 15
    assert LegalProfile.objects.count() == 2


def test_the_migration_unloads_unused_profiles_and_loads_them_again():
    migration = importlib.import_module("cocrea.requests.migrations.0002_legal_profiles")
    used = filed(MONDAY)
    migration.unload_profiles(apps, None)
    assert list(LegalProfile.objects.all()) == [used.profile]  # in use: kept
    migration.load_profiles(apps, None)
    assert LegalProfile.objects.count() == 2
