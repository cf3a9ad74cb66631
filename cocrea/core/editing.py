"""Helpers shared by the editing views of every app: authorize, then save a form."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _


def authorize(
    request: HttpRequest, perm: str, obj: Any = None, message: str = ""
) -> HttpResponse | None:
    """A login redirect for visitors; 403 for accounts without the permission."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied(message or _("No tienes permiso para editar este ejercicio."))
    return None


def save_form(
    request: HttpRequest,
    form: forms.BaseForm,
    save: Callable[[], Any],
    success_url: str | Callable[[Any], str],
    template: str,
    context: dict[str, Any],
) -> HttpResponse:
    """Calls `save` when the form is valid; shows the form again with every error otherwise."""
    if request.method == "POST" and form.is_valid():
        try:
            saved = save()
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Los cambios se guardaron."))
            return redirect(success_url(saved) if callable(success_url) else success_url)
    status = 400 if request.method == "POST" else 200
    return render(request, template, {**context, "form": form}, status=status)


def attach_errors(form: forms.BaseForm, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)
