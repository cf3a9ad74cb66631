"""Steps several apps' services share: a person's one-of-a-kind rows (a support, a report of
abuse, a follow) and the review of reports of abuse. The services keep the rules; these keep
the mechanics the same everywhere."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cocrea.core.models import User


def create_once(manager: Any, *, repeat: str, **values: Any) -> Any:
    """Creates a row through `manager` that a unique constraint allows once (per person and
    item): a second one, even two at once, is refused saying `repeat`. The savepoint undoes
    only the refused row, not the caller's transaction."""
    try:
        with transaction.atomic():
            return manager.create(**values)
    except IntegrityError:
        raise ValidationError(repeat, code="repeat") from None


def flag_add(flags: Any, *, actor: User, reason: str, repeat: str) -> Any:
    """One report per person and item (`flags`: the item's related manager of a `Flag`
    model): a second one is refused, saying `repeat`."""
    if not reason.strip():
        raise ValidationError({"reason": _("Di qué tiene de abusivo.")})
    if flags.filter(user=actor).exists():
        raise ValidationError(repeat, code="repeat")
    return create_once(flags, repeat=repeat, user=actor, reason=reason.strip()[:300])


def flags_review(record: Any, *, actor: User) -> int:
    """Marks the record's pending reports as reviewed (who and when): they leave the queue."""
    pending = record.flags.filter(reviewed_at=None)
    return int(pending.update(reviewed_at=timezone.now(), reviewed_by=actor))


def row_toggle(model: type[models.Model], *, present: bool, **lookup: Any) -> None:
    """Makes the row `lookup` exist (`present`) or not, whatever it was: following and
    unfollowing twice is harmless."""
    if present:
        model._default_manager.get_or_create(**lookup)
    else:
        model._default_manager.filter(**lookup).delete()
