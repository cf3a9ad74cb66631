"""Pages for citizens' reports: file in three steps, follow in public, handle in a queue."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST
from django_ratelimit.decorators import ratelimit

from cocrea.core.actors import acting_user
from cocrea.core.editing import authorize, edit_view, save_form
from cocrea.core.files import file_response
from cocrea.core.pagination import paginate
from cocrea.core.selectors import liaison_organization_ids
from cocrea.reports import comptrollership as comptrollership_selectors
from cocrea.reports import selectors, services
from cocrea.reports.forms import RedactionForm, ReportForm, TransitionForm
from cocrea.reports.models import Photo, PublicWork, Report
from cocrea.reports.statistics import report_figures


def report_list(request: HttpRequest) -> HttpResponse:
    category = request.GET.get("categoria", "")
    status = request.GET.get("estado", "")
    reports = selectors.report_public_list(category=category, status=status)
    context = {
        "page": paginate(request, reports),
        "categories": selectors.category_list(),
        "category": category,
        "status": status,
    }
    return render(request, "reports/report_list.html", context)


def report_new(request: HttpRequest) -> HttpResponse:
    """Step 1: choose what to report."""
    return render(request, "reports/report_new.html", {"categories": selectors.category_choices()})


@ratelimit(key="ip", rate="10/h", method="POST", block=False)
@require_http_methods(["GET", "POST"])
def report_file(request: HttpRequest, category_code: str) -> HttpResponse:
    """Step 2: describe it and say where; contact data optional and private."""
    category = selectors.category_get(code=category_code)
    if category is None:
        raise Http404(_("No existe esa categoría de reporte."))
    form = ReportForm(request.POST or None, request.FILES or None, category=category)
    work = _work_from(request)
    if request.method == "POST" and getattr(request, "limited", False):
        form.add_error(None, _("Demasiados reportes desde esta dirección; espera una hora."))
    elif form.is_valid():
        try:
            report = services.report_create(
                filing=form.filing(public_work=work),
                reporter=request.user if request.user.is_authenticated else None,
                ip_address=request.META.get("REMOTE_ADDR"),
            )
        except ValidationError as problem:
            form.add_error(None, problem)
        else:
            return redirect(f"{report.get_absolute_url()}?nuevo={report.token}")
    status = 429 if getattr(request, "limited", False) else (400 if form.errors else 200)
    context = {"form": form, "category": category, "work": work}
    return render(request, "reports/report_file.html", context, status=status)


def _work_from(request: HttpRequest) -> PublicWork | None:
    """The public work a complaint is about (`?obra=<id>`); an unknown one is a 404."""
    raw = request.GET.get("obra", "")
    if not raw:
        return None
    work = comptrollership_selectors.work_get(work_id=int(raw)) if raw.isdigit() else None
    if work is None:
        raise Http404(_("No existe esa obra."))
    return work


def _report_or_404(report_id: int) -> Report:
    report = selectors.report_get(report_id=report_id)
    if report is None:
        raise Http404(_("No existe ese reporte."))
    return report


@require_http_methods(["GET", "POST"])
def report_detail(request: HttpRequest, report_id: int) -> HttpResponse:
    """Step 3 and public tracking: the state, the due time and every step."""
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
        "just_filed": str(request.GET.get("nuevo", "")) != "",
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


@login_required
def report_queue(request: HttpRequest) -> HttpResponse:
    """The liaisons' queue: open reports of their institutions by due time."""
    ids = list(liaison_organization_ids(user=request.user))
    if not ids and not request.user.is_superuser:
        raise PermissionDenied
    everyone = request.user.is_superuser and not ids
    page = paginate(request, selectors.report_queue(organization_ids=None if everyone else ids))
    return render(request, "reports/report_queue.html", {"page": page})


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
    title=lambda report: _("Editar la descripción del reporte %s") % report.pk,
)


def comptrollership(request: HttpRequest) -> HttpResponse:
    context = {
        "works": paginate(request, comptrollership_selectors.work_list()),
        "figures": comptrollership_selectors.computed_figures(),
        "reported": comptrollership_selectors.reported_figures()[:50],
        "can_add": request.user.has_perm("reports.add_work"),
    }
    return render(request, "reports/comptrollership.html", context)


def work_detail(request: HttpRequest, work_id: int) -> HttpResponse:
    work = comptrollership_selectors.work_get(work_id=work_id)
    if work is None:
        raise Http404(_("No existe esa obra."))
    context = {
        "work": work,
        "committees": work.committees.all()[:100],
        "inspections": paginate(request, comptrollership_selectors.work_inspections(work=work)),
        "can_edit": request.user.has_perm("reports.change_work", work),
        "can_inspect": request.user.has_perm("reports.add_inspection", work),
        "complaint_categories": selectors.category_list(),
    }
    return render(request, "reports/work_detail.html", context)


def photo_file(request: HttpRequest, photo_id: int) -> FileResponse:
    """A photo without metadata; a hidden one only for moderation and whoever handles it."""
    photo = selectors.photo_get(photo_id=photo_id)
    if photo is None:
        raise Http404(_("No existe esa foto."))
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
    photo = selectors.photo_get(photo_id=photo_id)
    if photo is None:
        raise Http404(_("No existe esa foto."))
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
    assert photo.inspection is not None
    return reverse("reports:work_detail", args=[photo.inspection.public_work_id])
