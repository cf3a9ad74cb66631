"""The lawmaking API: read-only and public; hidden contributions and unpublished versions never
appear (they answer like ids that do not exist), and no output names who contributed."""

from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from cocrea.core.tests.factories import UserFactory
from cocrea.exercises.tests.factories import ExerciseFactory
from cocrea.lawmaking.models import AnswerStatus, Contribution, PhaseKind
from cocrea.lawmaking.tests.factories import (
    ContributionFactory,
    PhaseFactory,
    UnitFactory,
    VersionFactory,
    process_with_text,
)

pytestmark = pytest.mark.django_db
API = "/api/v1"


@pytest.fixture
def world():
    exercise = ExerciseFactory(slug="jalisco-leyes")
    process, first = process_with_text(articles=3, exercise=exercise, highlight_supports=2)
    PhaseFactory(process=process, kind=PhaseKind.INFORMATION)
    draft = VersionFactory(process=process, number=2, label="Borrador", published_at=None)
    UnitFactory(version=draft, position=1, key="articulo-1", heading="Artículo secreto 1")
    third = VersionFactory(process=process, number=3, label="Dictamen", is_dictamen=True)
    author = UserFactory(
        email="autora.privada@example.org", first_name="Ana", last_name="Escondida", public_name=""
    )
    article = first.units.get(key="articulo-1")
    taken = ContributionFactory(
        unit=article,
        author=author,
        support_count=2,
        status=AnswerStatus.INCORPORATED,
        answer="Se incorporó.",
        answered_at=timezone.now(),
        incorporated_in=third,
    )
    drafted = ContributionFactory(
        unit=article, author=author, status=AnswerStatus.PARTLY, incorporated_in=draft
    )
    other = ContributionFactory(unit=first.units.get(key="articulo-2"), author=author)
    hidden = ContributionFactory(
        unit=article, author=author, is_hidden=True, hidden_reason="Insultos", body="Ofensiva"
    )
    return process, author, taken, drafted, other, hidden


def _get(url: str, **query: Any) -> Any:
    response = Client().get(API + url, query)
    assert response.status_code == 200, response.content
    return response.json()


def _assert_private(body: str, author) -> None:
    for secret in (author.email, author.first_name, author.last_name, "Insultos", "Ofensiva"):
        assert secret not in body
    assert '"author' not in body and '"answered_by' not in body


def test_processes_list_with_visible_counts_and_filters(world):
    process, *_ = world
    data = _get("/legislative-processes")
    assert data["count"] == 1
    item = data["items"][0]
    assert item["slug"] == process.slug and item["exercise"]["slug"] == "jalisco-leyes"
    assert item["congress"]["slug"] == process.congress.slug
    assert item["contribution_count"] == 3  # the hidden one does not count
    assert item["version_count"] == 2  # the unpublished draft does not count
    assert _get("/legislative-processes", exercise="jalisco-leyes")["count"] == 1
    assert _get("/legislative-processes", exercise="otro")["count"] == 0
    assert _get("/legislative-processes", congress=process.congress.slug)["count"] == 1
    assert _get("/legislative-processes", congress="nadie")["count"] == 0


def test_a_process_shows_phases_published_versions_and_answer_figures(world):
    process, author, *_ = world
    response = Client().get(f"{API}/legislative-processes/{process.pk}")
    data = response.json()
    assert [v["number"] for v in data["versions"]] == [1, 3]
    assert data["versions"][1]["is_dictamen"] and data["versions"][1]["incorporated_count"] == 1
    assert data["versions"][1]["url"] == f"/leyes/{process.slug}/versiones/3/"
    assert {p["kind"] for p in data["phases"]} == {"contributions", "information"}
    assert data["figures"] == {
        "total": 3,
        "answered": 2,
        "incorporated": 1,
        "partly": 1,
        "not_incorporated": 0,
    }
    assert "Borrador" not in response.content.decode()
    _assert_private(response.content.decode(), author)


