"""Writes of working tables: the record, its problems and commitments, and its attendance."""

import datetime as dt
from collections.abc import Sequence
from typing import TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cocrea.core.models import Organization, User
from cocrea.core.services import FileValue, not_in_future, record_assign, record_save
from cocrea.participation.models import Problem, TableAttendance, WorkingTable
from cocrea.plans.models import ActionPlan, Commitment
from cocrea.plans.services import plans_touch


class WorkingTableFields(TypedDict, total=False):
    title: str
    held_on: dt.date
    place: str
    government: int
    civil_society: int
    guarantor: int
    others: int
    minutes: FileValue
    minutes_url: str
    outcome: str
    is_example: bool


def _same_exercise(
    table: WorkingTable, problems: Sequence[Problem], commitments: Sequence[Commitment]
) -> None:
    consultation = table.consultation
    if any(p.consultation_id != consultation.pk for p in problems):
        raise ValidationError({"problems": _("Esas problemáticas no son de esta consulta.")})
    if any(c.plan.exercise_id != consultation.exercise_id for c in commitments):
        raise ValidationError({"commitments": _("Esos compromisos no son de este ejercicio.")})


@transaction.atomic
def working_table_save(
    *,
    actor: User | None,
    table: WorkingTable,
    problems: Sequence[Problem] | None = None,
    commitments: Sequence[Commitment] | None = None,
    attendance: Sequence[tuple[Organization, int | None]] | None = None,
    **fields: Unpack[WorkingTableFields],
) -> WorkingTable:
    """Saves a working table with the problems it worked on, the commitments it produced and
    its attendance by organization (an organization left out is removed). The pages of the
    commitments it produced, before and after, are redrawn."""
    if (problems is None and table.pk is None) or (problems is not None and not problems):
        raise ValidationError({"problems": _("Elige al menos una problemática que trató la mesa.")})
    record_assign(table, fields)
    not_in_future("held_on", table.held_on)
    _same_exercise(table, problems or [], commitments or [])
    record_save(instance=table, actor=actor)
    if problems is not None:
        table.problems.set(problems)
    if commitments is not None:
        before = set(table.commitments.values_list("plan_id", flat=True))
        table.commitments.set(commitments)
        after = {c.plan_id for c in commitments}
        plans_touch(plans=ActionPlan.objects.filter(pk__in=before | after))
    if attendance is not None:
        attendance_set(actor=actor, table=table, attendance=attendance)
    return table


def attendance_set(
    *,
    actor: User | None,
    table: WorkingTable,
    attendance: Sequence[tuple[Organization, int | None]],
) -> None:
    """The table's attendance by organization, exactly `attendance`, each change in history."""
    wanted = {organization.pk: present for organization, present in attendance}
    for row in TableAttendance.objects.filter(table=table):
        if row.organization_id not in wanted:
            row._history_user = actor  # type: ignore[attr-defined]
            row.delete()
            continue
        present = wanted.pop(row.organization_id)
        if row.present != present:
            row.present = present
            record_save(instance=row, actor=actor, only=["present"])
    for organization_id, present in wanted.items():
        row = TableAttendance(table=table, organization_id=organization_id, present=present)
        record_save(instance=row, actor=actor)
