"""Field groups that models of several apps share: abstract models and field factories.

An abstract model's fields come first in its children's field order, which history pages and
admin forms follow. So a group that stands among other fields of a model whose history or admin
form is shown is given by a factory, called where the fields stand; an abstract model serves
only models whose field order nobody sees.
"""

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

if TYPE_CHECKING:
    from cocrea.core.models import User


def example_flag() -> "models.BooleanField[Any, bool]":
    """Marks a record the demo data wrote; pages label it "dato de ejemplo"."""
    return models.BooleanField(_("dato de ejemplo"), default=False)


def private_account(
    verbose_name: StrOrPromise | None = None,
) -> "models.ForeignKey[User | None, User | None]":
    """The account that wrote, answered, reviewed or uploaded something, kept for the record:
    no reverse accessor, and the record stays, without it, when the account is deleted. Pages
    never show the account (its name is its e-mail), at most `core.history.actor_label`."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )


def moderation_fields(
    hidden_label: StrOrPromise,
) -> tuple["models.BooleanField[Any, bool]", "models.CharField[Any, str]"]:
    """`is_hidden, hidden_reason` of a participant's text a moderator may hide, with the reason
    shown in its place. The label agrees with the thing hidden ("oculta" or "oculto")."""
    return (
        models.BooleanField(hidden_label, default=False),
        models.CharField(_("motivo de moderación"), max_length=300, blank=True),
    )


class AxisBase(models.Model):
    """An axis (eje) that groups the items of a plan or of a consultation, in order. A retired
    one keeps what it grouped but takes no more."""

    order = models.PositiveSmallIntegerField(_("orden"))
    name = models.CharField(_("nombre"), max_length=200)
    is_retired = models.BooleanField(_("retirado"), default=False)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name


class PersonalMark(models.Model):
    """One person's support, follow or report of one thing, with its date. A child adds the
    thing and the constraint that allows one mark per person and thing."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True


class OpenWindow(models.Model):
    """Something open from its `opens_at` up to, not including, its `closes_at` (fields the
    child defines, with its own labels)."""

    opens_at: "models.DateTimeField[Any, dt.datetime]"
    closes_at: "models.DateTimeField[Any, dt.datetime]"

    class Meta:
        abstract = True

    def is_open(self, now: dt.datetime | None = None) -> bool:
        moment = now or timezone.now()
        return self.opens_at <= moment < self.closes_at
