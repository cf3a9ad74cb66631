"""Pages of a legislative process: the list, the process with its phases and figures, its text
by version, and where the committee opens it, dates its phases and closes it."""

from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from cocrea.core.editing import Target, edit_view, record_instance
from cocrea.core.forms import model_fields
from cocrea.core.headings import FormTitle
from cocrea.core.history import history_page
from cocrea.core.pagination import paginate
from cocrea.core.view_helpers import found_or_404
from cocrea.exercises import selectors as exercise_selectors
from cocrea.lawmaking import closing, debate_selectors, selectors, services
from cocrea.lawmaking.forms import CloseForm, PhaseForm, ProcessForm
from cocrea.lawmaking.models import LegislativeProcess, Phase, PhaseKind, TextUnit, TextVersion

MANAGE, ADD = "lawmaking.manage_process", "lawmaking.add_process"
UNITS_PER_PAGE = 60


def process_scope(process: LegislativeProcess) -> str:
    """The pseudonyms of a process's pages: the same person, the same code, only here."""
    return f"lawmaking:{process.pk}"


def process_or_404(process_slug: str) -> LegislativeProcess:
    """The process the address names; a 404 saying so when there is none."""
    return found_or_404(
        selectors.process_get(slug=process_slug), _("No existe ese proceso legislativo.")
    )


def _version(process: LegislativeProcess, number: int) -> TextVersion:
    return found_or_404(
        selectors.version_get(process=process, number=number),
        _("Ese proceso no tiene publicada una versión con ese número."),
    )


def process_list(request: HttpRequest) -> HttpResponse:
    page = paginate(request, selectors.process_list())
    context = {
        "page": page,
        "rows": selectors.phases_now(processes=list(page.object_list)),
        "can_add": request.user.has_perm(ADD),
    }
    return render(request, "lawmaking/process_list.html", context)


def exercise_processes(request: HttpRequest, exercise_slug: str) -> HttpResponse:
    exercise = exercise_selectors.exercise_get(slug=exercise_slug)
    page = paginate(request, selectors.process_list(exercise=exercise))
    context = {
        "exercise": exercise,
        "page": page,
        "rows": selectors.phases_now(processes=list(page.object_list)),
        "can_add": request.user.has_perm(ADD),
    }
    return render(request, "lawmaking/exercise_processes.html", context)


def process_detail(request: HttpRequest, process_slug: str) -> HttpResponse:
    process = process_or_404(process_slug)
    version = selectors.latest_version(process=process)
    context = {
        "process": process,
        "phases": selectors.phase_rows(process=process),
        "current": selectors.current_phase(process=process),
        "version": version,
        "contents": selectors.table_of_contents(version=version) if version else [],
        "versions": selectors.version_rows(process=process, drafts=_manages(request, process)),
        "figures": selectors.answer_figures(process=process),
        "questions": debate_selectors.questions_of(process=process),
        "follows": selectors.follows(user=request.user, process=process),
        "can_manage": _manages(request, process),
        "can_moderate": request.user.has_perm("lawmaking.moderate", process),
        "phase_kinds": PhaseKind.choices,
    }
    return render(request, "lawmaking/process_detail.html", context)


def _manages(request: HttpRequest, process: LegislativeProcess) -> bool:
    return bool(request.user.has_perm(MANAGE, process))


def _process_to_edit(request: HttpRequest, process_slug: str | None = None) -> LegislativeProcess:
    if process_slug is not None:
        return process_or_404(process_slug)
    exercise_slug = request.GET.get("ejercicio", "")[:80]
    exercise = exercise_selectors.exercise_get(slug=exercise_slug) if exercise_slug else None
    return LegislativeProcess(exercise=exercise)


def _process_title(process: LegislativeProcess) -> FormTitle:
    home = reverse("lawmaking:process_list")
    trail = ((home, _("Cocreación de leyes")),)
    if process.pk is None:
        return FormTitle(_("Abrir un proceso legislativo"), breadcrumbs=trail, cancel_url=home)
    url = process.get_absolute_url()
    return FormTitle(
        _("Editar el proceso"),
        subject=process.title,
        breadcrumbs=(*trail, (url, process.title)),
        cancel_url=url,
    )


process_edit = edit_view(
    load=_process_to_edit,
    permission=lambda process: MANAGE if process.pk else ADD,
    permission_object=lambda process: process if process.pk else None,
    denied=lambda process: (
        _("Solo la comisión del congreso y quienes editan el ejercicio editan este proceso.")
        if process.pk
        else _("Abren procesos los enlaces de un congreso y quienes editan un ejercicio.")
    ),
    form=ProcessForm,
    form_kwargs=lambda request, process: {"instance": process, "user": request.user},
    save=lambda actor, process, form: services.process_save(
        actor=actor, process=process, **model_fields(form)
    ),
    success_url=lambda process, saved: saved.get_absolute_url(),
    title=_process_title,
)


