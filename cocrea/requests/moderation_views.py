"""Moderation of information requests, for guarantors' liaisons and admins: the queue of
requests waiting to be published, publishing or hiding one (with a public reason), and
redacting personal data; and the quarantined e-mail, added to its request or discarded."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cocrea.core.actors import acting_user
from cocrea.core.editing import attach_errors, authorize
from cocrea.core.params import id_param
from cocrea.core.view_helpers import found_or_404
from cocrea.requests import inbound, selectors, services
from cocrea.requests.forms import ModerateForm, RedactForm
from cocrea.requests.models import InboundMessage, InformationRequest

MODERATE = "requests.moderate"


def _moderated(request: HttpRequest, request_id: int) -> InformationRequest | HttpResponse:
    info_request = found_or_404(
        selectors.request_get(request_id=request_id), _("Esa solicitud no existe.")
    )
    denied = _("Solo las autoridades garantes y quien administra moderan solicitudes.")
    if refused := authorize(request, MODERATE, info_request, denied):
        return refused
    return info_request


@require_GET
def moderation_queue(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    page = selectors.moderation_queue_page(request=request, user=request.user)
    if page is None:
        raise PermissionDenied(
            _("Solo las autoridades garantes y quien administra moderan solicitudes.")
        )
    return render(request, "requests/moderation_queue.html", {"page": page})


@require_http_methods(["GET", "POST"])
def request_moderate(request: HttpRequest, request_id: int) -> HttpResponse:
    at = _moderated(request, request_id)
    if isinstance(at, HttpResponse):
        return at
    events = selectors.request_events(info_request=at)
    form = ModerateForm(request.POST if request.method == "POST" else None, events=events)
    if request.method == "POST" and form.is_valid():
        action = form.cleaned_data["action"]
        reason = form.cleaned_data["reason"]
        event = form.event()
        try:
            if event is not None:
                services.event_moderate(
                    actor=acting_user(request), event=event, hide=action == "hide", reason=reason
                )
            else:
                services.request_moderate(
                    actor=acting_user(request), request=at, action=action, reason=reason
                )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            done = _("Se publicó.") if action == "publish" else _("Se ocultó.")
            messages.success(request, done)
            return redirect(at.get_absolute_url())
    status = 400 if request.method == "POST" else 200
    context = {"info_request": at, "form": form}
    return render(request, "requests/moderation_form.html", context, status=status)


@require_http_methods(["GET", "POST"])
def request_redact(request: HttpRequest, request_id: int) -> HttpResponse:
    at = _moderated(request, request_id)
    if isinstance(at, HttpResponse):
        return at
    events = selectors.request_events(info_request=at)
    form = RedactForm(request.POST if request.method == "POST" else None, events=events)
    if request.method == "POST" and form.is_valid():
        field = form.field()
        try:
            services.request_redact(
                actor=acting_user(request),
                request=at,
                passage=form.cleaned_data["passage"],
                reason=form.cleaned_data["reason"],
                field="title" if field == "title" else "body",
                event=form.event(),
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("El pasaje se testó."))
            return redirect(at.get_absolute_url())
    status = 400 if request.method == "POST" else 200
    context = {"info_request": at, "form": form, "events": events}
    return render(request, "requests/moderation_redact.html", context, status=status)


@require_GET
def inbound_list(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    page = selectors.inbound_queue_page(request=request, user=request.user)
    if page is None:
        raise PermissionDenied(
            _("Solo las autoridades garantes y quien administra revisan el correo.")
        )
    return render(request, "requests/moderation_inbound_list.html", {"page": page})


def _release_target(request: HttpRequest, message: InboundMessage) -> InformationRequest:
    """The request a moderator adds the message to: the one typed, or the one it was for."""
    typed = id_param(request.POST.get("solicitud", ""))
    target = selectors.request_get(request_id=typed) if typed else message.request
    if target is None:
        raise ValidationError({"solicitud": _("Escribe el número de una solicitud que exista.")})
    if not request.user.has_perm(MODERATE, target):
        raise ValidationError({"solicitud": _("No moderas esa solicitud.")})
    return target


@require_http_methods(["GET", "POST"])
def inbound_handle(request: HttpRequest, message_id: int) -> HttpResponse:
    """One quarantined message: its text, and the buttons to add it to a request or discard it."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    message = found_or_404(selectors.inbound_get(message_id=message_id), _("Ese correo no existe."))
    allowed = (
        request.user.has_perm(MODERATE, message.request)
        if message.request is not None
        else request.user.is_superuser
    )
    if not allowed:
        raise PermissionDenied(
            _("Solo las autoridades garantes y quien administra revisan el correo.")
        )
    errors: list[str] = []
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "release":
                target = _release_target(request, message)
                inbound.inbound_release(message=message, request=target, actor=acting_user(request))
                messages.success(request, _("El correo se agregó a la solicitud."))
                return redirect(target.get_absolute_url())
            if action == "discard":
                reason = request.POST.get("reason", "")
                inbound.inbound_discard(message=message, actor=acting_user(request), reason=reason)
                messages.success(request, _("El correo se descartó."))
                return redirect("requests:inbound_list")
            errors.append(_("Elige agregarlo a una solicitud o descartarlo."))
        except ValidationError as error:
            errors.extend(error.messages)
    context = {"message": message, "text": selectors.inbound_text(message), "errors": errors}
    status = 400 if errors else 200
    return render(request, "requests/moderation_inbound.html", context, status=status)
