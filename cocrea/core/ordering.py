"""Named, ordered lists that their editors manage from the pages (the axes of a consultation or
of a plan): a name unique in its list, and moves that renumber the list from one."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Max, QuerySet
from django.utils.translation import gettext as _

from cocrea.core.models import User
from cocrea.core.services import record_save


def clean_name(*, name: str, siblings: QuerySet[Any], record: Any = None) -> str:
    """`name` with its spaces tidied; refused when empty or already in the list (any case)."""
    tidy = " ".join(name.split())
    if not tidy:
        raise ValidationError({"name": _("Escribe el nombre del eje.")})
    others = siblings.filter(name__iexact=tidy)
    if record is not None and record.pk:
        others = others.exclude(pk=record.pk)
    if others.exists():
        raise ValidationError({"name": _("Ya hay un eje llamado «%s» en esta lista.") % tidy})
    return tidy


def next_order(siblings: QuerySet[Any]) -> int:
    """The place after the last record of the list."""
    return int(siblings.aggregate(last=Max("order"))["last"] or 0) + 1


def move(*, actor: User | None, record: Any, siblings: QuerySet[Any], position: int) -> None:
    """Puts `record` at `position` (from 1; clamped to the list) and numbers the list 1, 2, …
    writing only the rows whose number changed."""
    ordered = [r for r in siblings.select_for_update().order_by("order", "pk") if r.pk != record.pk]
    index = min(max(position, 1), len(ordered) + 1) - 1
    ordered.insert(index, record)
    for number, item in enumerate(ordered, start=1):
        if item.order != number:
            item.order = number
            record_save(instance=item, actor=actor, only=["order"])


def add(*, actor: User | None, record: Any, siblings: QuerySet[Any], name: str) -> None:
    """Saves `record` at the end of its list, under a name the list does not have yet."""
    record.name = clean_name(name=name, siblings=siblings)
    record.order = next_order(siblings)
    record_save(instance=record, actor=actor)


def rename(*, actor: User | None, record: Any, siblings: QuerySet[Any], name: str) -> None:
    record.name = clean_name(name=name, siblings=siblings, record=record)
    record_save(instance=record, actor=actor, only=["name"])


def retire(*, actor: User | None, record: Any, retired: bool) -> None:
    """Retires the record (no longer offered for new entries) or restores it, saying which."""
    record.is_retired = retired
    reason = _("Eje retirado") if retired else _("Eje restaurado")
    record_save(instance=record, actor=actor, reason=reason, only=["is_retired"])
