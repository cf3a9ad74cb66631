"""Pages of the legal timeline: each law's terms (and where a guarantor keeps them), the
suspensions of terms, and a body's transparency unit and days off."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from cocrea.core.actors import acting_user
from cocrea.core.editing import attach_errors, authorize
from cocrea.core.models import Organization, Territory, TerritoryLevel
from cocrea.core.pagination import paginate
from cocrea.core.rules import is_platform_admin
from cocrea.core.selectors import organization_get
from cocrea.core.view_helpers import found_or_404
from cocrea.requests import timeline_services
from cocrea.requests.models import (
    InstitutionDayOff,
    LegalProfile,
    LegalTerm,
    Suspension,
    TransparencyUnit,
)
from cocrea.requests.rules import guards
from cocrea.requests.timeline_forms import (
    DayOffForm,
    ReasonForm,
    SuspensionForm,
    UnitForm,
    term_formset,
)

KEEP, SUSPEND, CONFIGURE = (
    "requests.keep_timeline",
    "requests.declare_suspension",
    "requests.configure_unit",
)
RECENT_SUSPENSIONS = 10


def _profiles() -> QuerySet[LegalProfile]:
    terms = LegalTerm.objects.order_by("step")
    return LegalProfile.objects.select_related("territory").prefetch_related(
        Prefetch("terms", queryset=terms)
    )


def _suspensions() -> QuerySet[Suspension]:
    return Suspension.objects.select_related("declared_by", "territory", "organization").order_by(
        "-starts_on", "-id"
    )


def _recomputed(request: HttpRequest, changed: int) -> None:
    messages.info(
        request,
        ngettext(
            "Se recalculó el plazo de %(count)d solicitud.",
            "Se recalcularon los plazos de %(count)d solicitudes.",
            changed,
        )
        % {"count": changed},
    )


def timeline(request: HttpRequest) -> HttpResponse:
    profiles = list(_profiles())
    rows = [(profile, request.user.has_perm(KEEP, profile)) for profile in profiles]
    context = {
        "rows": rows,
        "suspensions": list(_suspensions()[:RECENT_SUSPENSIONS]),
        "can_suspend": request.user.has_perm(SUSPEND),
    }
    return render(request, "requests/timeline.html", context)


@require_http_methods(["GET", "POST"])
def profile_edit(request: HttpRequest, profile_id: int) -> HttpResponse:
    profile = found_or_404(
        LegalProfile.objects.select_related("territory").filter(pk=profile_id).first(),
        _("No existe ese perfil legal."),
    )
    if refused := authorize(
        request, KEEP, profile, _("Solo la autoridad garante de esa ley mantiene sus plazos.")
    ):
        return refused
    data = request.POST if request.method == "POST" else None
    formset = term_formset(profile, data)
    reason = ReasonForm(data)
    if data is not None and formset.is_valid() and reason.is_valid():
        try:
            changed = timeline_services.term_save(
                actor=acting_user(request),
                profile=profile,
                changes=[form.change() for form in formset.forms],
                reason=reason.cleaned_data["reason"],
            )
        except ValidationError as error:
            attach_errors(reason, error)
        else:
            messages.success(request, _("Los plazos se guardaron."))
            _recomputed(request, changed)
            return redirect("requests:timeline")
    context = {"profile": profile, "formset": formset, "reason_form": reason}
    return render(
        request, "requests/timeline_edit.html", context, status=400 if data is not None else 200
    )


def suspension_list(request: HttpRequest) -> HttpResponse:
    context = {
        "page": paginate(request, _suspensions()),
        "can_suspend": request.user.has_perm(SUSPEND),
    }
    return render(request, "requests/suspension_list.html", context)


def _may_suspend(user: Any, territory: Territory | None, organization: Organization | None) -> bool:
    """Whether `user` guards the scope of a suspension: the body, the state (a national
    guarantor for the federation or for all)."""
    if is_platform_admin(user):
        return True
    if organization is not None:
        return guards(user, organization)
    scope = territory or Territory.objects.filter(level=TerritoryLevel.NATIONAL).first()
    return scope is not None and guards(user, Organization(territory=scope))


@require_http_methods(["GET", "POST"])
def suspension_new(request: HttpRequest) -> HttpResponse:
    if refused := authorize(
        request, SUSPEND, None, _("Solo una autoridad garante declara suspensiones de plazos.")
    ):
        return refused
    actor = acting_user(request)
    form = SuspensionForm(request.POST or None, actor=actor)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not _may_suspend(request.user, data["territory"], data["organization"]):
            form.add_error(None, _("Ese ámbito no está bajo tu autoridad garante."))
        else:
            try:
                _suspension, changed = timeline_services.suspension_declare(actor=actor, **data)
            except ValidationError as error:
                attach_errors(form, error)
            else:
                messages.success(request, _("La suspensión quedó registrada."))
                _recomputed(request, changed)
                return redirect("requests:suspension_list")
    context = {
        "title": _("Declarar una suspensión de plazos"),
        "form": form,
        "cancel_url": reverse("requests:suspension_list"),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "requests/suspension_new.html", context, status=status)


def _body(request: HttpRequest, organization_slug: str) -> Organization:
    organization = organization_get(slug=organization_slug)
    if not request.user.has_perm(CONFIGURE, organization):
        raise PermissionDenied(_("Solo el enlace de la institución configura su unidad."))
    return organization


@require_http_methods(["GET", "POST"])
def unit_edit(request: HttpRequest, organization_slug: str) -> HttpResponse:
    if not request.user.is_authenticated:
        return authorize(request, CONFIGURE) or redirect("requests:timeline")
    organization = _body(request, organization_slug)
    unit = TransparencyUnit.objects.filter(organization=organization).first()
    form = UnitForm(request.POST or None, instance=unit)
    if request.method == "POST" and form.is_valid():
        timeline_services.unit_save(
            actor=acting_user(request), organization=organization, **form.cleaned_data
        )
        messages.success(request, _("Los cambios se guardaron."))
        return redirect("requests:unit_edit", organization_slug=organization.slug)
    context = {
        "title": _("Unidad de transparencia"),
        "subject": organization.name,
        "organization": organization,
        "form": form,
        "cancel_url": reverse("requests:timeline"),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "requests/unit_edit.html", context, status=status)


@require_http_methods(["GET", "POST"])
def days_off(request: HttpRequest, organization_slug: str) -> HttpResponse:
    if not request.user.is_authenticated:
        return authorize(request, CONFIGURE) or redirect("requests:timeline")
    organization = _body(request, organization_slug)
    action = request.POST.get("action")
    form = DayOffForm(request.POST if action == "add" else None)
    problems: list[str] = []
    if request.method == "POST":
        actor = acting_user(request)
        try:
            if action == "remove":
                changed = timeline_services.day_off_remove(
                    actor=actor,
                    organization=organization,
                    day_off_id=_number(request.POST.get("day_off")),
                )
                messages.success(request, _("El día inhábil se quitó."))
            elif action == "add" and form.is_valid():
                _day, changed = timeline_services.day_off_add(
                    actor=actor, organization=organization, **form.cleaned_data
                )
                messages.success(request, _("El día inhábil quedó registrado."))
            elif action != "add":
                raise ValidationError(_("Elige agregar o quitar un día inhábil."))
            else:
                changed = -1  # the form shows its errors
        except ValidationError as error:
            if action == "add":
                attach_errors(form, error)
            else:
                problems = error.messages
            changed = -1
        if changed >= 0:
            _recomputed(request, changed)
            return redirect("requests:days_off", organization_slug=organization.slug)
    context = {
        "organization": organization,
        "form": form,
        "problems": problems,
        "page": paginate(
            request, InstitutionDayOff.objects.filter(organization=organization).order_by("-date")
        ),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "requests/days_off.html", context, status=status)


def _number(raw: str | None) -> int:
    missing = _("Ese día inhábil no existe o es de otra institución.")
    try:
        number = int(raw or "")
    except ValueError:
        raise ValidationError(missing) from None
    if not 0 < number < 2**31:
        raise ValidationError(missing)
    return number
