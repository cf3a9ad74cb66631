"""Pages of information requests: the public list (filters, search), filing one or recording
one filed elsewhere, a request's page with its correspondence and clock, its Alaveteli-like
JSON, an institution's page, and following a request or an institution."""

from collections.abc import Callable
from typing import Any, TypeVar, cast

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_ratelimit.decorators import ratelimit

from cocrea.core.actors import acting_user
from cocrea.core.editing import attach_errors, authorize
from cocrea.core.models import Organization
from cocrea.core.view_helpers import found_or_404
from cocrea.requests import selectors, services, statistics
from cocrea.requests.forms import RecordForm, RequestForm
from cocrea.requests.models import (
    RUNNING,
    Channel,
    InformationRequest,
    RequestEvent,
    Status,
    Visibility,
)

FILE = "requests.file"
MODERATE = "requests.moderate"
View = TypeVar("View", bound=Callable[..., HttpResponse])


def limited(rate: str, group: str | None = None) -> Callable[[View], View]:
    """Writes per account (or address), counted on POST and answered with a 429 page."""
    decorator = ratelimit(group=group, key="user_or_ip", rate=rate, method="POST", block=False)
    return cast("Callable[[View], View]", decorator)


def _too_many(request: HttpRequest, back: str) -> HttpResponse:
    context = {
        "title": _("Demasiadas solicitudes"),
        "message": _("Espera unos minutos y vuelve a intentarlo."),
        "status": 429,
        "back": back,
    }
    return render(request, "error.html", context, status=429)


def _visible(request: HttpRequest, request_id: int) -> InformationRequest:
    """The request, or a 404 for who may not see it (a pending or hidden one)."""
    info_request = found_or_404(
        selectors.request_get(request_id=request_id), _("Esa solicitud no existe.")
    )
    if not selectors.may_see(user=request.user, info_request=info_request):
        raise Http404(_("Esa solicitud no existe o aún no se publica."))
    return info_request


@require_GET
def request_list(request: HttpRequest) -> HttpResponse:
    filters = selectors.RequestFilters.of(request.GET)
    context = {
        "filters": filters,
        "page": selectors.request_list_page(request=request, filters=filters),
        "statuses": Status.choices,
        "institutions": selectors.filter_institutions(),
        "topics": selectors.filter_topics(),
        "today": timezone.localdate(),
        "running": RUNNING,
    }
    return render(request, "requests/request_list.html", context)


def _filing(request: HttpRequest, record: bool) -> HttpResponse:
    back = reverse("requests:request_list")
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if getattr(request, "limited", False):
        return _too_many(request, back)
    if refused := authorize(request, FILE, None, _("Tu cuenta no puede presentar solicitudes.")):
        return refused
    form_class = RecordForm if record else RequestForm
    form = form_class(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        extra: dict[str, Any] = {}
        if isinstance(form, RecordForm):
            extra = {
                "channel": Channel(data["channel"]),
                "folio": data["folio"],
                "filed_at": form.filed_at(),
            }
        try:
            info_request = services.request_file(
                organization=data["organization"],
                requester=acting_user(request),
                pseudonym=data["pseudonym"],
                title=data["title"],
                body=data["body"],
                topic=data["topic"],
                **extra,
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "Tu solicitud quedó registrada. Su texto será público cuando la modere una "
                    "autoridad garante; tú ya puedes verla."
                ),
            )
            return redirect(info_request.get_absolute_url())
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "record": record}
    return render(request, "requests/request_form.html", context, status=status)


@limited("10/h", "requests-filing")
@require_http_methods(["GET", "POST"])
def request_new(request: HttpRequest) -> HttpResponse:
    return _filing(request, record=False)


@limited("10/h", "requests-filing")
@require_http_methods(["GET", "POST"])
def request_record(request: HttpRequest) -> HttpResponse:
    return _filing(request, record=True)


def _step_links(request: HttpRequest, info_request: InformationRequest) -> list[dict[str, str]]:
    kinds = selectors.available_steps(user=request.user, info_request=info_request)
    return [
        {
            "kind": kind.value,
            "label": str(kind.label),
            "url": reverse("requests:step_new", args=[info_request.pk, kind.value]),
        }
        for kind in kinds
    ]


@require_GET
def request_detail(request: HttpRequest, request_id: int) -> HttpResponse:
    info_request = _visible(request, request_id)
    can_moderate = request.user.has_perm(MODERATE, info_request)
    context = {
        "info_request": info_request,
        "events": selectors.request_events(info_request=info_request),
        "following": selectors.is_following(user=request.user, info_request=info_request),
        "steps": _step_links(request, info_request),
        "can_moderate": can_moderate,
        "is_public": info_request.visibility == Visibility.PUBLIC,
        "clock": selectors.clock_of(info_request),
    }
    return render(request, "requests/request_detail.html", context)


