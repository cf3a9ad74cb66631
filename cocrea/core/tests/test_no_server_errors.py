"""No input a client can send gets a 500 (issue 16, item 3): each URL here crashed once.

Each answer is a refusal in the caller's own protocol (Open311's error list, CKAN's error
object) or, for an offset past any list, the count and no items.
"""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

HUGE = str(2**63)


@pytest.mark.parametrize("fmt", ["xml", "json"])
def test_a_nul_byte_as_open311_token_is_a_404_in_open311s_format(fmt):
    response = Client(raise_request_exception=False).get(f"/open311/v2/tokens/%00.{fmt}")
    assert response.status_code == 404
    assert "No existe ese token." in response.content.decode()


@pytest.mark.parametrize("name", ["start_date", "end_date"])
def test_a_well_formed_but_impossible_open311_date_is_a_400(name):
    url = f"/open311/v2/requests.json?{name}=2024-13-45T99:99:99Z"
    response = Client(raise_request_exception=False).get(url)
    assert response.status_code == 400
    assert "ISO 8601" in response.json()[0]["description"]


@pytest.mark.parametrize("path", ["/api/v1/commitments", "/api/v1/proposals", "/api/v1/reports"])
def test_an_offset_past_any_list_answers_no_items(path):
    response = Client(raise_request_exception=False).get(f"{path}?offset={HUGE}")
    assert response.status_code == 200 and response.json()["items"] == []


def test_a_ckan_start_past_any_catalogue_is_refused_in_ckans_words():
    url = f"/api/3/action/package_search?start={HUGE}"
    response = Client(raise_request_exception=False).get(url)
    body = response.json()
    assert response.status_code == 409 and body["success"] is False
    assert "start" in str(body["error"])


@pytest.mark.parametrize("path", ["/api/v1/findings?plan=", "/api/v1/plans?exercise="])
def test_a_filter_id_past_any_column_matches_nothing(path):
    response = Client(raise_request_exception=False).get(path + str(2**70))
    assert response.status_code == 200 and response.json() == {"items": [], "count": 0}


@pytest.mark.parametrize("path", ["/api/v1/dashboard?plan=", "/api/v1/assessments/"])
def test_a_number_past_any_column_is_never_a_server_error(path):
    response = Client(raise_request_exception=False).get(path + str(2**81))
    assert response.status_code in (200, 400, 404)
    assert (
        response.status_code != 400 or "mayor que cualquier" in response.json()["error"]["message"]
    )
