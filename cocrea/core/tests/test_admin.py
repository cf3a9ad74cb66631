import pytest

from cocrea.core.tests.helpers import client_for

pytestmark = pytest.mark.django_db

PAGES = [
    "/admin/",
    "/admin/core/territory/",
    "/admin/core/organization/",
    "/admin/core/user/",
    "/admin/core/organizationmembership/",
    "/admin/exercises/exercise/",
    "/admin/exercises/exercisemembership/",
    "/admin/exercises/secretariat/",
    "/admin/exercises/secretariatmember/",
    "/admin/exercises/secretariatsession/",
    "/admin/exercises/programcut/",
    "/admin/core/apikey/",
    "/admin/plans/theme/",
    "/admin/plans/actionplan/",
    "/admin/plans/commitment/",
    "/admin/plans/milestone/",
    "/admin/plans/evidence/",
    "/admin/plans/sustainabledevelopmentgoal/",
]


@pytest.mark.parametrize("url", PAGES)
def test_admin_pages_open_for_platform_admins_only(roles, url):
    assert client_for(roles.admin).get(url).status_code == 200
    assert client_for(roles.coordinator).get(url).status_code == 302


def test_admin_creates_an_api_key_and_shows_it_once(roles):
    from cocrea.core.models import ApiKey
    from cocrea.core.tests.factories import OrganizationFactory

    organization = OrganizationFactory()
    client = client_for(roles.admin)
    response = client.post(
        "/admin/core/apikey/add/",
        {"organization": organization.pk, "name": "Sistema municipal"},
        follow=True,
    )
    body = response.content.decode()
    assert "Llave de API: cocrea_" in body
    key = ApiKey.objects.get()
    assert key.prefix in body and key.digest not in body
