"""The step pages: who may take each side's step, and what bad input shows."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cocrea.core.tests.factories import OrganizationFactory
from cocrea.requests.models import EventKind, RequestEvent, Side, Status
from cocrea.requests.tests.factories_steps import PDF, ROLES, Cast, cast_make


def _url(cast: Cast, kind: str) -> str:
    return reverse("requests:step_new", args=[cast.request.pk, kind])


def _client(client, cast: Cast, role: str):
    user = cast.who(role)
    if user is not None:
        client.force_login(user)
    return client


# (kind, the request's status, the form's data, the roles that may take it)
CASES = {
    "institution": (
        EventKind.ANSWERED,
        Status.WAITING,
        {"body": "Se entrega la lista.", "delivery_format": "Archivo electrónico"},
        {"liaison", "admin"},
    ),
    "requester": (
        EventKind.WITHDRAWN,
        Status.WAITING,
        {"body": "Ya no la necesito."},
        {"requester"},
    ),
    "guarantor": (
        EventKind.APPEAL_RESOLVED,
        Status.UNDER_APPEAL,
        {"body": "Se revoca y se ordena entregar."},
        {"guarantor", "admin"},
    ),
    "message": (
        EventKind.MESSAGE,
        Status.WAITING,
        {"body": "Un mensaje."},
        {"requester", "liaison", "guarantor", "admin"},
    ),
}


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("role", ROLES)
def test_each_side_for_each_role(db, client, case, role):
    kind, status, data, allowed = CASES[case]
    cast = cast_make(status=status)
    client = _client(client, cast, role)
    page = client.get(_url(cast, kind))
    answer = client.post(_url(cast, kind), data)
    steps = RequestEvent.objects.filter(request=cast.request, kind=kind)
    if role == "anonymous":
        assert page.status_code == answer.status_code == 302
        assert "/accounts/login/" in page["Location"] or "login" in page["Location"]
        assert not steps.exists()
    elif role in allowed:
        assert page.status_code == 200
        assert "Qué significa este paso" in page.content.decode()
        assert answer.status_code == 302
        assert answer["Location"] == cast.request.get_absolute_url()
        assert steps.count() == 1
    else:
        assert page.status_code == answer.status_code == 403
        assert not steps.exists()


def test_the_side_of_a_message_is_the_writer_s(db, client):
    cast = cast_make()
    for role, side in [
        ("requester", Side.REQUESTER),
        ("liaison", Side.INSTITUTION),
        ("guarantor", Side.GUARANTOR),
        ("admin", Side.PLATFORM),
    ]:
        client.force_login(cast.who(role))
        client.post(_url(cast, "message"), {"body": f"De {role}."})
        assert RequestEvent.objects.get(body=f"De {role}.").side == side


@pytest.mark.parametrize("kind", ["desconocido", "filed"])
def test_unknown_kind_is_404(db, client, kind):
    cast = cast_make()
    client.force_login(cast.liaison)
    assert client.get(_url(cast, kind)).status_code == 404
    assert client.post(_url(cast, kind), {"body": "x"}).status_code == 404


def test_unknown_request_is_404(db, client):
    cast = cast_make()
    client.force_login(cast.admin)
    url = reverse("requests:step_new", args=[cast.request.pk + 1000, "answered"])
    assert client.get(url).status_code == 404


def _refused(client, cast: Cast, kind: str, data: dict[str, object], words: str) -> None:
    before = RequestEvent.objects.count()
    answer = client.post(_url(cast, kind), data)
    assert answer.status_code == 400
    assert words in answer.content.decode()
    assert RequestEvent.objects.count() == before
    cast.request.refresh_from_db()


def test_wrong_status_shows_why_and_refuses(db, client):
    cast = cast_make(status=Status.ANSWERED)
    client.force_login(cast.liaison)
    page = client.get(_url(cast, "extended"))
    assert page.status_code == 200
    assert "no procede mientras la solicitud está" in page.content.decode()
    assert "<form" not in page.content.decode().split("step-meaning")[-1]
    _refused(
        client,
        cast,
        "extended",
        {"body": "Razones.", "resolution": "CT/1/2025"},
        "no procede mientras la solicitud está",
    )


def test_missing_resolution_is_shown(db, client):
    cast = cast_make()
    client.force_login(cast.liaison)
    _refused(client, cast, "classified", {"body": "Reservada."}, "resolución del Comité")


def test_missing_referred_to_is_shown(db, client):
    cast = cast_make()
    client.force_login(cast.liaison)
    _refused(
        client, cast, "not_competent", {"body": "No es nuestra."}, "sujeto obligado competente"
    )
    other = OrganizationFactory()
    answer = client.post(_url(cast, "not_competent"), {"body": "x", "referred_to": other.pk})
    assert answer.status_code == 302
    assert RequestEvent.objects.get(kind=EventKind.NOT_COMPETENT).referred_to == other


def test_invalid_rating_is_shown(db, client):
    cast = cast_make(status=Status.ANSWERED)
    client.force_login(cast.requester)
    _refused(client, cast, "rated", {"rating": Status.WITHDRAWN}, "Elige qué fue la respuesta")
    answer = client.post(_url(cast, "rated"), {"rating": Status.ANSWERED_FULL})
    assert answer.status_code == 302
    cast.request.refresh_from_db()
    assert cast.request.status == Status.ANSWERED_FULL


def test_fake_pdf_is_shown(db, client):
    cast = cast_make()
    client.force_login(cast.liaison)
    fake = SimpleUploadedFile("respuesta.pdf", b"MZ\x90\x00 un ejecutable")
    _refused(client, cast, "answered", {"body": "Adjunto.", "files": [fake]}, "respuesta.pdf")


def test_too_big_a_file_is_shown(db, client, settings):
    settings.EVIDENCE_MAX_UPLOAD_MB = 1
    cast = cast_make()
    client.force_login(cast.liaison)
    big = SimpleUploadedFile("grande.pdf", PDF + b"0" * (1024 * 1024))
    _refused(client, cast, "answered", {"files": [big]}, "máximo es 1 MB")


def test_answer_with_files_is_kept(db, client):
    cast = cast_make()
    client.force_login(cast.liaison)
    files = [SimpleUploadedFile("a.pdf", PDF), SimpleUploadedFile("b.pdf", PDF)]
    answer = client.post(_url(cast, "answered"), {"files": files, "cost": "12.50"})
    assert answer.status_code == 302
    event = RequestEvent.objects.get(kind=EventKind.ANSWERED)
    assert event.attachments.count() == 2
    assert str(event.cost) == "12.50"


def test_the_form_explains_the_term(db, client):
    cast = cast_make()
    client.force_login(cast.liaison)
    page = client.get(_url(cast, "clarification_requested")).content.decode()
    assert "prevención" in page
    assert "10 días hábiles" in page  # the test timeline's term to clarify
