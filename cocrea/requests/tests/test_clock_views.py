"""The timeline pages for every role: the public terms and suspensions, editing a law's terms,
declaring a suspension, a body's unit and days off; bad input is a clear 400 with nothing
written."""

import datetime as dt

import pytest
from django.urls import reverse

from cocrea.core.models import Territory
from cocrea.core.tests.factories import OrganizationFactory, UserFactory
from cocrea.requests.models import (
    InformationRequest,
    InstitutionDayOff,
    LegalProfile,
    LegalTerm,
    Step,
    Suspension,
    TransparencyUnit,
)
from cocrea.requests.tests.factories_clock import (
    admin,
    filed,
    guarantor_liaison,
    liaison_of,
    nation,
)

pytestmark = pytest.mark.django_db
D = dt.date
TIMELINE = reverse("requests:timeline")
SUSPENSIONS = reverse("requests:suspension_list")
NEW_SUSPENSION = reverse("requests:suspension_new")


def general() -> LegalProfile:
    return LegalProfile.objects.get(territory__isnull=True)


def jalisco() -> Territory:
    return Territory.objects.get(iso_code="MX-JAL")


@pytest.fixture
def body():
    return OrganizationFactory()


@pytest.fixture
def roles(body):
    """Each role's account (None: a visitor)."""
    requester = UserFactory()
    filed(D(2025, 6, 2), organization=body, requester=requester)
    state_guarantor, _ = guarantor_liaison()
    national_guarantor, _ = guarantor_liaison(nation())
    return {
        "anonymous": None,
        "participant": UserFactory(),
        "requester": requester,
        "other_liaison": liaison_of(OrganizationFactory()),
        "body_liaison": liaison_of(body),
        "guarantor": state_guarantor,
        "national_guarantor": national_guarantor,
        "admin": admin(),
    }


def as_(client, user):
    if user is not None:
        client.force_login(user)
    return client


# The public pages


def test_the_timeline_lists_each_law_with_its_terms_and_marks_the_unverified(
    client, django_assert_num_queries
):
    with django_assert_num_queries(3):  # profiles, their terms, the recent suspensions
        response = client.get(TIMELINE)
    assert response.status_code == 200
    text = response.content.decode()
    assert "Ley General de Transparencia y Acceso a la Información Pública (DOF 20-03-2025)" in text
    assert "https://www.diputados.gob.mx/LeyesBiblio/pdf/LGTAIP.pdf" in text
    assert "por verificar" in text and "LGTAIP 2015, art. 142" in text
    assert "Qué cuenta como día hábil" in text
    assert "Editar los plazos" not in text


def test_the_timeline_query_count_does_not_grow_with_suspensions(client, django_assert_num_queries):
    _, guarantor = guarantor_liaison()
    for n in range(5):
        Suspension.objects.create(
            declared_by=guarantor,
            organization=OrganizationFactory(),
            territory=jalisco(),
            starts_on=D(2025, 1, 1 + n),
            ends_on=D(2025, 1, 2 + n),
            reason=f"Motivo {n}",
        )
    with django_assert_num_queries(3):
        assert client.get(TIMELINE).status_code == 200
    with django_assert_num_queries(2):  # count, page
        response = client.get(SUSPENSIONS)
    assert response.status_code == 200 and "Motivo 4" in response.content.decode()


def test_the_suspension_list_is_public_and_paginated(client):
    response = client.get(SUSPENSIONS, {"pagina": "muchas"})
    assert response.status_code == 200
    assert "No hay suspensiones" in response.content.decode()


# Editing a law's terms


def term_data(profile: LegalProfile, reason="Revisión del DOF", **changes):
    own = {term.step: term for term in profile.terms.all()}
    data = {"plazos-TOTAL_FORMS": len(Step), "plazos-INITIAL_FORMS": len(Step), "reason": reason}
    for i, step in enumerate(Step):
        term = own.get(step)
        data[f"plazos-{i}-step"] = step.value
        data[f"plazos-{i}-working_days"] = term.working_days if term else ""
        data[f"plazos-{i}-article"] = term.article if term else ""
        data[f"plazos-{i}-quote"] = term.quote if term else ""
        if term and term.is_verified:
            data[f"plazos-{i}-is_verified"] = "on"
    data.update(changes)
    return data


