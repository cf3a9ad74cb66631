"""Pages of citizens' reports (file in three steps, follow in public, handle in a queue, moderate
their photos), the pages that manage categories, their questions and deadlines and the days off
state by state. The Open311 GeoReport v2 endpoints are in open311_views.py."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from cocrea.core.actors import acting_user
from cocrea.core.editing import Target, authorize, edit_view, record_instance, save_form
from cocrea.core.files import file_response
from cocrea.core.forms import model_fields
from cocrea.core.headings import FormTitle
from cocrea.core.models import Territory, TerritoryLevel
from cocrea.core.pagination import paginate
from cocrea.core.params import id_param
from cocrea.core.selectors import liaison_organization_ids
from cocrea.core.view_helpers import found_or_404
from cocrea.exercises.models import state_time_zone
from cocrea.reports import selectors, services
from cocrea.reports.calendar import days_off_listed, state_of
from cocrea.reports.deadlines import queue_rows
from cocrea.reports.filing import list_territory
from cocrea.reports.forms import (
    AttributeForm,
    CategoryForm,
    HolidayForm,
    RedactionForm,
    TransitionForm,
)
from cocrea.reports.models import Category, CategoryAttribute, Photo, Report
from cocrea.reports.statistics import report_figures


def filtered_page(
    request: HttpRequest, reports: QuerySet[Report], category: str, status: str
) -> dict[str, Any]:
    """A page of the public reports, with what their filter form shows: the categories and
    the filters chosen."""
    return {
        "page": paginate(request, reports),
        "categories": selectors.category_list(),
        "category": category,
        "status": status,
    }


def report_list(request: HttpRequest) -> HttpResponse:
    category = request.GET.get("categoria", "")
    status = request.GET.get("estado", "")
    reports = selectors.report_public_list(category=category, status=status)
    context = filtered_page(request, reports, category, status)
    return render(request, "reports/report_list.html", context)


def _report_or_404(report_id: int) -> Report:
    return found_or_404(selectors.report_get(report_id=report_id), _("No existe ese reporte."))


@require_http_methods(["GET", "POST"])
def report_detail(request: HttpRequest, report_id: int) -> HttpResponse:
    """Public tracking: the state, the due time and every step. With `?nuevo=<token>` (where
    filing ends) the receipt instead: the address to keep and what happens next."""
    if request.method == "GET" and "nuevo" in request.GET:
        filed = selectors.report_filed(report_id=report_id, token=request.GET["nuevo"])
        if filed is not None:
            return _receipt(request, filed)
    report = _report_or_404(report_id)
    can_handle = request.user.has_perm("reports.handle_report", report)
    can_redact = request.user.has_perm("reports.redact_report", report)
    if request.method == "POST" and not can_handle:
        raise PermissionDenied
    form = TransitionForm(request.POST or None, initial={"status": report.status})
    context = {
        "report": report,
        "events": selectors.report_events(report=report)[:200],
        "can_handle": can_handle,
        "private": selectors.report_private(report=report) if can_handle else None,
        "can_redact": can_redact,
        "photos": selectors.report_photos(report=report, with_hidden=can_redact or can_handle),
        "answers": selectors.report_answers(report=report, public_only=not can_handle),
        "work": selectors.complaint_subject_get(work_id=report.public_work_id)
        if report.public_work_id
        else None,
        "zone": state_time_zone(getattr(report, "state_code", None)).key,
    }
    return save_form(
        request,
        form,
        lambda: services.report_transition(
            report=report,
            to_status=form.cleaned_data["status"],
            note=form.cleaned_data["note"],
            actor=acting_user(request),
            institution=form.cleaned_data["institution"],
        ),
        report.get_absolute_url(),
        "reports/report_detail.html",
        context,
    )


def _receipt(request: HttpRequest, report: Report) -> HttpResponse:
    """Only what anyone may see of the report: no contact data, no address."""
    context = {
        "report": report,
        "tracking_url": request.build_absolute_uri(report.get_absolute_url()),
        "zone": state_time_zone(getattr(report, "state_code", None)).key,
    }
    return render(request, "reports/report_receipt.html", context)


@login_required
def report_queue(request: HttpRequest) -> HttpResponse:
    """The liaisons' queue: open reports of their institutions by due time, each with the
    working days left to answer (or how late it is); `?vencidos=1`, only the late ones."""
    ids = list(liaison_organization_ids(user=request.user))
    if not ids and not request.user.is_superuser:
        raise PermissionDenied
    everyone = request.user.is_superuser and not ids
    overdue = request.GET.get("vencidos") == "1"
    reports = selectors.report_queue(organization_ids=None if everyone else ids, overdue=overdue)
    page = paginate(request, reports)
    context = {"page": page, "rows": queue_rows(list(page.object_list)), "overdue": overdue}
    return render(request, "reports/report_queue.html", context)


def report_statistics(request: HttpRequest) -> HttpResponse:
    context = {
        "tables": [
            (_("Por institución"), report_figures(group="institution")[:200]),
            (_("Por categoría"), report_figures(group="category")[:200]),
            (_("Por municipio"), report_figures(group="municipality")[:200]),
        ]
    }
    return render(request, "reports/report_statistics.html", context)


def _report(request: HttpRequest, report_id: int) -> Report:
    return _report_or_404(report_id)


report_redact = edit_view(
    load=_report,
    permission="reports.redact_report",
    denied=gettext_lazy("Solo la moderación edita el texto de un reporte."),
    form=RedactionForm,
    form_kwargs=lambda request, report: {"initial": {"description": report.description}},
    save=lambda actor, report, form: services.report_redact(
        report=report,
        description=form.cleaned_data["description"],
        reason=form.cleaned_data["reason"],
        actor=actor,
    ),
    success_url=lambda report, saved: report.get_absolute_url(),
    title=lambda report: FormTitle(
        _("Editar la descripción del reporte"),
        subject=_("Reporte %(n)s: %(category)s")
        % {"n": report.pk, "category": report.category.name},
        breadcrumbs=((reverse("reports:report_list"), _("Reportes ciudadanos")),),
        cancel_url=report.get_absolute_url(),
    ),
)


def _photo(photo_id: int) -> Photo:
    return found_or_404(selectors.photo_get(photo_id=photo_id), _("No existe esa foto."))


def photo_file(request: HttpRequest, photo_id: int) -> FileResponse:
    """A photo without metadata; a hidden one only for moderation and whoever handles it."""
    photo = _photo(photo_id)
    if photo.hidden_at is not None and not _may_see_hidden(request, photo):
        raise Http404(_("Esa foto fue ocultada por moderación."))
    response = file_response(photo.image, f"foto-{photo.pk}.jpg")
    response["Content-Type"] = "image/jpeg"
    response["Content-Disposition"] = f'inline; filename="foto-{photo.pk}.jpg"'
    return response


def _may_see_hidden(request: HttpRequest, photo: Photo) -> bool:
    user = request.user
    if user.has_perm("reports.redact_report", photo.report):
        return True
    return photo.report is not None and user.has_perm("reports.handle_report", photo.report)


@require_POST
def photo_hide(request: HttpRequest, photo_id: int) -> HttpResponse:
    photo = _photo(photo_id)
    message = _("Solo la moderación oculta fotos.")
    if denied := authorize(request, "reports.redact_report", photo.report, message):
        return denied
    back = (
        reverse("reports:report_detail", args=[photo.report_id])
        if photo.report_id
        else _inspection_url(photo)
    )
    try:
        services.photo_hide(
            photo=photo, reason=request.POST.get("reason", ""), actor=acting_user(request)
        )
    except ValidationError as problem:
        messages.error(request, " ".join(problem.messages))
    else:
        messages.success(request, _("La foto quedó oculta; el motivo es público."))
    return redirect(back)


def _inspection_url(photo: Photo) -> str:
    """An inspection sheet's photo goes back to its work's page (through the relations: the
    comptrollership app is above reports)."""
    assert photo.inspection is not None
    return photo.inspection.public_work.get_absolute_url()


# Categories, their questions and deadlines, and the days off, state by state


def category_list(request: HttpRequest) -> HttpResponse:
    """The categories of each state, with their institution, deadline and questions; those who
    manage some see their retired ones too, and the links to manage them."""
    territory = list_territory(request)
    scope = selectors.management_scope(user=request.user)
    categories = selectors.category_catalogue(scope=scope, territory=territory)[:500]
    rows = [
        (category, bool(scope) and selectors.covers_category(scope, category))
        for category in categories
    ]
    context = {
        "rows": rows,
        "territory": territory,
        "territories": selectors.list_territories(),
        "can_add": request.user.has_perm("reports.add_category"),
        "can_manage_days_off": request.user.has_perm(
            "reports.manage_days_off", _days_off_territory(territory)
        )
        if territory
        else False,
    }
    return render(request, "reports/category_list.html", context)


def _category(code: str, request: HttpRequest) -> Category:
    missing = _("No existe esa categoría de reporte.")
    category = found_or_404(selectors.category_for_manager(code=code), missing)
    if not category.is_active and not request.user.has_perm("reports.change_category", category):
        raise Http404(missing)
    return category


def category_detail(request: HttpRequest, category_code: str) -> HttpResponse:
    """A category in public: its state, institution, deadline and questions; for those who
    manage it, the tools to edit it and its questions."""
    category = _category(category_code, request)
    can_change = request.user.has_perm("reports.change_category", category)
    context = {
        "category": category,
        "attributes": selectors.category_attributes(category=category),
        "can_change": can_change,
        "form": AttributeForm(initial={"order": _next_order(category)}) if can_change else None,
    }
    return render(request, "reports/category_detail.html", context)


def _next_order(category: Category) -> int:
    last = category.attributes.order_by("-order").values_list("order", flat=True).first()
    return (last or 0) + 1


NOT_YOURS = gettext_lazy(
    "Manejan las categorías la coordinación del ejercicio de su entidad, los enlaces de su "
    "institución y la administración de la plataforma."
)


def _category_to_edit(request: HttpRequest, category_code: str | None = None) -> Category:
    if category_code is None:
        return Category()
    return _category(category_code, request)


def _category_form(request: HttpRequest, category: Category) -> dict[str, Any]:
    scope = selectors.management_scope(user=request.user)
    kwargs: dict[str, Any] = {
        "instance": category,
        "institutions": selectors.institutions_for(scope=scope),
        "territories": selectors.list_territories(),
    }
    if not category.pk:
        initial = list_territory(request) or next((state_of(t) for t in scope.territories), None)
        kwargs["initial"] = {"territory": initial.pk if initial else None}
    return kwargs


category_edit = edit_view(
    load=_category_to_edit,
    permission=lambda category: (
        "reports.change_category" if category.pk else "reports.add_category"
    ),
    permission_object=lambda category: category if category.pk else None,
    denied=NOT_YOURS,
    form=CategoryForm,
    form_kwargs=_category_form,
    save=lambda actor, category, form: services.category_save(
        actor=actor, category=category, **model_fields(form)
    ),
    success_url=lambda category, saved: reverse("reports:category_detail", args=[saved.code]),
    title=lambda category: (
        _("Editar la categoría «%s»") % category.name
        if category.pk
        else _("Nueva categoría de reporte")
    ),
    template="reports/category_form.html",
)


def _attribute_of(
    request: HttpRequest, category_code: str, attribute_id: int | None = None
) -> Target[Category, CategoryAttribute]:
    category = _category(category_code, request)
    if attribute_id is None:
        return Target(category, CategoryAttribute(category=category))
    attribute = selectors.attribute_get(category=category, attribute_id=attribute_id)
    return Target(category, found_or_404(attribute, _("No existe esa pregunta.")))


def _save_attribute(actor: Any, target: Target[Category, CategoryAttribute], form: Any) -> Any:
    return services.attribute_save(
        actor=actor,
        attribute=target.record,
        options=form.cleaned_data.get("options", ""),
        **model_fields(form),
    )


attribute_edit = edit_view(
    load=_attribute_of,
    permission="reports.change_category",
    denied=NOT_YOURS,
    form=AttributeForm,
    form_kwargs=record_instance,
    save=_save_attribute,
    success_url=lambda target, saved: reverse("reports:category_detail", args=[target.parent.code]),
    title=lambda target: (
        _("Pregunta de «%s»") % target.parent.name
        if target.record.pk
        else _("Nueva pregunta de «%s»") % target.parent.name
    ),
    template="reports/category_form.html",
)


@require_POST
def attribute_delete(request: HttpRequest, category_code: str, attribute_id: int) -> HttpResponse:
    target = _attribute_of(request, category_code, attribute_id)
    if denied := authorize(request, "reports.change_category", target.parent, str(NOT_YOURS)):
        return denied
    services.attribute_delete(actor=acting_user(request), attribute=target.record)
    messages.success(
        request, _("La pregunta se quitó; las respuestas ya dadas siguen en sus reportes.")
    )
    return redirect("reports:category_detail", category_code=category_code)


def _days_off_territory(territory: Territory | None) -> Territory | None:
    """Days off of the whole country are stored without a territory."""
    if territory is None or territory.level == TerritoryLevel.NATIONAL:
        return None
    return territory


@require_http_methods(["GET", "POST"])
def holiday_list(request: HttpRequest) -> HttpResponse:
    """A state's days off for a year (`?entidad=`, `?anio=`): the official ones, the whole
    country's and the state's own; its coordination adds and removes the state's here."""
    territory = list_territory(request)
    where = _days_off_territory(territory)
    year = _year(request.GET.get("anio", ""))
    can_manage = request.user.has_perm("reports.manage_days_off", where)
    if request.method == "POST":
        message = _("Solo la coordinación del ejercicio de la entidad maneja sus días inhábiles.")
        if denied := authorize(request, "reports.manage_days_off", where, message):
            return denied
    form = HolidayForm(request.POST or None)
    context = {
        "territory": territory,
        "territories": selectors.list_territories(),
        "year": year,
        "years": [year - 1, year, year + 1],
        "days": [
            (day, can_manage and day.holiday is not None and day.holiday.territory == where)
            for day in days_off_listed(year, where)
        ],
        "can_manage": can_manage,
        "where": where,
    }
    back = request.get_full_path()
    return save_form(
        request,
        form,
        lambda: services.holiday_add(
            actor=acting_user(request),
            territory=where,
            date=form.cleaned_data["date"],
            name=form.cleaned_data["name"],
        ),
        back,
        "reports/holiday_list.html",
        context,
    )


def _year(raw: str) -> int:
    this_year, year = timezone.localdate().year, id_param(raw)
    return year if year is not None and abs(year - this_year) <= 10 else this_year


@require_POST
def holiday_delete(request: HttpRequest, holiday_id: int) -> HttpResponse:
    holiday = found_or_404(
        selectors.holiday_get(holiday_id=holiday_id), _("No existe ese día inhábil.")
    )
    message = _("Solo la coordinación del ejercicio de la entidad maneja sus días inhábiles.")
    if denied := authorize(request, "reports.manage_days_off", holiday.territory, message):
        return denied
    services.holiday_delete(actor=acting_user(request), holiday=holiday)
    messages.success(request, _("El día inhábil se quitó."))
    slug = holiday.territory.slug if holiday.territory else "mexico"
    url = reverse("reports:holiday_list")
    return redirect(f"{url}?entidad={slug}&anio={holiday.date.year}")
