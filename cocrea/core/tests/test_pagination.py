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