def test_versions_and_their_text_are_published_ones_only(world):
    process, *_ = world
    base = f"/legislative-processes/{process.pk}/versions"
    versions = _get(base)
    assert versions["count"] == 2 and [v["label"] for v in versions["items"]] == [
        "Iniciativa",
        "Dictamen",
    ]
    units = _get(f"{base}/1/units", limit=2)
    assert units["count"] == 4  # the exposición de motivos and three articles
    assert [u["key"] for u in units["items"]] == ["exposicion-de-motivos", "articulo-1"]
    assert units["items"][1]["url"] == f"/leyes/{process.slug}/versiones/1/articulo-1/"
    draft = Client().get(f"{API}{base}/2/units")
    assert draft.status_code == 404 and draft.json()["error"]["code"] == "not_found"
    assert "secreto" not in draft.content.decode()
    assert Client().get(f"{API}{base}/99/units").status_code == 404
    assert Client().get(f"{API}/legislative-processes/999999/versions").status_code == 404


def test_contributions_are_the_visible_ones_without_personal_data(world):
    process, author, taken, drafted, _other, hidden = world
    response = Client().get(f"{API}/contributions", {"process": process.pk})
    data = response.json()
    assert data["count"] == 3 and hidden.pk not in [c["id"] for c in data["items"]]
    _assert_private(response.content.decode(), author)
    first = data["items"][0]
    assert first["id"] == taken.pk and first["is_highlighted"] and first["incorporated_in"] == 3
    assert first["version"] == 1 and first["unit_key"] == "articulo-1"
    shown = _get(f"/contributions/{drafted.pk}")
    assert shown["status"] == "partly" and shown["incorporated_in"] is None  # draft: not public
    assert not shown["is_highlighted"]
    _assert_private(str(shown), author)
    missing = Client().get(f"{API}/contributions/{hidden.pk}")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"


def test_contribution_filters(world):
    process, _author, taken, drafted, other, _hidden = world
    ids = lambda **q: [c["id"] for c in _get("/contributions", **q)["items"]]  # noqa: E731
    assert ids(unit_key="articulo-2") == [other.pk]
    assert ids(status="incorporated") == [taken.pk]
    assert ids(status="partly", process=process.pk) == [drafted.pk]
    assert ids(kind="comment") == []
    assert ids(process=process.pk + 1000) == []


@pytest.mark.parametrize(
    "url",
    [
        "/legislative-processes/abc",
        "/legislative-processes/1/versions/x/units",
        "/contributions/1.5",
        "/contributions?status=aprobada",
        "/contributions?kind=x",
        "/contributions?process=uno",
        "/contributions?unit_key=a%00b",
        "/contributions?unit_key=" + "a" * 61,
        "/legislative-processes?exercise=a%00b",
        "/legislative-processes?congress=con%20espacio",
        "/contributions?limit=0",
    ],
)
def test_bad_input_is_a_400_in_the_house_shape(url):
    response = Client().get(API + url)
    assert response.status_code == 400, response.content
    assert response.json()["error"]["code"] == "invalid"


@pytest.mark.parametrize(
    "url",
    [
        "/legislative-processes/" + "9" * 30,
        "/contributions/" + "9" * 30,
        "/legislative-processes/1/versions/" + "9" * 30 + "/units",
        "/contributions?process=" + "9" * 30,
    ],
)
def test_huge_numbers_are_never_a_server_error(world, url):
    response = Client(raise_request_exception=False).get(API + url)
    assert response.status_code in (200, 400, 404)
    assert "error" in response.json() or response.json()["count"] == 0


def test_the_api_only_reads(world):
    process, *_ = world
    for url in (f"/legislative-processes/{process.pk}", "/contributions"):
        response = Client().post(API + url)
        assert response.status_code == 405
        assert response.json()["error"]["code"] == "method_not_allowed"


@pytest.mark.parametrize("n", [1, 12])
def test_list_query_counts_do_not_grow(django_assert_num_queries, n):
    process, version = process_with_text(articles=n)
    for unit in version.units.all():
        ContributionFactory(unit=unit)
    VersionFactory(process=process, number=2)
    process_with_text(articles=1)
    lists = (
        ("/legislative-processes", 2),  # count, page (its counts are subqueries)
        (f"/legislative-processes/{process.pk}", 4),  # process, phases, versions, figures
        (f"/legislative-processes/{process.pk}/versions", 3),  # process, count, page
        (f"/legislative-processes/{process.pk}/versions/1/units", 4),  # + the version
        ("/contributions", 2),
        (f"/contributions?process={process.pk}&unit_key=articulo-1", 2),
    )
    for url, queries in lists:
        with django_assert_num_queries(queries):
            assert Client().get(API + url).status_code == 200, url
    assert Contribution.objects.count() == n + 1
