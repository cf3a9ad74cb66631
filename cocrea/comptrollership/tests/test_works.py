import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from cocrea.comptrollership.models import Committee, Inspection, PublicWork
from cocrea.core.models import OrganizationMembership
from cocrea.core.tests.factories import UserFactory
from cocrea.core.tests.helpers import streamed
from cocrea.reports.models import Photo
from cocrea.reports.tests.test_photos import assert_clean, upload

pytestmark = pytest.mark.django_db
WORK = {
    "name": "Rehabilitación del mercado",
    "budget": "800000",
    "contractor": "Constructora Ejemplo",
    "starts_on": "2026-01-10",
    "ends_on": "2026-09-30",
    "progress": "20",
}


def _client(user):
    client = Client()
    if user:
        client.force_login(user)
    return client


def _institution(user):
    return OrganizationMembership.objects.get(user=user).organization


@pytest.fixture
def work(roles):
    work = PublicWork.objects.create(name="Mercado", institution=_institution(roles.liaison))
    recorder = UserFactory(email="vecina@example.org")
    committee = Committee.objects.create(public_work=work, name="Comité del mercado", members=6)
    committee.recorders.add(recorder)
    # The tests reach the committee and its recorder through the work.
    work.recorder = recorder  # type: ignore[attr-defined]
    work.committee = committee  # type: ignore[attr-defined]
    return work


def test_registering_a_work_by_role(roles):
    url = "/contraloria-social/obras/nueva/"
    assert _client(None).get(url).status_code == 302  # to sign in
    for user in (roles.participant, roles.coordinator, roles.secretariat):
        assert _client(user).post(url, WORK).status_code == 403
    own = _institution(roles.liaison)
    # Another institution's liaison cannot register a work in our name.
    refused = _client(roles.other_liaison).post(url, {**WORK, "institution": own.pk})
    assert refused.status_code == 400 and not PublicWork.objects.exists()
    for user in (roles.liaison, roles.admin):
        response = _client(user).post(url, {**WORK, "institution": own.pk})
        assert response.status_code == 302, response.content
    work = PublicWork.objects.first()
    assert work is not None
    assert work.institution == own and work.history.first().history_user in (
        roles.liaison,
        roles.admin,
    )
    page = Client().get(response["Location"]).content.decode()
    assert "Rehabilitación del mercado" in page and "Constructora Ejemplo" in page


def test_editing_a_work_by_role(roles, work):
    url = f"/contraloria-social/obras/{work.pk}/editar/"
    data = {**WORK, "institution": work.institution_id, "progress": "55"}
    assert _client(None).post(url, data).status_code == 302
    assert "/cuentas/" in _client(None).post(url, data)["Location"]
    for user in (roles.participant, roles.other_liaison, roles.coordinator, work.recorder):
        assert _client(user).post(url, data).status_code == 403
    for user in (roles.liaison, roles.admin):
        assert _client(user).post(url, data).status_code == 302
    work.refresh_from_db()
    assert work.progress == 55
    assert _client(roles.admin).get("/contraloria-social/obras/999/editar/").status_code == 404


@pytest.mark.parametrize(
    "change, says",
    [
        ({"ends_on": "2025-12-31"}, "El término es anterior al inicio"),
        ({"progress": "150"}, "menor o igual que 100"),
        ({"budget": "-5"}, "no puede ser negativo"),
        ({"name": ""}, "obligatorio"),
    ],
)
def test_bad_works_are_shown_again_with_the_error(roles, work, change, says):
    url = f"/contraloria-social/obras/{work.pk}/editar/"
    data = {**WORK, "institution": work.institution_id, **change}
    response = _client(roles.liaison).post(url, data)
    assert response.status_code == 400 and says in response.content.decode()
    work.refresh_from_db()
    assert work.name == "Mercado"


def test_committees_by_role_with_private_recorders(roles, work):
    url = f"/contraloria-social/obras/{work.pk}/comites/nuevo/"
    data = {"name": "Comité norte", "members": "4", "trained_on": "2026-02-01"}
    data |= {"commitment_letter_signed": "on", "citizen_comptrollers": "1"}
    for user in (roles.participant, roles.other_liaison, roles.coordinator, work.recorder):
        assert _client(user).post(url, data).status_code == 403
    unknown = _client(roles.liaison).post(url, {**data, "recorder_emails": "nadie@example.org"})
    assert unknown.status_code == 400 and "nadie@example.org" in unknown.content.decode()
    assert Committee.objects.count() == 1
    emails = "Vecina@Example.org\n" + roles.participant.email
    assert _client(roles.liaison).post(url, {**data, "recorder_emails": emails}).status_code == 302
    committee = Committee.objects.get(name="Comité norte")
    assert set(committee.recorders.all()) == {work.recorder, roles.participant}
    page = Client().get(f"/contraloria-social/obras/{work.pk}/").content.decode()
    assert "Comité norte" in page and "vecina@example.org" not in page.lower()
    edit = f"/contraloria-social/obras/{work.pk}/comites/{committee.pk}/"
    assert "vecina@example.org" in _client(roles.admin).get(edit).content.decode()
    too_many = {**data, "members": "1", "citizen_comptrollers": "3"}
    assert _client(roles.admin).post(edit, too_many).status_code == 400
    other = PublicWork.objects.create(name="Otra", institution=work.institution)
    wrong = f"/contraloria-social/obras/{other.pk}/comites/{committee.pk}/"
    assert _client(roles.admin).get(wrong).status_code == 404


