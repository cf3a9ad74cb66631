"""Demo data: the helpers every capability's demo loader uses, and core's own records.

The facts come from the source documents shipped in `core/data/seeds/` (see their README).
A record is written only when it is new or differs, so loading twice adds no history entries.
"""

import json
from functools import cache
from pathlib import Path
from typing import Any

from django.db import models, transaction

from cocrea.core.services import municipalities_import

SEEDS = Path(__file__).resolve().parent / "data" / "seeds"


@cache
def seed(name: str) -> dict[str, Any]:
    """One source document's facts, `core/data/seeds/<name>.json`."""
    facts: dict[str, Any] = json.loads((SEEDS / f"{name}.json").read_text(encoding="utf-8"))
    return facts


def upsert(model: type[models.Model], lookup: dict[str, Any], values: dict[str, Any]) -> Any:
    """Creates or updates one record, saving only when something changed."""
    instance = model._default_manager.filter(**lookup).first()
    if instance is None:
        instance = model(**lookup, **values)
        instance.full_clean()
        instance.save()
        return instance
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    for name in changed:
        setattr(instance, name, values[name])
    if changed:
        instance.full_clean()
        instance.save()
    return instance


@transaction.atomic
def load() -> None:
    """The municipalities the demo's exercises and reports refer to."""
    with (SEEDS / "municipios_demo.csv").open("rb") as stream:
        municipalities_import(stream=stream, actor=None)
