"""The page of each step of a request: what it means, its form, and the step taken."""

from typing import Any

import rules
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cocrea.core.actors import acting_user
from cocrea.core.view_helpers import found_or_404
from cocrea.requests import states
from cocrea.requests.models import EventKind, InformationRequest, Side
from cocrea.requests.rules import is_body_liaison, is_guarantor
from cocrea.requests.step_forms import StepForm, meaning
from cocrea.requests.steps import request_for_step, step_add, step_refusal

PERMS = {
    Side.REQUESTER: "requests.requester_step",
    Side.INSTITUTION: "requests.institution_step",
    Side.GUARANTOR: "requests.guarantor_step",
}


def _kind(kind: str) -> EventKind:
    try:
        found = EventKind(kind)
    except ValueError:
        raise Http404(_("Ese paso no existe.")) from None
    if found not in states.TRANSITIONS:
        raise Http404(_("Ese paso no existe."))
    return found


def _side(user: Any, info_request: InformationRequest, kind: EventKind) -> Side:
    """The side `user` takes the step for, or a 403. The perms are read from the rules' own
    set: a superuser is not the requester (Django's `has_perm` would say yes to anything)."""
    if kind != EventKind.MESSAGE:
        side = states.TRANSITIONS[kind].side
        if rules.has_perm(PERMS[side], user, info_request):
            return side
        raise PermissionDenied(_("Este paso no te corresponde en esta solicitud."))
    if rules.has_perm(PERMS[Side.REQUESTER], user, info_request):
        return Side.REQUESTER
    if is_body_liaison(user, info_request):
        return Side.INSTITUTION
    if is_guarantor(user, info_request):
        return Side.GUARANTOR
    if rules.has_perm(PERMS[Side.INSTITUTION], user, info_request):
        return Side.PLATFORM  # an admin writes as the platform, not as the body
    raise PermissionDenied(_("Solo las partes de la solicitud le escriben mensajes."))


@require_http_methods(["GET", "POST"])
def step_new(request: HttpRequest, request_id: int, kind: str) -> HttpResponse:
    step_kind = _kind(kind)
    info_request = found_or_404(
        request_for_step(request_id=request_id), _("No existe esa solicitud.")
    )
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    side = _side(request.user, info_request, step_kind)
    form = StepForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        kind=step_kind,
        request=info_request,
    )
    if request.method == "POST" and form.is_valid():
        try:
            step_add(
                request=info_request,
                kind=step_kind,
                side=side,
                actor=acting_user(request),
                **form.step_values(),
            )
        except ValidationError as error:
            _attach(form, error)
        else:
            messages.success(request, _("Se agregó el paso «%s» a la solicitud.") % step_kind.label)
            return redirect(info_request.get_absolute_url())
    context = {
        "title": step_kind.label,
        "info_request": info_request,
        "kind": step_kind,
        "side": side,
        "meaning": meaning(step_kind, info_request),
        "refusal": step_refusal(request=info_request, kind=step_kind, side=side),
        "form": form,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "requests/step_form.html", context, status=status)


def _attach(form: StepForm, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        known = field in form.fields and field != NON_FIELD_ERRORS
        form.add_error(field if known else None, errors)
