"""The quarantined e-mail pages: who reviews it, adding it to a request, discarding it."""

import pytest
from django.urls import reverse

from cocrea.core.tests.factories import state
from cocrea.requests import inbound
from cocrea.requests.models import InboundStatus, RequestEvent
from cocrea.requests.tests.factories import ROLE_NAMES, request_roles

pytestmark = pytest.mark.django_db

RAW = (
    b"From: Unidad de Transparencia <ut@example.gob.mx>\r\n"
    b"To: solicitud-x@example.org\r\n"
    b"Subject: Respuesta a su solicitud\r\n"
    b"Content-Type: text/plain; charset=utf-8\r\n\r\n"
    b"Le enviamos la respuesta: no existe la informacion.\r\n"
)
REVIEWS = {"guarantor", "admin"}


def _quarantined(info_request=None):
    message = inbound.inbound_store(raw=RAW, mail_from="ut@example.gob.mx", rcpt_to="x@y.org")
    message.request = info_request
    message.reason = "Remitente no reconocido"
    message.save()
    return message


def _login(client, roles, role):
    user = roles.by_name(role)
    if user is not None:
        client.force_login(user)


@pytest.mark.parametrize("role", ROLE_NAMES)
def test_the_quarantine_list(client, role):
    roles = request_roles()
    _quarantined(roles.request)
    _login(client, roles, role)
    response = client.get("/solicitudes/correo/")
    if role == "anonymous":
        assert response.status_code == 302
    elif role in REVIEWS:
        assert response.status_code == 200
        assert "Respuesta a su solicitud" in response.content.decode()
    else:
        assert response.status_code == 403


def test_mail_for_no_request_is_for_the_admins_only(client):
    roles = request_roles()
    message = _quarantined()
    client.force_login(roles.guarantor)
    assert "Respuesta a su solicitud" not in client.get("/solicitudes/correo/").content.decode()
    url = reverse("requests:inbound_handle", args=[message.pk])
    assert client.get(url).status_code == 403
    client.force_login(roles.admin)
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("role", ROLE_NAMES)
def test_discarding_a_message(client, role):
    roles = request_roles()
    message = _quarantined(roles.request)
    url = reverse("requests:inbound_handle", args=[message.pk])
    _login(client, roles, role)
    response = client.post(url, {"action": "discard", "reason": "Publicidad"})
    message.refresh_from_db()
    if role in REVIEWS:
        assert response.status_code == 302
        assert message.status == InboundStatus.DISCARDED
    else:
        assert response.status_code == (302 if role == "anonymous" else 403)
        assert message.status == InboundStatus.QUARANTINED


def test_bad_input_on_a_message(client):
    roles = request_roles()
    message = _quarantined(roles.request)
    url = reverse("requests:inbound_handle", args=[message.pk])
    client.force_login(roles.admin)
    page = client.get(url)
    assert "no existe la informacion" in page.content.decode()
    other = request_roles()
    for data in (
        {"action": "discard", "reason": ""},
        {"action": "otra"},
        {"action": "release", "solicitud": "999999"},
    ):
        assert client.post(url, data).status_code == 400, data
    message.refresh_from_db()
    assert message.status == InboundStatus.QUARANTINED
    # A guarantor may not add it to a request it does not moderate (another state's).
    other.request.organization.territory = state("19")
    other.request.organization.save()
    client.force_login(roles.guarantor)
    response = client.post(url, {"action": "release", "solicitud": str(other.request.pk)})
    assert response.status_code == 400
    message.refresh_from_db()
    assert message.status == InboundStatus.QUARANTINED
    assert client.get("/solicitudes/correo/999999/").status_code == 404


def test_releasing_a_message_adds_it_to_the_request(client):
    roles = request_roles()
    message = _quarantined(roles.request)
    client.force_login(roles.guarantor)
    url = reverse("requests:inbound_handle", args=[message.pk])
    response = client.post(url, {"action": "release", "solicitud": str(roles.request.pk)})
    assert response.status_code == 302
    message.refresh_from_db()
    assert message.status == InboundStatus.RELEASED
    assert RequestEvent.objects.filter(request=roles.request, via_email=True).exists()
    # Reviewed once: a second try says so.
    assert client.post(url, {"action": "discard", "reason": "x"}).status_code == 400
