"""Working-table pages: public records (with their minutes), created and edited by whoever
manages the consultation (its exercise's coordination and secretariat, and the admins)."""

from typing import Any

from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from cocrea.core.editing import edit_view
from cocrea.core.files import file_response
from cocrea.core.forms import model_fields
from cocrea.core.models import User
from cocrea.core.params import id_param
from cocrea.participation import selectors, table_services
from cocrea.participation.forms import WorkingTableForm
from cocrea.participation.models import Consultation, WorkingTable
from cocrea.participation.view_common import MANAGE, InConsultation, exercise_of, in_consultation

PROBLEM_PARAM = "problematica"


def _table(consultation: Consultation, table_id: Any) -> WorkingTable:
    return selectors.table_get(consultation=consultation, table_id=table_id)


_table_at = in_consultation("table_id", _table)
_table_to_edit = in_consultation(
    "table_id", _table, lambda consultation: WorkingTable(consultation=consultation)
)


@require_http_methods(["GET"])
def table_detail(
    request: HttpRequest, exercise_slug: str, consultation_slug: str, table_id: int
) -> HttpResponse:
    at = _table_at(request, exercise_slug, consultation_slug, table_id=table_id)
    context = {
        "exercise": at.exercise,
        "consultation": at.consultation,
        "table": at.record,
        "commitments": selectors.openable_commitments(
            user=request.user, commitments=at.record.commitments.all()
        ),
        "can_manage": request.user.has_perm(MANAGE, at.exercise),
    }
    return render(request, "participation/table_detail.html", context)


@require_http_methods(["GET"])
def table_minutes(
    request: HttpRequest, exercise_slug: str, consultation_slug: str, table_id: int
) -> FileResponse:
    at = _table_at(request, exercise_slug, consultation_slug, table_id=table_id)
    return file_response(
        at.record.minutes, f"minuta-{at.consultation.slug}-mesa-{at.record.pk}.pdf"
    )


def _form_kwargs(request: HttpRequest, at: InConsultation[WorkingTable]) -> dict[str, Any]:
    """The table's form; a new one starts with the problem it was opened from, if any."""
    kwargs: dict[str, Any] = {"instance": at.record, "consultation": at.consultation}
    wanted = request.GET.get(PROBLEM_PARAM, "")
    if at.record.pk is None and (problem := id_param(wanted)) is not None:
        kwargs["initial"] = {"problems": [problem]}
    return kwargs


def _save(actor: User, at: InConsultation[WorkingTable], form: WorkingTableForm) -> WorkingTable:
    fields = model_fields(form)
    problems, commitments = fields.pop("problems"), fields.pop("commitments")
    return table_services.working_table_save(
        actor=actor,
        table=at.record,
        problems=list(problems),
        commitments=list(commitments),
        attendance=form.attendance(),
        **fields,
    )


table_edit = edit_view(
    load=_table_to_edit,
    permission=MANAGE,
    permission_object=exercise_of,
    denied=gettext_lazy("Solo la coordinación y el secretariado del ejercicio registran mesas."),
    form=WorkingTableForm,
    form_kwargs=_form_kwargs,
    multipart=True,
    save=_save,
    success_url=lambda at, saved: reverse(
        "participation:table_detail", args=[at.exercise.slug, at.consultation.slug, saved.pk]
    ),
    title=gettext_lazy("Mesa de trabajo"),
    exercise=exercise_of,
)
