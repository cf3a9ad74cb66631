"""Who may do what with a work, by the permissions' names in this app, and an inspection photo
hidden by moderation (reports' photo pipeline) leads back to its work's page."""

import pytest
from django.test import Client

from cocrea.comptrollership import services
from cocrea.comptrollership.tests.factories import (
    CommitteeFactory,
    InspectionFactory,
    PublicWorkFactory,
)
from cocrea.core.models import OrganizationMembership
from cocrea.core.tests.factories import UserFactory
from cocrea.reports.photos import photo_clean
from cocrea.reports.tests.test_photos import upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def work(roles):
    own = OrganizationMembership.objects.get(user=roles.liaison).organization
    return PublicWorkFactory(institution=own)


def test_liaisons_edit_their_works_and_recorders_file_sheets(roles, work):
    recorder = UserFactory()
    CommitteeFactory(public_work=work).recorders.add(recorder)
    assert roles.liaison.has_perm("comptrollership.add_work")
    assert not roles.participant.has_perm("comptrollership.add_work")
    for user in (roles.liaison, roles.admin):
        assert user.has_perm("comptrollership.change_work", work)
        assert user.has_perm("comptrollership.add_inspection", work)
    assert recorder.has_perm("comptrollership.add_inspection", work)
    assert not recorder.has_perm("comptrollership.change_work", work)
    for user in (roles.other_liaison, roles.participant, roles.coordinator):
        assert not user.has_perm("comptrollership.change_work", work)
        assert not user.has_perm("comptrollership.add_inspection", work)


def test_an_inspection_factory_sheet_belongs_to_its_committees_work():
    sheet = InspectionFactory()
    assert sheet.public_work == sheet.committee.public_work


def test_a_hidden_inspection_photo_leads_back_to_its_work(roles, work):
    committee = CommitteeFactory(public_work=work)
    sheet = services.inspection_create(
        actor=roles.liaison,
        work=work,
        committee=committee,
        held_on=work.starts_on,
        findings="Se ve una placa",
        photos=[photo_clean(upload())],
    )
    photo = sheet.photos.get()
    client = Client()
    client.force_login(roles.admin)
    response = client.post(f"/fotos/{photo.pk}/ocultar/", {"reason": "Se ve una placa"})
    assert response.status_code == 302 and response["Location"] == work.get_absolute_url()
    photo.refresh_from_db()
    assert photo.hidden_at is not None
    assert Client().get(photo.url).status_code == 404
