"""`load_demo`: every capability's demo loader, each after those it declares it needs."""

from typing import Any

from django.db import transaction
from django.utils.module_loading import import_string

from cocrea.core.capabilities import demo_order


@transaction.atomic
def demo_load() -> dict[str, int]:
    """Loads the demo data of every capability (idempotent); the counts they report."""
    counts: dict[str, int] = {}
    for capability in demo_order():
        loaded: Any = import_string(capability.demo)()
        counts.update(loaded or {})
    return counts