def _phase_of(
    request: HttpRequest, process_slug: str, phase_kind: str
) -> Target[LegislativeProcess, Phase]:
    process = process_or_404(process_slug)
    if phase_kind not in PhaseKind.values:
        raise Http404(_("No existe esa fase."))
    found = selectors.phase_of(process=process, kind=phase_kind)
    return Target(process, found or Phase(process=process, kind=phase_kind))


def _phase_title(target: Target[LegislativeProcess, Phase]) -> FormTitle:
    process, phase = target
    url = process.get_absolute_url()
    return FormTitle(
        _("Fechas de la fase «%s»") % phase.get_kind_display(),
        subject=process.title,
        breadcrumbs=((url, process.title),),
        cancel_url=url,
    )


phase_edit = edit_view(
    load=_phase_of,
    permission=MANAGE,
    denied=gettext_lazy("Solo la comisión del congreso fija las fases del proceso."),
    form=PhaseForm,
    form_kwargs=record_instance,
    save=lambda actor, target, form: services.phase_save(
        actor=actor, process=target.parent, kind=target.record.kind, **form.cleaned_data
    ),
    success_url=lambda target, saved: target.parent.get_absolute_url(),
    title=_phase_title,
)


@require_POST
def process_follow(request: HttpRequest, process_slug: str) -> HttpResponse:
    process = process_or_404(process_slug)
    if not request.user.is_authenticated:
        return redirect_to_login(process.get_absolute_url())
    follow = request.POST.get("seguir") != "0"
    services.process_follow(actor=request.user, process=process, follow=follow)
    return redirect(process.get_absolute_url())


process_close = edit_view(
    load=lambda request, process_slug: process_or_404(process_slug),
    permission=MANAGE,
    denied=gettext_lazy("Solo la comisión del congreso cierra el proceso."),
    form=CloseForm,
    form_kwargs=lambda request, process: {"initial": {"result": process.result}},
    save=lambda actor, process, form: closing.process_close(
        actor=actor, process=process, result=form.cleaned_data["result"]
    ),
    success_url=lambda process, queued: process.get_absolute_url(),
    title=lambda process: FormTitle(
        _("Cerrar el proceso y enviar el resumen"),
        subject=process.title,
        breadcrumbs=((process.get_absolute_url(), process.title),),
        cancel_url=process.get_absolute_url(),
    ),
)


def process_history(request: HttpRequest, process_slug: str) -> HttpResponse:
    process = process_or_404(process_slug)
    page, entries = history_page(
        request,
        LegislativeProcess.history.filter(id=process.pk),
        scope=process_scope(process),
    )
    context = {"subject": process, "page": page, "entries": entries}
    return render(request, "core/history.html", context)


def _text_page(
    request: HttpRequest, process: LegislativeProcess, version: TextVersion | None
) -> dict[str, Any]:
    units = selectors.version_units(version=version) if version else TextUnit.objects.none()
    return {
        "process": process,
        "version": version,
        "units": paginate(request, units, per_page=UNITS_PER_PAGE),
        "versions": selectors.version_rows(process=process),
    }


def text(request: HttpRequest, process_slug: str) -> HttpResponse:
    process = process_or_404(process_slug)
    version = selectors.latest_version(process=process)
    return render(request, "lawmaking/text.html", _text_page(request, process, version))


def version_list(request: HttpRequest, process_slug: str) -> HttpResponse:
    process = process_or_404(process_slug)
    context = {
        "process": process,
        "versions": selectors.version_rows(process=process, drafts=_manages(request, process)),
        "can_manage": _manages(request, process),
    }
    return render(request, "lawmaking/version_list.html", context)


def version_detail(request: HttpRequest, process_slug: str, version_number: int) -> HttpResponse:
    process = process_or_404(process_slug)
    version = _version(process, version_number)
    context = _text_page(request, process, version) | {
        "incorporated": selectors.incorporated_in(version=version)[:100],
    }
    return render(request, "lawmaking/version_detail.html", context)


def version_unit(
    request: HttpRequest, process_slug: str, version_number: int, unit_key: str
) -> HttpResponse:
    process = process_or_404(process_slug)
    version = _version(process, version_number)
    unit = found_or_404(
        selectors.unit_get(version=version, key=unit_key),
        _("Esa versión no tiene esa parte del texto."),
    )
    context = {
        "process": process,
        "version": version,
        "unit": unit,
        "other_versions": selectors.versions_with_unit(process=process, key=unit_key),
        "incorporated": selectors.incorporated_in(version=version, unit_key=unit_key)[:100],
    }
    return render(request, "lawmaking/version_unit.html", context)
