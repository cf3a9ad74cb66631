"""The public pages of requests, filing, following and moderation, per role and bad input."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from cocrea.core.tests.factories import OrganizationFactory, UserFactory
from cocrea.plans.models import Theme
from cocrea.requests.models import (
    Channel,
    EventKind,
    InformationRequest,
    InstitutionFollow,
    RequestEvent,
    RequestFollow,
    RequestRedaction,
    Side,
    Status,
    Visibility,
)
from cocrea.requests.tests.factories import (
    ROLE_NAMES,
    InformationRequestFactory,
    RequestEventFactory,
    TransparencyUnitFactory,
    general_profile,
    request_roles,
)

pytestmark = pytest.mark.django_db

LIST = "/solicitudes/"
SEES_PENDING = {"requester", "liaison", "guarantor", "admin"}
MODERATES = {"guarantor", "admin"}


def _client(client, roles, name):
    user = roles.by_name(name)
    if user is not None:
        client.force_login(user)
    return client


def _detail(request):
    return reverse("requests:request_detail", args=[request.pk])


# The public list


def test_the_list_shows_only_published_requests(client):
    public = InformationRequestFactory(title="Contratos publicados")
    InformationRequestFactory(title="Texto por moderar", visibility=Visibility.PENDING)
    InformationRequestFactory(title="Texto oculto", visibility=Visibility.HIDDEN)
    response = client.get(LIST)
    assert response.status_code == 200
    page = response.content.decode()
    assert public.title in page
    assert "Texto por moderar" not in page
    assert "Texto oculto" not in page
    assert public.requester.email not in page


def test_the_list_filters_and_searches(client):
    theme = Theme.objects.create(name="Salud", slug="salud")
    organization = OrganizationFactory(name="Secretaría de Salud")
    today = timezone.localdate()
    late = InformationRequestFactory(
        title="Medicinas surtidas",
        body="Recetas completas.",
        organization=organization,
        topic=theme,
        due_on=today - dt.timedelta(days=3),
    )
    answered = InformationRequestFactory(
        title="Plazas de médicos",
        body="Cuántas plazas hay.",
        status=Status.ANSWERED,
        due_on=today - dt.timedelta(days=3),
    )
    on_time = InformationRequestFactory(
        title="Obras del parque", body="Contratos de obra", due_on=today + dt.timedelta(days=5)
    )

    def titles(**params):
        page = client.get(LIST, params).content.decode()
        return {r.title for r in (late, answered, on_time) if r.title in page}

    assert titles() == {late.title, answered.title, on_time.title}
    assert titles(institucion=organization.slug) == {late.title}
    assert titles(estado=Status.ANSWERED) == {answered.title}
    assert titles(tema="salud") == {late.title}
    assert titles(retrasadas="1") == {late.title}
    assert titles(q="obra") == {on_time.title}
    assert titles(q="medicinas surtidas") == {late.title}
    # Unknown or malformed values are ignored or find nothing, never an error.
    assert titles(estado="no-existe", pagina="x") == {late.title, answered.title, on_time.title}
    assert titles(institucion="nadie") == set()
    assert client.get(LIST, {"q": "contratos " * 100}).status_code == 200
    assert client.get(LIST, {"q": "a\x00b"}).status_code == 400  # refused, never a 500


def test_the_list_labels_delayed_requests(client):
    today = timezone.localdate()
    InformationRequestFactory(due_on=today - dt.timedelta(days=2))
    InformationRequestFactory(
        due_on=today - dt.timedelta(days=40), long_overdue_on=today - dt.timedelta(days=5)
    )
    page = client.get(LIST).content.decode()
    assert "muy retrasada" in page
    assert page.count(">retrasada<") == 1


def test_the_list_pins_its_queries(client, django_assert_num_queries):
    theme = Theme.objects.create(name="Agua", slug="agua")
    for _ in range(3):
        InformationRequestFactory(topic=theme)
    # institutions of the filter, topics, the count and the page
    with django_assert_num_queries(4):
        assert client.get(LIST).status_code == 200
    late = timezone.localdate() - dt.timedelta(days=1)
    for _ in range(5):
        InformationRequestFactory(topic=theme, due_on=late)  # their text says "obra"
    with django_assert_num_queries(4):
        assert client.get(LIST, {"retrasadas": "1", "q": "obra"}).status_code == 200


# A request's page


@pytest.mark.parametrize("role", ROLE_NAMES)
def test_a_pending_request_is_seen_only_by_who_may(client, role):
    roles = request_roles(visibility=Visibility.PENDING)
    response = _client(client, roles, role).get(_detail(roles.request))
    if role in SEES_PENDING:
        assert response.status_code == 200
        assert "Pendiente de moderación" in response.content.decode()
    else:
        assert response.status_code == 404


def test_a_request_page_shows_its_correspondence_without_personal_data(client):
    roles = request_roles()
    request = roles.request
    referred = OrganizationFactory(name="Instituto Competente")
    RequestEventFactory(
        request=request,
        kind=EventKind.NOT_COMPETENT,
        side=Side.INSTITUTION,
        actor=roles.liaison,
        body="No somos competentes.",
        from_status=Status.WAITING,
        to_status=Status.NOT_COMPETENT,
        referred_to=referred,
        at=timezone.now(),
    )
    RequestEventFactory(
        request=request,
        kind=EventKind.MESSAGE,
        body="Mensaje con insultos",
        is_hidden=True,
        hidden_reason="Lenguaje ofensivo",
        at=timezone.now(),
    )
    page = client.get(_detail(request)).content.decode()
    assert request.pseudonym in page
    assert request.organization.name in page
    assert "No somos competentes." in page
    assert "Instituto Competente" in page
    assert "Lenguaje ofensivo" in page
    assert "Mensaje con insultos" not in page
    assert roles.requester.email not in page
    assert roles.liaison.email not in page


def test_the_clock_box_says_how_late(client):
    today = timezone.localdate()
    request = InformationRequestFactory(
        due_on=today - dt.timedelta(days=30), long_overdue_on=today - dt.timedelta(days=2)
    )
    page = client.get(_detail(request)).content.decode()
    assert "muy retrasada" in page
    assert "días hábiles de retraso" in page
    waiting = InformationRequestFactory(due_on=today + dt.timedelta(days=14))
    assert "Quedan" in client.get(_detail(waiting)).content.decode()


@pytest.mark.parametrize(
    ("role", "kinds"),
    [
        ("anonymous", set()),
        ("participant", set()),
        ("other_liaison", set()),
        ("requester", {"withdrawn", "message"}),
        ("liaison", {"clarification_requested", "extended", "answered", "not_competent"}),
        ("guarantor", set()),
        ("admin", {"answered", "not_competent"}),
    ],
)
def test_the_step_buttons_follow_the_role_and_the_status(client, role, kinds):
    roles = request_roles()
    page = _client(client, roles, role).get(_detail(roles.request)).content.decode()
    for kind in EventKind:
        url = reverse("requests:step_new", args=[roles.request.pk, kind.value])
        if kind.value in kinds:
            assert url in page, kind
    if not kinds:
        assert "/pasos/" not in page


def test_an_appeal_of_a_silence_is_offered_only_once_late(client):
    today = timezone.localdate()
    roles = request_roles(due_on=today + dt.timedelta(days=3))
    client.force_login(roles.requester)
    appeal = reverse("requests:step_new", args=[roles.request.pk, "appealed"])
    assert appeal not in client.get(_detail(roles.request)).content.decode()
    InformationRequest.objects.filter(pk=roles.request.pk).update(
        due_on=today - dt.timedelta(days=1)
    )
    assert appeal in client.get(_detail(roles.request)).content.decode()


def test_a_missing_request_is_a_404(client):
    assert client.get("/solicitudes/999999/").status_code == 404


# Filing


@pytest.mark.parametrize("url", ["/solicitudes/nueva/", "/solicitudes/registrar/"])
def test_anonymous_visitors_sign_in_to_file(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert "login" in response["Location"]
    assert client.post(url, {"title": "x"}).status_code == 302
    assert not InformationRequest.objects.exists()


def _filing_data(organization, **extra):
    return {
        "organization": organization.pk,
        "title": "Nómina de la Secretaría",
        "body": "Pido la nómina de 2025.",
        "topic": "",
        "pseudonym": "Solicitante 9F",
        **extra,
    }


def test_filing_a_request(client):
    general_profile()
    user, organization = UserFactory(), OrganizationFactory()
    client.force_login(user)
    form = client.get("/solicitudes/nueva/")
    assert form.status_code == 200
    assert "Solicitante " in form.content.decode()  # the suggested pseudonym
    response = client.post("/solicitudes/nueva/", _filing_data(organization))
    request = InformationRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _detail(request)
    assert (request.requester, request.visibility) == (user, Visibility.PENDING)
    assert request.events.get().kind == EventKind.FILED
    # The requester sees it with the banner; nobody else does yet.
    assert "Pendiente de moderación" in client.get(_detail(request)).content.decode()
    client.logout()
    assert client.get(_detail(request)).status_code == 404
    assert request.title not in client.get(LIST).content.decode()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"pseudonym": ""}, "pseudonym"),
        ({"title": ""}, "title"),
        ({"body": "x" * 8001}, "body"),
        ({"organization": "999999"}, "organization"),
        ({"organization": "abc"}, "organization"),
        ({"topic": "999999"}, "topic"),
    ],
)
def test_bad_filing_input_is_a_form_error(client, changes, field):
    general_profile()
    client.force_login(UserFactory())
    data = {**_filing_data(OrganizationFactory()), **changes}
    response = client.post("/solicitudes/nueva/", data)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not InformationRequest.objects.exists()


def test_recording_a_request_filed_on_the_national_platform(client):
    general_profile()
    client.force_login(UserFactory())
    organization = OrganizationFactory()
    filed_on = timezone.localdate() - dt.timedelta(days=5)
    data = _filing_data(organization, channel="pnt", folio="", filed_on=filed_on.isoformat())
    response = client.post("/solicitudes/registrar/", data)
    assert response.status_code == 400
    assert "folio" in response.context["form"].errors
    data["folio"] = "330024625000999"
    assert client.post("/solicitudes/registrar/", data).status_code == 302
    request = InformationRequest.objects.get()
    assert (request.channel, request.folio) == (Channel.PNT, "330024625000999")
    assert timezone.localtime(request.filed_at).date() == filed_on
    # The same folio again for the same body: a clear error, nothing written.
    response = client.post("/solicitudes/registrar/", data)
    assert response.status_code == 400
    assert "ya está registrado" in str(response.context["form"].errors["folio"])
    assert InformationRequest.objects.count() == 1
    # A date in the future, or not a date.
    future = (timezone.localdate() + dt.timedelta(days=3)).isoformat()
    for bad in (future, "ayer"):
        data = _filing_data(organization, channel="other", folio="", filed_on=bad)
        response = client.post("/solicitudes/registrar/", data)
        assert response.status_code == 400
        assert "filed_on" in response.context["form"].errors
    assert (
        client.post("/solicitudes/registrar/", {**data, "channel": "platform"}).status_code == 400
    )


def test_filing_is_rate_limited(client):
    general_profile()
    client.force_login(UserFactory())
    organization = OrganizationFactory()
    for n in range(10):
        data = _filing_data(organization, title=f"Solicitud {n}")
        assert client.post("/solicitudes/nueva/", data).status_code == 302
    response = client.post("/solicitudes/nueva/", _filing_data(organization))
    assert response.status_code == 429
    assert InformationRequest.objects.count() == 10


# Following


@pytest.mark.parametrize("role", ROLE_NAMES)
def test_following_a_request(client, role):
    roles = request_roles()
    url = reverse("requests:request_follow", args=[roles.request.pk])
    response = _client(client, roles, role).post(url)
    assert response.status_code == 302
    if role == "anonymous":
        assert "login" in response["Location"]
        assert not RequestFollow.objects.exists()
        return
    assert RequestFollow.objects.filter(user=roles.by_name(role)).count() == 1
    client.post(url)
    assert not RequestFollow.objects.exists()


def test_a_pending_request_cannot_be_followed_by_others(client):
    roles = request_roles(visibility=Visibility.PENDING)
    client.force_login(roles.participant)
    url = reverse("requests:request_follow", args=[roles.request.pk])
    assert client.post(url).status_code == 404
    assert client.get(url).status_code == 405
    assert not RequestFollow.objects.exists()


@pytest.mark.parametrize("role", ROLE_NAMES)
def test_following_an_institution(client, role):
    roles = request_roles()
    slug = roles.request.organization.slug
    url = reverse("requests:institution_follow", args=[slug])
    response = _client(client, roles, role).post(url)
    assert response.status_code == 302
    if role == "anonymous":
        assert not InstitutionFollow.objects.exists()
        return
    assert InstitutionFollow.objects.count() == 1
    client.post(url)
    assert not InstitutionFollow.objects.exists()
    assert client.post("/solicitudes/instituciones/nadie/seguir/").status_code == 404


# The JSON feed


def test_the_events_json_is_public_data_only(client):
    roles = request_roles()
    RequestEventFactory(
        request=roles.request,
        kind=EventKind.MESSAGE,
        body="Oculto",
        is_hidden=True,
        hidden_reason="Datos personales",
        at=timezone.now(),
    )
    url = reverse("requests:request_events_json", args=[roles.request.pk])
    response = client.get(url)
    assert response.status_code == 200
    data = response.json()
    assert data["user_name"] == roles.request.pseudonym
    assert data["public_body"]["url_name"] == roles.request.organization.slug
    kinds = [event["event_type"] for event in data["info_request_events"]]
    assert kinds == ["filed", "message"]
    hidden = data["info_request_events"][1]
    assert (hidden["body"], hidden["hidden_reason"]) == (None, "Datos personales")
    text = response.content.decode()
    assert roles.requester.email not in text
    assert "Oculto" not in text
    assert "mail_token" not in text and roles.request.mail_token not in text


@pytest.mark.parametrize("visibility", [Visibility.PENDING, Visibility.HIDDEN])
def test_the_events_json_of_an_unpublished_request_is_a_404(client, visibility):
    roles = request_roles(visibility=visibility)
    client.force_login(roles.requester)
    url = reverse("requests:request_events_json", args=[roles.request.pk])
    assert client.get(url).status_code == 404


# The institution's page


def test_the_institution_page(client, django_assert_num_queries):
    unit = TransparencyUnitFactory(email="ut@salud.gob.mx")
    organization = unit.organization
    for _ in range(3):
        InformationRequestFactory(organization=organization, title="Publicada")
    InformationRequestFactory(
        organization=organization, title="Sin moderar", visibility=Visibility.PENDING
    )
    url = reverse("requests:institution_detail", args=[organization.slug])
    # the body, its unit, the count, the page and the statistics (two)
    with django_assert_num_queries(6):
        response = client.get(url)
    page = response.content.decode()
    assert "ut@salud.gob.mx" in page
    assert page.count("Publicada") == 3
    assert "Sin moderar" not in page
    assert client.get("/solicitudes/instituciones/nadie/").status_code == 404


# Moderation


@pytest.mark.parametrize("role", ROLE_NAMES)
def test_the_moderation_queue(client, role):
    roles = request_roles(visibility=Visibility.PENDING, title="Por moderar")
    response = _client(client, roles, role).get("/solicitudes/moderacion/")
    if role == "anonymous":
        assert response.status_code == 302
    elif role in MODERATES:
        assert response.status_code == 200
        assert "Por moderar" in response.content.decode()
    else:
        assert response.status_code == 403


def test_a_guarantor_moderates_only_its_state(client):
    roles = request_roles(visibility=Visibility.PENDING, title="De Jalisco")
    from cocrea.core.tests.factories import state

    InformationRequestFactory(
        visibility=Visibility.PENDING,
        title="De Nuevo León",
        organization=OrganizationFactory(territory=state("19")),
    )
    client.force_login(roles.guarantor)
    page = client.get("/solicitudes/moderacion/").content.decode()
    assert "De Jalisco" in page
    assert "De Nuevo León" not in page


@pytest.mark.parametrize("role", ROLE_NAMES)
def test_publishing_a_request(client, role):
    roles = request_roles(visibility=Visibility.PENDING)
    url = reverse("requests:request_moderate", args=[roles.request.pk])
    response = _client(client, roles, role).post(url, {"action": "publish"})
    roles.request.refresh_from_db()
    if role in MODERATES:
        assert response.status_code == 302
        assert roles.request.visibility == Visibility.PUBLIC
    else:
        assert response.status_code == (302 if role == "anonymous" else 403)
        assert roles.request.visibility == Visibility.PENDING


def test_hiding_needs_a_reason(client):
    roles = request_roles()
    client.force_login(roles.admin)
    url = reverse("requests:request_moderate", args=[roles.request.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"action": "hide", "reason": ""}).status_code == 400
    assert client.post(url, {"action": "borrar"}).status_code == 400
    roles.request.refresh_from_db()
    assert roles.request.visibility == Visibility.PUBLIC
    assert client.post(url, {"action": "hide", "reason": "Spam"}).status_code == 302
    roles.request.refresh_from_db()
    assert (roles.request.visibility, roles.request.hidden_reason) == (Visibility.HIDDEN, "Spam")
    client.logout()
    assert client.get(_detail(roles.request)).status_code == 404


@pytest.mark.parametrize("role", ROLE_NAMES)
def test_redacting_a_passage(client, role):
    roles = request_roles(body="Soy María Ruiz y pido los contratos.")
    url = reverse("requests:request_redact", args=[roles.request.pk])
    data = {"target": "body", "passage": "María Ruiz", "reason": "Nombre"}
    response = _client(client, roles, role).post(url, data)
    roles.request.refresh_from_db()
    if role in MODERATES:
        assert response.status_code == 302
        assert roles.request.body == "Soy [testado] y pido los contratos."
        assert RequestRedaction.objects.get().original == "Soy María Ruiz y pido los contratos."
        public = client.get(_detail(roles.request)).content.decode()
        assert "María Ruiz" not in public
    else:
        assert response.status_code == (302 if role == "anonymous" else 403)
        assert "María Ruiz" in roles.request.body
        assert not RequestRedaction.objects.exists()


def test_redacting_an_event_and_bad_input(client):
    roles = request_roles()
    event = RequestEventFactory(
        request=roles.request,
        kind=EventKind.MESSAGE,
        body="Mi teléfono es 3311223344",
        at=timezone.now(),
    )
    client.force_login(roles.guarantor)
    url = reverse("requests:request_redact", args=[roles.request.pk])
    assert client.get(url).status_code == 200
    bad = [
        {"target": "body", "passage": "no está", "reason": "x"},
        {"target": "event-999999", "passage": "3311223344", "reason": "x"},
        {"target": f"event-{event.pk}", "passage": "3311223344", "reason": ""},
        {"target": "title", "passage": "", "reason": "x"},
    ]
    for data in bad:
        assert client.post(url, data).status_code == 400, data
    assert not RequestRedaction.objects.exists()
    data = {"target": f"event-{event.pk}", "passage": "3311223344", "reason": "Teléfono"}
    assert client.post(url, data).status_code == 302
    assert RequestEvent.objects.get(pk=event.pk).body == "Mi teléfono es [testado]"


def test_hiding_and_showing_one_message(client):
    roles = request_roles()
    event = RequestEventFactory(
        request=roles.request, kind=EventKind.MESSAGE, body="Insultos aquí", at=timezone.now()
    )
    url = reverse("requests:request_moderate", args=[roles.request.pk])
    client.force_login(roles.liaison)
    data = {"target": f"event-{event.pk}", "action": "hide", "reason": "Ofensivo"}
    assert client.post(url, data).status_code == 403
    client.force_login(roles.guarantor)
    assert client.post(url, {**data, "reason": ""}).status_code == 400
    assert client.post(url, {**data, "target": "event-999999"}).status_code == 400
    assert client.post(url, data).status_code == 302
    event.refresh_from_db()
    assert (event.is_hidden, event.hidden_reason) == (True, "Ofensivo")
    roles.request.refresh_from_db()
    assert roles.request.visibility == Visibility.PUBLIC
    client.logout()
    page = client.get(_detail(roles.request)).content.decode()
    assert "Insultos aquí" not in page and "Ofensivo" in page
    client.force_login(roles.admin)
    assert client.post(url, {**data, "action": "publish"}).status_code == 302
    event.refresh_from_db()
    assert not event.is_hidden


def test_a_request_page_pins_its_queries(client, django_assert_num_queries):
    request = InformationRequestFactory(due_on=timezone.localdate() + dt.timedelta(days=10))
    for _ in range(4):
        RequestEventFactory(request=request, kind=EventKind.MESSAGE, body="Hola")
    # the request, its events, their attachments, and the calendar of the clock box
    # (configured holidays, the body's days off, suspensions)
    with django_assert_num_queries(6):
        assert client.get(_detail(request)).status_code == 200