@pytest.mark.parametrize(
    ("role", "jalisco_law", "general_law"),
    [
        ("anonymous", 302, 302),
        ("participant", 403, 403),
        ("requester", 403, 403),
        ("other_liaison", 403, 403),
        ("body_liaison", 403, 403),
        ("guarantor", 200, 403),
        ("national_guarantor", 200, 200),
        ("admin", 200, 200),
    ],
)
def test_who_edits_a_laws_terms(client, roles, role, jalisco_law, general_law):
    client = as_(client, roles[role])
    state_law = LegalProfile.objects.get(territory=jalisco())
    assert (
        client.get(reverse("requests:profile_edit", args=[state_law.pk])).status_code == jalisco_law
    )
    assert (
        client.get(reverse("requests:profile_edit", args=[general().pk])).status_code == general_law
    )
    before = LegalTerm.objects.get(profile=general(), step=Step.RESPONSE).working_days
    data = term_data(general(), **{"plazos-0-working_days": 15})
    client.post(reverse("requests:profile_edit", args=[general().pk]), data)
    after = LegalTerm.objects.get(profile=general(), step=Step.RESPONSE).working_days
    assert after == (15 if general_law == 200 else before)


def test_editing_terms_keeps_history_with_the_reason_and_moves_the_clocks(client, roles):
    client = as_(client, roles["admin"])
    request = InformationRequest.objects.get()
    data = term_data(general(), **{"plazos-0-working_days": 15, "plazos-0-is_verified": "on"})
    response = client.post(reverse("requests:profile_edit", args=[general().pk]), data, follow=True)
    assert response.redirect_chain[-1][0] == TIMELINE
    term = LegalTerm.objects.get(profile=general(), step=Step.RESPONSE)
    assert (term.working_days, term.is_verified) == (15, True)
    assert term.history.first().history_change_reason == "Revisión del DOF"
    assert InformationRequest.objects.get(pk=request.pk).due_on == D(2025, 6, 23)
    assert "Se recalcul" in response.content.decode()


def test_a_state_law_may_leave_a_step_to_the_general_law(client, roles):
    client = as_(client, roles["guarantor"])
    state_law = LegalProfile.objects.get(territory=jalisco())
    data = term_data(state_law, **{"plazos-0-working_days": ""})
    response = client.post(reverse("requests:profile_edit", args=[state_law.pk]), data)
    assert response.status_code == 302
    assert not state_law.terms.exists()


@pytest.mark.parametrize(
    "changes",
    [
        {"plazos-0-working_days": "-3"},
        {"plazos-0-working_days": "veinte"},
        {"plazos-0-working_days": ""},  # the general law needs every term
        {"plazos-0-step": "desconocido"},
        {"plazos-1-step": "response"},  # a step twice
        {"reason": ""},
        {"plazos-TOTAL_FORMS": "40"},
    ],
)
def test_bad_terms_are_a_400_and_nothing_changes(client, roles, changes):
    client = as_(client, roles["admin"])
    before = list(LegalTerm.objects.order_by("pk").values_list("working_days", "step"))
    response = client.post(
        reverse("requests:profile_edit", args=[general().pk]), term_data(general(), **changes)
    )
    assert response.status_code == 400
    assert list(LegalTerm.objects.order_by("pk").values_list("working_days", "step")) == before


def test_an_unknown_profile_is_a_404(client, roles):
    assert (
        as_(client, roles["admin"]).get(reverse("requests:profile_edit", args=[999999])).status_code
        == 404
    )


# Declaring a suspension


def suspension_data(declared_by, **changes):
    data = {
        "declared_by": declared_by.pk,
        "territory": jalisco().pk,
        "organization": "",
        "starts_on": "2025-06-09",
        "ends_on": "2025-06-13",
        "reason": "Falla de la Plataforma Nacional",
        "document_url": "https://example.org/acuerdo.pdf",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("participant", 403),
        ("requester", 403),
        ("other_liaison", 403),
        ("body_liaison", 403),
        ("guarantor", 200),
        ("national_guarantor", 200),
        ("admin", 200),
    ],
)
def test_who_declares_a_suspension(client, roles, role, status):
    assert as_(client, roles[role]).get(NEW_SUSPENSION).status_code == status


