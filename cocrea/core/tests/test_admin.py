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
]


@pytest.mark.parametrize("url", PAGES)
def test_admin_pages_open_for_platform_admins_only(roles, url):
    assert client_for(roles.admin).get(url).status_code == 200
    assert client_for(roles.coordinator).get(url).status_code == 302
