import pytest

from cocrea.core.models import Territory
from cocrea.core.pagination import DeferredJoinPaginator

pytestmark = pytest.mark.django_db


def test_deep_pages_by_ids_first_match_plain_slicing(django_assert_num_queries):
    territories = Territory.objects.order_by("-inegi_code")
    paginator = DeferredJoinPaginator(territories, 1)
    paginator.__dict__["count"] = territories.count()
    with django_assert_num_queries(2):  # the page's ids, then its rows
        deep = list(paginator.page(25).object_list)
    assert deep == list(territories[24:25])
    expected = list(territories[2:3])
    with django_assert_num_queries(1):  # shallow pages: one plain query
        shallow = list(paginator.page(3).object_list)
    assert shallow == expected


@pytest.mark.parametrize("per_page", [1, 2, 5])
def test_deep_pages_from_either_end_match_plain_slicing(monkeypatch, per_page):
    # 33 territories: with two shallow pages, deep pages are read from the front up to the
    # middle and from the end after it; the last page may be short.
    monkeypatch.setattr(DeferredJoinPaginator, "SHALLOW", 2)
    territories = Territory.objects.order_by("-inegi_code", "-id")
    every = list(territories)
    paginator = DeferredJoinPaginator(territories, per_page, exact_count=True)
    paginator.__dict__["count"] = len(every)
    for number in paginator.page_range:
        page = list(paginator.page(number).object_list)
        assert page == every[(number - 1) * per_page : number * per_page], number


def test_a_capped_count_is_never_read_from_the_end(monkeypatch):
    # A search that counts only up to a cap: the end of the result set is not the last page.
    monkeypatch.setattr(DeferredJoinPaginator, "SHALLOW", 2)
    territories = Territory.objects.order_by("-inegi_code", "-id")
    every = list(territories)
    paginator = DeferredJoinPaginator(territories, 1)
    paginator.__dict__["count"] = 20  # of 33
    for number in paginator.page_range:
        assert list(paginator.page(number).object_list) == every[number - 1 : number], number