@limited("60/h", "requests-follows")
@require_POST
def request_follow(request: HttpRequest, request_id: int) -> HttpResponse:
    url = reverse("requests:request_detail", args=[request_id])
    if not request.user.is_authenticated:
        return redirect_to_login(url)
    if getattr(request, "limited", False):
        return _too_many(request, url)
    info_request = _visible(request, request_id)
    user = acting_user(request)
    following = selectors.is_following(user=user, info_request=info_request)
    services.request_follow_set(user=user, request=info_request, follow=not following)
    if following:
        messages.success(request, _("Dejaste de seguir esta solicitud."))
    else:
        messages.success(request, _("Sigues esta solicitud: te avisaremos de cada paso."))
    return redirect(url)


def _event_json(request: HttpRequest, event: RequestEvent) -> dict[str, Any]:
    hidden = event.is_hidden
    return {
        "id": event.pk,
        "event_type": event.kind,
        "side": event.side,
        "created_at": event.at.isoformat(),
        "from_status": event.from_status or None,
        "described_state": event.to_status,
        "prominence": "hidden" if hidden else "normal",
        "hidden_reason": event.hidden_reason if hidden else None,
        "body": None if hidden else event.body,
        "referred_to": event.referred_to.slug if event.referred_to else None,
        "attachments": []
        if hidden
        else [
            {
                "name": attachment.name,
                "size": attachment.size,
                "url": request.build_absolute_uri(attachment.file.url),
            }
            for attachment in event.attachments.all()
        ],
    }


@require_GET
def request_events_json(request: HttpRequest, request_id: int) -> JsonResponse:
    """The request and its correspondence like Alaveteli's `/request/<id>.json`: no personal
    data (no accounts; the requester by pseudonym); only published requests."""
    info_request = found_or_404(
        selectors.request_get(request_id=request_id), _("Esa solicitud no existe.")
    )
    if info_request.visibility != Visibility.PUBLIC:
        raise Http404(_("Esa solicitud no existe o aún no se publica."))
    organization = info_request.organization
    events = selectors.request_events(info_request=info_request)
    data = {
        "id": info_request.pk,
        "url": request.build_absolute_uri(info_request.get_absolute_url()),
        "title": info_request.title,
        "body": info_request.body,
        "user_name": info_request.pseudonym,
        "created_at": info_request.filed_at.isoformat(),
        "updated_at": info_request.updated_at.isoformat(),
        "described_state": info_request.status,
        "display_status": info_request.get_status_display(),
        "channel": info_request.channel,
        "folio": info_request.folio or None,
        "topic": info_request.topic.name if info_request.topic else None,
        "law_used": info_request.profile.law_name,
        "due_on": info_request.due_on.isoformat() if info_request.due_on else None,
        "long_overdue_on": (
            info_request.long_overdue_on.isoformat() if info_request.long_overdue_on else None
        ),
        "is_example": info_request.is_example,
        "public_body": {
            "name": organization.name,
            "url_name": organization.slug,
            "url": request.build_absolute_uri(
                reverse("requests:institution_detail", args=[organization.slug])
            ),
        },
        "info_request_events": [_event_json(request, event) for event in events],
    }
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


def _institution(organization_slug: str) -> Organization:
    return found_or_404(
        selectors.institution_get(slug=organization_slug), _("Esa institución no existe.")
    )


@require_GET
def institution_detail(request: HttpRequest, organization_slug: str) -> HttpResponse:
    organization = _institution(organization_slug)
    context = {
        "organization": organization,
        "unit": selectors.transparency_unit(organization=organization),
        "page": selectors.institution_requests_page(request=request, organization=organization),
        "following": selectors.is_following_institution(
            user=request.user, organization=organization
        ),
        "can_configure": request.user.has_perm("requests.configure_unit", organization),
        "stats": statistics.institution_statistics(organization),
        "today": timezone.localdate(),
        "running": RUNNING,
    }
    return render(request, "requests/institution_detail.html", context)


@limited("60/h", "requests-follows")
@require_POST
def institution_follow(request: HttpRequest, organization_slug: str) -> HttpResponse:
    url = reverse("requests:institution_detail", args=[organization_slug])
    if not request.user.is_authenticated:
        return redirect_to_login(url)
    if getattr(request, "limited", False):
        return _too_many(request, url)
    organization = _institution(organization_slug)
    user = acting_user(request)
    following = selectors.is_following_institution(user=user, organization=organization)
    services.institution_follow_set(user=user, organization=organization, follow=not following)
    if following:
        messages.success(request, _("Dejaste de seguir a esta institución."))
    else:
        messages.success(request, _("Sigues a esta institución: te avisaremos de sus solicitudes."))
    return redirect(url)