def test_a_guarantor_declares_a_suspension_and_the_clocks_in_scope_move(client, body):
    user, guarantor = guarantor_liaison()
    request = filed(D(2025, 6, 2), organization=body)
    elsewhere = filed(
        D(2025, 6, 2),
        organization=OrganizationFactory(territory=Territory.objects.get(inegi_code="01")),
    )
    for record in (request, elsewhere):
        InformationRequest.objects.filter(pk=record.pk).update(due_on=D(2025, 6, 30))
    response = as_(client, user).post(NEW_SUSPENSION, suspension_data(guarantor), follow=True)
    assert response.redirect_chain[-1][0] == SUSPENSIONS
    suspension = Suspension.objects.get()
    assert (suspension.declared_by, suspension.territory) == (guarantor, jalisco())
    assert InformationRequest.objects.get(pk=request.pk).due_on == D(2025, 7, 7)
    assert InformationRequest.objects.get(pk=elsewhere.pk).due_on == D(2025, 6, 30)
    assert "Se recalculó el plazo de 1 solicitud" in response.content.decode()


@pytest.mark.parametrize(
    "changes",
    [
        {"ends_on": "2025-06-01"},  # ends before it starts
        {"starts_on": "ayer"},
        {"reason": ""},
        {"territory": "999999"},
        {"document_url": "no es un enlace"},
    ],
)
def test_bad_suspensions_are_a_400_and_nothing_is_written(client, changes):
    user, guarantor = guarantor_liaison()
    response = as_(client, user).post(NEW_SUSPENSION, suspension_data(guarantor, **changes))
    assert response.status_code == 400
    assert not Suspension.objects.exists()


def test_a_guarantor_declares_only_in_its_own_name_and_scope(client):
    user, guarantor = guarantor_liaison()
    _, someone_elses = guarantor_liaison()
    client = as_(client, user)
    assert client.post(NEW_SUSPENSION, suspension_data(someone_elses)).status_code == 400
    other_state = Territory.objects.get(inegi_code="01")
    assert (
        client.post(
            NEW_SUSPENSION, suspension_data(guarantor, territory=other_state.pk)
        ).status_code
        == 400
    )
    assert client.post(NEW_SUSPENSION, suspension_data(guarantor, territory="")).status_code == 400
    assert not Suspension.objects.exists()


def test_a_national_guarantor_suspends_every_body(client, body):
    user, guarantor = guarantor_liaison(nation())
    request = filed(D(2025, 6, 2), organization=body)
    response = as_(client, user).post(NEW_SUSPENSION, suspension_data(guarantor, territory=""))
    assert response.status_code == 302
    assert InformationRequest.objects.get(pk=request.pk).due_on == D(2025, 7, 7)


# A body's unit


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("participant", 403),
        ("requester", 403),
        ("other_liaison", 403),
        ("body_liaison", 200),
        ("guarantor", 403),
        ("national_guarantor", 403),
        ("admin", 200),
    ],
)
def test_who_configures_a_unit(client, roles, body, role, status):
    client = as_(client, roles[role])
    url = reverse("requests:unit_edit", args=[body.slug])
    assert client.get(url).status_code == status
    client.post(url, {"email": "ut@example.gob.mx", "profile": general().pk})
    assert TransparencyUnit.objects.filter(organization=body).exists() == (status == 200)


def test_the_liaison_saves_the_unit(client, roles, body):
    client = as_(client, roles["body_liaison"])
    url = reverse("requests:unit_edit", args=[body.slug])
    data = {
        "email": "ut@example.gob.mx",
        "address": "Av. 1",
        "phone": "33",
        "hours": "9 a 15",
        "profile": general().pk,
    }
    assert client.post(url, data).status_code == 302
    unit = TransparencyUnit.objects.get(organization=body)
    assert (unit.email, unit.profile) == ("ut@example.gob.mx", general())
    data["phone"] = "34"
    assert client.post(url, data).status_code == 302
    assert TransparencyUnit.objects.get(organization=body).phone == "34"


