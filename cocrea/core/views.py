"""Home, territories, organizations, the glossary, health and error pages."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.utils import DatabaseError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_safe

from cocrea.core import selectors, services
from cocrea.core.actors import acting_user
from cocrea.core.editing import edit_view
from cocrea.core.forms import MunicipalityImportForm, OrganizationForm
from cocrea.core.glossary import terms_sorted
from cocrea.core.models import Organization, Sector, TerritoryLevel, User
from cocrea.core.pagination import paginate


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def territory_list(request: HttpRequest) -> HttpResponse:
    level = request.GET.get("nivel", "")
    level = level if level in TerritoryLevel.values else ""
    parent = request.GET.get("entidad", "")[:140]
    page = paginate(request, selectors.territory_list(level=level, parent=parent), per_page=50)
    context = {"page": page, "levels": TerritoryLevel.choices, "level": level, "parent": parent}
    return render(request, "core/territory_list.html", context)


@require_http_methods(["GET", "POST"])
def municipality_import(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not request.user.has_perm("core.import_territories"):
        raise PermissionDenied(_("Solo la administración de la plataforma importa municipios."))
    form = MunicipalityImportForm(request.POST or None, request.FILES or None)
    errors: list[services.RowError] = []
    if request.method == "POST" and form.is_valid():
        try:
            result = services.municipalities_import(
                stream=form.cleaned_data["file"],
                actor=acting_user(request),
            )
        except services.ImportRejected as rejected:
            errors = rejected.errors
        else:
            messages.success(
                request,
                _("Importación completa: %(created)s municipios nuevos, %(updated)s actualizados.")
                % {"created": result.created, "updated": result.updated},
            )
            return redirect("core:territory_list")
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "errors": errors[:500], "error_count": len(errors)}
    return render(request, "core/municipality_import.html", context, status=status)


@require_safe
def glossary(request: HttpRequest) -> HttpResponse:
    return render(request, "core/glossary.html", {"terms": terms_sorted()})


def organization_list(request: HttpRequest) -> HttpResponse:
    sector = request.GET.get("sector", "")
    sector = sector if sector in Sector.values else ""
    q = request.GET.get("q", "")[:100]
    page = paginate(request, selectors.organization_list(sector=sector, q=q))
    context = {"page": page, "sectors": Sector.choices, "sector": sector, "q": q}
    return render(request, "core/organization_list.html", context)


def _organization(request: HttpRequest, organization_slug: str | None = None) -> Organization:
    return (
        selectors.organization_get(slug=organization_slug) if organization_slug else Organization()
    )


def _organization_save(actor: User, organization: Organization, form: Any) -> Organization:
    fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
    if organization.pk:
        return services.organization_update(actor=actor, organization=organization, **fields)
    return services.organization_create(actor=actor, **fields)


organization_edit = edit_view(
    load=_organization,
    permission="core.manage_organizations",
    permission_object=lambda organization: None,
    denied=gettext_lazy("Solo la administración de la plataforma edita organizaciones."),
    form=OrganizationForm,
    form_kwargs=lambda request, organization: {
        "instance": organization if organization.pk else None
    },
    save=_organization_save,
    success_url=lambda organization, saved: reverse(
        "pages:organization_detail", kwargs={"organization_slug": saved.slug}
    ),
    title=gettext_lazy("Organización"),
)


def _error_page(request: HttpRequest, status: int, title: str, message: str) -> HttpResponse:
    if request.path.startswith("/api/"):
        code = {400: "invalid", 403: "forbidden", 404: "not_found"}.get(status, "server_error")
        body = {"error": {"status": status, "code": code, "message": message}}
        return JsonResponse(body, status=status)
    context = {"title": title, "message": message, "status": status}
    return render(request, "error.html", context, status=status)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error_page(
        request, 404, _("No encontramos esta página"), _("Revisa la dirección o vuelve al inicio.")
    )


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    message = (
        str(exception) if exception and str(exception) else _("No tienes permiso para esta acción.")
    )
    return _error_page(request, 403, _("Acceso no permitido"), message)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error_page(
        request, 400, _("Solicitud no válida"), _("La solicitud no se pudo procesar.")
    )


def server_error(request: HttpRequest) -> HttpResponse:
    return _error_page(
        request, 500, _("Error del servidor"), _("Algo falló de nuestro lado. Intenta de nuevo.")
    )


def floor(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")
