"""Demo data: the helpers every capability's demo loader uses, and core's own records.

The facts come from the source documents shipped in `core/data/seeds/` (see their README).
A record is written only when it is new or differs, so loading twice adds no history entries.
"""

import json
from functools import cache
from pathlib import Path
from typing import Any

from django.db import models, transaction
from django.db.models import Count, QuerySet

from cocrea.core.models import User
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


def counts_by(rows: QuerySet[Any], field: str) -> dict[Any, int]:
    """How many of `rows` there are for each value of `field`: what a demo's stored counters
    (supports, supports used) must say after it wrote the rows directly."""
    return dict(rows.values_list(field).annotate(n=Count("pk")))


def account(email: str, name: str) -> User:
    """An example account (it cannot sign in), made once and found again on later loads."""
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=None)
        user.public_name = name
        user.save(update_fields=["public_name"])
    return user


def participant(n: int) -> User:
    """The participation demo's n-th example participant, shared by the lawmaking demo."""
    return account(f"participante{n}@example.org", f"Participante de ejemplo {n}")


@transaction.atomic
def load() -> None:
    """The municipalities the demo's exercises and reports refer to."""
    with (SEEDS / "municipios_demo.csv").open("rb") as stream:
        municipalities_import(stream=stream, actor=None)
