"""A consultation's axes, managed by those who manage the consultation."""

from functools import partial
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from cocrea.core.editing import authorize
from cocrea.core.forms import AxisMoveForm, AxisNameForm, AxisRetireForm
from cocrea.core.view_helpers import axis_list_page
from cocrea.participation import selectors, services
from cocrea.participation.view_common import (
    MANAGE,
    InConsultation,
    consultation_at,
    exercise_page,
    in_consultation,
)

_axis = in_consultation(
    "axis_id", lambda consultation, pk: selectors.axis_get(consultation=consultation, axis_id=pk)
)


def _axes_url(at: InConsultation[Any], saved: object = None) -> str:
    return reverse("participation:axis_list", args=[at.exercise.slug, at.consultation.slug])


@require_http_methods(["GET"])
def axis_list(request: HttpRequest, exercise_slug: str, consultation_slug: str) -> HttpResponse:
    at = consultation_at(request, exercise_slug, consultation_slug)
    if denied := authorize(request, MANAGE, at.exercise):
        return denied
    args = [exercise_slug, consultation_slug]
    return axis_list_page(
        request,
        names="participation:axis",
        args=args,
        axes=selectors.axis_list(consultation=at.consultation),
        title=_("Ejes de la consulta"),
        exercise=at.exercise,
        back_url=reverse("participation:consultation_detail", args=args),
        back_label=at.consultation.title,
    )


_axis_page = partial(exercise_page, permission=MANAGE, success_url=_axes_url)


axis_create = _axis_page(
    load=consultation_at,
    form=AxisNameForm,
    save=lambda actor, at, form: services.axis_create(
        actor=actor, consultation=at.consultation, name=form.cleaned_data["name"]
    ),
    title=gettext_lazy("Nuevo eje de la consulta"),
)


axis_rename = _axis_page(
    load=_axis,
    form=AxisNameForm,
    form_kwargs=lambda request, at: {"initial": {"name": at.record.name}},
    save=lambda actor, at, form: services.axis_rename(
        actor=actor, axis=at.record, name=form.cleaned_data["name"]
    ),
    title=gettext_lazy("Cambiar el nombre del eje"),
)


axis_move = _axis_page(
    load=_axis,
    form=AxisMoveForm,
    save=lambda actor, at, form: services.axis_move(
        actor=actor, axis=at.record, position=form.cleaned_data["position"]
    ),
    title=gettext_lazy("Mover el eje"),
    methods=["POST"],
)


axis_retire = _axis_page(
    load=_axis,
    form=AxisRetireForm,
    save=lambda actor, at, form: services.axis_retire(
        actor=actor, axis=at.record, retired=form.retired()
    ),
    title=gettext_lazy("Retirar o restaurar el eje"),
    methods=["POST"],
)
