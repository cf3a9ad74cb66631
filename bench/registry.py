"""What the capability registry costs a request, on PostgreSQL.

The main navigation, the account links and the exercise tabs are built on every page from what
the capabilities declare (`core/templatetags/navigation.py`), and a hook call looks its listeners
up in the registry. Targets: building the navigation of one page costs at most 1.5 times the
`{% url %}` tags it replaced (the same links reversed by hand), a hook call's lookup ≤ 0.05 ms,
and the pages that show the navigation within their foundation targets (p95 ≤ 30 ms). Run with `make bench`, or `cd bench && ../.venv/bin/python registry.py`.
"""

import statistics
import sys
import time
from collections.abc import Callable

from common import REQUESTS, measure, report, setup_django


def _median_ms(work: Callable[[], object], repeat: int = 2000) -> float:
    for _ in range(100):
        work()
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def main() -> int:
    setup_django()
    from django.test import Client
    from django.urls import reverse

    from cocrea.core import capabilities
    from cocrea.core.templatetags import navigation
    from cocrea.exercises.models import Exercise
    from cocrea.plans.hooks import commitment_changed

    exercise = Exercise.objects.get(slug="jalisco")

    def whole_navigation() -> object:
        return (navigation.main_nav(), navigation.account_nav(), navigation.exercise_tabs(exercise))

    def same_links_by_hand() -> object:  # what base.html's and _nav.html's {% url %} tags did
        return [reverse(link.url_name) for link in [*main_links, *account_links]] + [
            reverse(link.url_name) if link.query else reverse(link.url_name, args=[exercise.slug])
            for link in tab_links
        ]

    main_links, account_links = capabilities.main_nav(), capabilities.account_nav()
    tab_links = capabilities.exercise_tabs()
    by_hand, nav = _median_ms(same_links_by_hand), _median_ms(whole_navigation)
    lookup = _median_ms(commitment_changed.receivers)
    print(f"the same links by hand:       median {by_hand:.3f} ms")
    print(f"navigation from the registry: median {nav:.3f} ms, {nav / by_hand:.2f}x (target 1.5x)")
    print(f"hook listeners lookup:        median {lookup:.4f} ms (target 0.05)")
    client = Client()
    rows = [(url, *measure(client, url)) for url in ("/territorios/", "/ejercicios/jalisco/")]
    print(f"{REQUESTS} requests a page:")
    failed = report([(url, p50, p95, 30.0, queries) for url, p50, p95, queries in rows])
    return failed | (nav > 1.5 * by_hand) | (lookup > 0.05)


if __name__ == "__main__":
    sys.exit(main())