def _sheet(work, **change):
    data = {"committee": work.committee.pk, "held_on": "2026-05-04", "findings": "Sin techo"}
    return {**data, "progress_observed": "30", **change}


def test_inspection_sheets_by_role_with_clean_photos(roles, work):
    url = f"/contraloria-social/obras/{work.pk}/cedulas/nueva/"
    assert _client(None).post(url, _sheet(work)).status_code == 302
    for user in (roles.participant, roles.other_liaison, roles.coordinator):
        assert _client(user).post(url, _sheet(work)).status_code == 403
    assert not Inspection.objects.exists()
    with_photos = _sheet(work, photos=[upload(), upload()])
    assert _client(work.recorder).post(url, with_photos).status_code == 302
    for user in (roles.liaison, roles.admin):
        assert _client(user).post(url, _sheet(work)).status_code == 302
    sheet = Inspection.objects.filter(photos__isnull=False).distinct().get()
    assert sheet.history.first().history_user == work.recorder
    photo = Photo.objects.filter(inspection=sheet).first()
    assert photo is not None
    assert_clean(streamed(Client().get(photo.url)))
    page = Client().get(f"/contraloria-social/obras/{work.pk}/").content.decode()
    assert "Sin techo" in page and photo.url in page


@pytest.mark.parametrize(
    "change, says",
    [
        ({"held_on": (timezone.localdate() + dt.timedelta(days=5)).isoformat()}, "en el futuro"),
        ({"progress_observed": "101"}, "menor o igual que 100"),
        ({"findings": ""}, "obligatorio"),
        ({"photos": [upload(b"no es foto")]}, "no es de un tipo"),
    ],
)
def test_bad_inspection_sheets_are_refused_whole(roles, work, change, says):
    url = f"/contraloria-social/obras/{work.pk}/cedulas/nueva/"
    response = _client(work.recorder).post(url, _sheet(work, **change))
    assert response.status_code == 400 and says in response.content.decode()
    assert not Inspection.objects.exists() and not Photo.objects.exists()


def test_a_recorder_files_only_for_their_own_committee(roles, work):
    other = Committee.objects.create(public_work=work, name="Comité sur", members=3)
    url = f"/contraloria-social/obras/{work.pk}/cedulas/nueva/"
    response = _client(work.recorder).post(url, _sheet(work, committee=other.pk))
    assert response.status_code == 400 and not Inspection.objects.exists()
    elsewhere = PublicWork.objects.create(name="Otra obra", institution=work.institution)
    assert (
        _client(work.recorder)
        .post(f"/contraloria-social/obras/{elsewhere.pk}/cedulas/nueva/", _sheet(work))
        .status_code
        == 403
    )


def test_work_page_with_photos_pins_its_queries(roles, work, django_assert_max_num_queries):
    url = f"/contraloria-social/obras/{work.pk}/cedulas/nueva/"
    for _ in range(3):
        _client(roles.liaison).post(url, _sheet(work, photos=[upload()]))
    with django_assert_max_num_queries(8):
        response = Client().get(f"/contraloria-social/obras/{work.pk}/")
    assert response.content.decode().count("/fotos/") == 6  # link and image of each photo


def test_the_forms_about_a_work_name_it_and_go_back_to_its_page(roles, work):
    page = f"/contraloria-social/obras/{work.pk}/"
    for path, title in (
        ("editar/", "Editar la obra"),
        ("comites/nuevo/", "Comité de contraloría social"),
    ):
        body = _client(roles.liaison).get(page + path).content.decode()
        assert f"<title>{title} · Mercado" in body, path
        assert '<span class="form-subject">Mercado</span></h1>' in body
        assert f'<li><a href="{page}">Mercado</a></li>' in body
        assert f'<a href="{page}">Cancelar</a>' in body
    new = _client(roles.liaison).get("/contraloria-social/obras/nueva/").content.decode()
    assert '<a href="/contraloria-social/">Cancelar</a>' in new