@pytest.mark.parametrize("changes", [{"email": "no-es-correo"}, {"profile": "999999"}])
def test_bad_units_are_a_400(client, roles, body, changes):
    client = as_(client, roles["body_liaison"])
    data = {"email": "ut@example.gob.mx", **changes}
    assert client.post(reverse("requests:unit_edit", args=[body.slug]), data).status_code == 400
    assert not TransparencyUnit.objects.exists()


def test_an_unknown_body_is_a_404(client, roles):
    client = as_(client, roles["admin"])
    assert client.get(reverse("requests:unit_edit", args=["no-existe"])).status_code == 404
    assert client.get(reverse("requests:days_off", args=["no-existe"])).status_code == 404


# A body's days off


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("participant", 403),
        ("requester", 403),
        ("other_liaison", 403),
        ("body_liaison", 302),
        ("guarantor", 403),
        ("national_guarantor", 403),
        ("admin", 302),
    ],
)
def test_who_adds_days_off(client, roles, body, role, status):
    client = as_(client, roles[role])
    url = reverse("requests:days_off", args=[body.slug])
    response = client.post(url, {"action": "add", "date": "2025-06-10", "name": "Aniversario"})
    assert response.status_code == status
    assert InstitutionDayOff.objects.exists() == (role in ("body_liaison", "admin"))


def test_days_off_move_the_bodys_clocks_and_list_in_constant_queries(
    client, roles, body, django_assert_num_queries
):
    client = as_(client, roles["body_liaison"])
    url = reverse("requests:days_off", args=[body.slug])
    request = InformationRequest.objects.get(organization=body)
    response = client.post(url, {"action": "add", "date": "2025-06-10", "name": "Aniversario"})
    assert response.status_code == 302
    assert InformationRequest.objects.get(pk=request.pk).due_on == D(2025, 7, 1)
    for n in range(4):
        InstitutionDayOff.objects.create(organization=body, date=D(2025, 8, 1 + n), name=f"D{n}")
    client.get(url)
    with django_assert_num_queries(6):  # session, user, body, liaisons, count, page
        response = client.get(url)
    assert response.status_code == 200 and "Aniversario" in response.content.decode()
    day = InstitutionDayOff.objects.get(date=D(2025, 6, 10))
    assert client.post(url, {"action": "remove", "day_off": day.pk}).status_code == 302
    assert not InstitutionDayOff.objects.filter(pk=day.pk).exists()
    assert InformationRequest.objects.get(pk=request.pk).due_on == D(2025, 6, 30)


@pytest.mark.parametrize(
    "data",
    [
        {"action": "add", "date": "2025-06-10", "name": "Otra vez"},  # the same day twice
        {"action": "add", "date": "10/06/2025", "name": "Formato"},
        {"action": "add", "date": "2025-06-11", "name": ""},
        {"action": "remove", "day_off": "abc"},
        {"action": "remove", "day_off": "99999999999999999999"},
        {"action": "borrar"},
    ],
)
def test_bad_days_off_are_a_400(client, roles, body, data):
    InstitutionDayOff.objects.create(organization=body, date=D(2025, 6, 10), name="Aniversario")
    client = as_(client, roles["body_liaison"])
    response = client.post(reverse("requests:days_off", args=[body.slug]), data)
    assert response.status_code == 400
    assert list(InstitutionDayOff.objects.values_list("name", flat=True)) == ["Aniversario"]


def test_a_liaison_cannot_remove_another_bodys_day_off(client, roles, body):
    other = InstitutionDayOff.objects.create(
        organization=OrganizationFactory(), date=D(2025, 6, 10), name="Ajeno"
    )
    client = as_(client, roles["body_liaison"])
    url = reverse("requests:days_off", args=[body.slug])
    assert client.post(url, {"action": "remove", "day_off": other.pk}).status_code == 400
    assert InstitutionDayOff.objects.filter(pk=other.pk).exists()
