"""Helpers shared by the editing views of every app: authorize, then save a form."""

from collections.abc import Callable, Sequence
from typing import Any, Generic, NamedTuple, TypeVar

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cocrea.core.actors import acting_user
from cocrea.core.forms import model_fields
from cocrea.core.models import User


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
    """Calls `save` when the form is valid; shows the form again with every error otherwise.

    Dates and times are read and shown in the time zone of the page's exercise, if any."""
    with timezone.override(getattr(context.get("exercise"), "zone", None)):
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


Text = str | Promise  # a page's words; lazy when declared at import time
T = TypeVar("T")
P = TypeVar("P")
M = TypeVar("M")


class Target(NamedTuple, Generic[P, M]):
    """What an edit page's address names: the record it belongs to, and the one it edits."""

    parent: P
    record: M


def parent(target: Target[P, Any]) -> P:
    """The record the page's record belongs to (for `exercise`, or a `permission_object`)."""
    return target.parent


def record_under(
    load: Callable[..., P], key: str, find: Callable[[P, Any], M]
) -> Callable[..., Target[P, M]]:
    """A `load` for a page about the record the address names by `key` (None when it names
    none), found under what `load` reads: `find(parent, key)`."""

    def load_target(request: HttpRequest, **kwargs: Any) -> Target[P, M]:
        wanted = kwargs.pop(key, None)
        found = load(request, **kwargs)
        return Target(found, find(found, wanted))

    return load_target


def existing_or_new(
    load: Callable[..., P],
    key: str,
    existing: Callable[[P, Any], M],
    new: Callable[[P], M],
) -> Callable[..., Target[P, M]]:
    """A `load` for a page that edits the record the address names by `key`
    (`existing(parent, key)`), or adds `new(parent)` when the address names none."""
    return record_under(
        load, key, lambda parent, wanted: existing(parent, wanted) if wanted else new(parent)
    )


def record_instance(request: HttpRequest, target: Target[Any, Any]) -> dict[str, Any]:
    """`form_kwargs` of a model form that edits the target's record."""
    return {"instance": target.record}


def record_instance_in(name: str) -> Callable[[HttpRequest, Target[Any, Any]], dict[str, Any]]:
    """`form_kwargs` of a model form that edits the target's record and is given, as `name`,
    the record it belongs to (the form offers that record's choices)."""
    return lambda request, target: {**record_instance(request, target), name: target.parent}


def saves(service: Callable[..., object], record: str) -> Callable[[User, Any, Any], object]:
    """A `save` that calls `service(actor=…, <record>=target.record, **model_fields(form))`."""
    return lambda actor, target, form: service(
        actor=actor, **{record: target.record}, **model_fields(form)
    )


def _of(value: Any, target: Any) -> Any:
    """A declaration's value: given as is, or worked out from the page's target."""
    return value(target) if callable(value) else value


def edit_view(
    *,
    load: Callable[..., T],
    permission: str | Callable[[T], str] | None,
    permission_object: Callable[[T], object] | None = None,
    denied: Text | Callable[[T], Text] = "",
    check: Callable[[HttpRequest, T], HttpResponse | None] | None = None,
    form: Callable[..., forms.BaseForm],
    form_kwargs: Callable[[HttpRequest, T], dict[str, Any]] | None = None,
    multipart: bool = False,
    save: Callable[[User, T, Any], object],
    success_url: Callable[[T, Any], str],
    title: Text | Callable[[T], Text],
    exercise: Callable[[T], object] | None = None,
    methods: Sequence[str] = ("GET", "POST"),
    template: str = "core/form.html",
) -> Callable[..., HttpResponse]:
    """A page that edits a record, declared rather than written out.

    `load` reads the objects the address names (404 when one is missing) into the page's
    target, before anything else. Visitors are sent to sign in; accounts without `permission`
    on `permission_object(target)` (by default the target's parent when it is a `Target`, the
    target itself otherwise) get a 403 saying `denied`
    (no permission: any signed-in account). `check` may refuse further (raise PermissionDenied,
    or answer with its own page). Then `form(data, files, **form_kwargs(request, target))`
    is shown; once valid, `save(actor, target, form)` calls the service, and the page redirects
    to `success_url(target, saved)` with a message. `title` and `exercise` (the breadcrumb)
    head the page. A POST-only action (`methods`) binds its form even to an empty body.
    """

    @require_http_methods(list(methods))
    def view(request: HttpRequest, **kwargs: Any) -> HttpResponse:
        target = load(request, **kwargs)
        if refused := _refusal(request, permission, permission_object, denied, target):
            return refused
        if check is not None and (answer := check(request, target)):
            return answer
        data = (request.POST or None) if "GET" in methods else request.POST
        files = (request.FILES or None) if multipart else None
        bound = form(data, files, **(form_kwargs(request, target) if form_kwargs else {}))
        context: dict[str, Any] = {"title": _of(title, target)}
        if exercise is not None:
            context["exercise"] = exercise(target)
        if multipart:
            context["multipart"] = True
        return save_form(
            request,
            bound,
            lambda: save(acting_user(request), target, bound),
            lambda saved: success_url(target, saved),
            template,
            context,
        )

    return view


def _refusal(
    request: HttpRequest,
    permission: Any,
    permission_object: Callable[[Any], object] | None,
    denied: Any,
    target: Any,
) -> HttpResponse | None:
    if permission is None:
        return None if request.user.is_authenticated else redirect_to_login(request.get_full_path())
    perm = _of(permission, target)
    if permission_object is not None:
        obj = permission_object(target)
    else:
        obj = target.parent if isinstance(target, Target) else target
    return authorize(request, perm, obj, str(_of(denied, target)))
