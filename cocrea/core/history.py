"""Public version history (django-simple-history): who changed what, and when.

A page of history costs a constant number of queries however long the history is: the page,
its predecessors (one query) and the names behind foreign keys (one query per key field).

Whoever made a change is shown by the public name they chose or, without one, by a pseudonym
that holds within one scope (an exercise) and tells nothing of the account: see `pseudonym`.
"""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.core.paginator import Page
from django.db import models
from django.db.models import OuterRef, QuerySet, Subquery
from django.http import HttpRequest
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cocrea.core.pagination import paginate

HIDDEN_FIELDS = {"id", "history_id", "history_date", "history_change_reason", "history_type"}
HIDDEN_FIELDS |= {"history_user", "history_user_id", "created_at", "updated_at", "user"}
# The account a record is tied to (a secretariat member's, say): its name is the e-mail.
HIDDEN_FIELDS |= {"account"}


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    when: datetime
    who: str
    action: str
    subject: str
    reason: str
    changes: list[FieldChange] = field(default_factory=list)


# Unambiguous letters and digits (no 0/O, 1/I): a code read aloud or copied by hand.
CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
CODE_LENGTH = 6  # 32⁶ ≈ 10⁹ codes: two people of one exercise almost never share one


def exercise_scope(exercise: Any) -> str:
    """The scope of a pseudonym on the pages of an exercise (its plans, consultations, …).

    Records outside any exercise (citizen reports, public works) name no author in public; one
    that ever does takes the record itself as scope (f"{label}:{pk}"), so that nothing links a
    person across two reports."""
    return f"exercise:{exercise.pk}"


def pseudonym(*, user_id: int, scope: str) -> str:
    """A short code for a person within a scope: the same on every page of the scope, another
    in every other scope, and, being an HMAC keyed by SECRET_KEY, no way back to the account."""
    digest = salted_hmac("cocrea.history.pseudonym", f"{scope}|{user_id}", algorithm="sha256")
    number = int.from_bytes(digest.digest()[:8], "big")
    code = ""
    for _position in range(CODE_LENGTH):
        number, index = divmod(number, len(CODE_ALPHABET))
        code += CODE_ALPHABET[index]
    return code


def actor_label(user: Any, *, scope: str) -> str:
    """What the public sees of whoever made a change: the name they chose to show or, without
    one, their pseudonym in `scope` (never the e-mail nor the account's number)."""
    if user is None:
        return _("Sistema (carga de datos)")
    if user.public_name:
        return str(user.public_name)
    return _("Persona participante %(code)s") % {"code": pseudonym(user_id=user.pk, scope=scope)}


def _tracked_fields(record: models.Model) -> list[models.Field[Any, Any]]:
    """The fields a history shows: never an account (an author, a reviewer), whose name is its
    e-mail; who acted is told by `actor_label` alone."""
    return [
        f
        for f in record._meta.concrete_fields
        if f.name not in HIDDEN_FIELDS
        and not f.name.startswith("history_")
        and f.related_model is not get_user_model()
    ]


@dataclass
class Column:
    """A tracked field, with what is needed to show its values (worked out once per page)."""

    field: models.Field[Any, Any]
    label: str
    choices: dict[Any, Any] | None
    names: dict[Any, Any] | None

    def show(self, value: Any) -> str:
        if value in (None, ""):
            return "—"
        if self.choices is not None:
            return str(self.choices.get(value, value))
        if self.names is not None:
            return str(self.names.get(value, f"#{value}"))
        if isinstance(self.field, models.BooleanField):
            return _("sí") if value else _("no")
        if isinstance(self.field, models.FileField):
            return str(value).rsplit("/", 1)[-1]
        return str(value)


def _columns(records: list[models.Model], known: dict[str, models.Model]) -> list[Column]:
    """One query per foreign key, for the names behind the ids on the page.

    `known` names records the caller already holds (the plan of a commitment page, say), so
    that a key whose every id is one of them costs no query.
    """
    if not records:
        return []
    columns = []
    for fld in _tracked_fields(records[0]):
        names = None
        if isinstance(fld, models.ForeignKey):
            ids = {getattr(r, fld.attname) for r in records} - {None}
            held = known.get(fld.name)
            if held is not None and ids <= {held.pk}:
                names = {held.pk: held}
            else:
                names = fld.related_model._default_manager.in_bulk(ids) if ids else {}
        choices = {k: str(v) for k, v in fld.flatchoices} if fld.choices else None
        columns.append(Column(fld, str(fld.verbose_name).capitalize(), choices, names))
    return columns


def _changes(
    record: models.Model, previous: models.Model | None, columns: list[Column]
) -> list[FieldChange]:
    result = []
    for column in columns:
        new = getattr(record, column.field.attname)
        if previous is None:
            if new not in (None, ""):
                result.append(FieldChange(column.label, "—", column.show(new)))
            continue
        old = getattr(previous, column.field.attname)
        if old != new:
            result.append(FieldChange(column.label, column.show(old), column.show(new)))
    return result


def _as_instance(record: Any) -> models.Model:
    """The record as its model, without the query simple-history makes for excluded fields."""
    model: type[models.Model] = record.instance_type
    values = {
        f.attname: getattr(record, f.attname)
        for f in model._meta.concrete_fields
        if hasattr(record, f.attname)
    }
    return model(**values)


ACTIONS = {"+": gettext_lazy("creó"), "~": gettext_lazy("modificó"), "-": gettext_lazy("eliminó")}


def history_page(
    request: HttpRequest,
    records: QuerySet[Any],
    *,
    scope: str,
    per_page: int | None = None,
    known: dict[str, models.Model] | None = None,
) -> tuple[Page[Any], list[HistoryEntry]]:
    """A page of `records` (a historical queryset), newest first, with what each changed;
    authors without a public name appear by their pseudonym in `scope` (`exercise_scope`)."""
    model = records.model
    predecessor = (
        model.objects.filter(id=OuterRef("id"), history_id__lt=OuterRef("history_id"))
        .order_by("-history_id")
        .values("history_id")[:1]
    )
    ordered = (
        records.select_related("history_user")
        .annotate(previous_id=Subquery(predecessor))
        .order_by("-history_date", "-history_id")
    )
    page = paginate(request, ordered, per_page=per_page)
    rows = list(page.object_list)
    previous_ids = [r.previous_id for r in rows if r.previous_id]
    previous = model.objects.in_bulk(previous_ids) if previous_ids else {}
    columns = _columns(rows + list(previous.values()), known or {})
    entries = [
        HistoryEntry(
            when=r.history_date,
            who=actor_label(r.history_user, scope=scope),
            action=str(ACTIONS[r.history_type]),
            subject=str(_as_instance(r)),
            reason=r.history_change_reason or "",
            changes=_changes(r, previous.get(r.previous_id), columns),
        )
        for r in rows
    ]
    return page, entries
