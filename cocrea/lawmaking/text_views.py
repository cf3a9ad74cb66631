"""Importing a version of a bill's text, correcting the structure found, publishing it.

Only the people who run the process (`lawmaking.manage_process`: the congress's liaisons, the
editors of its exercise, the admins) reach these pages; an unpublished version is theirs alone.
"""

from functools import partial
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from cocrea.core.actors import acting_user
from cocrea.core.editing import (
    Target,
    attach_errors,
    authorize,
    edit_view,
    record_instance,
    record_under,
)
from cocrea.core.headings import FormTitle
from cocrea.core.queries import or_404
from cocrea.lawmaking import text_selectors, text_services
from cocrea.lawmaking.models import LegislativeProcess, TextUnit, TextVersion
from cocrea.lawmaking.selectors import process_get
from cocrea.lawmaking.text_forms import UnitForm, VersionImportForm

MANAGE = "lawmaking.manage_process"


def _denied() -> str:
    return _("Solo quienes llevan el proceso legislativo pueden cambiar su texto.")


def _process(process_slug: str) -> LegislativeProcess:
    return or_404(process_get(slug=process_slug))


def _version(request: HttpRequest, process_slug: str, version_number: int) -> TextVersion:
    return or_404(text_selectors.draft_get(process_slug=process_slug, number=version_number))


def _review_url(version: TextVersion, anchor: str = "") -> str:
    args = [version.process.slug, version.number]
    return reverse("lawmaking:version_review", args=args) + anchor


def _unpublished(version: TextVersion) -> None:
    if version.published_at is not None:
        raise PermissionDenied(
            _("La versión ya se publicó; para cambiar el texto, importa una versión nueva.")
        )


@require_http_methods(["GET", "POST"])
def version_new(request: HttpRequest, process_slug: str) -> HttpResponse:
    process = _process(process_slug)
    if refused := authorize(request, MANAGE, process, _denied()):
        return refused
    form = VersionImportForm(request.POST or None, request.FILES or None, process=process)
    if request.method == "POST" and form.is_valid():
        try:
            imported = text_services.version_import(
                actor=acting_user(request), process=process, **form.import_fields()
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            for note in imported.notes:
                messages.warning(request, note)
            messages.success(request, _("Revisa la estructura encontrada antes de publicarla."))
            return redirect(_review_url(imported.version))
    status = 400 if request.method == "POST" else 200
    context = {"process": process, "form": form}
    return render(request, "lawmaking/text_version_new.html", context, status=status)


def _review(
    request: HttpRequest, version: TextVersion, problems: list[str], status: int = 200
) -> HttpResponse:
    units = text_selectors.review_units(version=version)
    context = {
        "process": version.process,
        "version": version,
        "units": units,
        "checks": text_selectors.review_checks(units=units),
        "problems": problems,
    }
    return render(request, "lawmaking/text_version_review.html", context, status=status)


@require_http_methods(["GET"])
def version_review(request: HttpRequest, process_slug: str, version_number: int) -> HttpResponse:
    version = _version(request, process_slug, version_number)
    if refused := authorize(request, MANAGE, version.process, _denied()):
        return refused
    if version.published_at is not None:
        return redirect("lawmaking:version_detail", process_slug, version_number)
    return _review(request, version, [])


@require_POST
def version_publish(request: HttpRequest, process_slug: str, version_number: int) -> HttpResponse:
    version = _version(request, process_slug, version_number)
    if refused := authorize(request, MANAGE, version.process, _denied()):
        return refused
    _unpublished(version)
    try:
        text_services.version_publish(actor=acting_user(request), version=version)
    except ValidationError as error:
        return _review(request, version, error.messages, status=400)
    messages.success(request, _("Se publicó «%(label)s».") % {"label": version.label})
    return redirect("lawmaking:process_detail", process_slug)


@require_POST
def version_discard(request: HttpRequest, process_slug: str, version_number: int) -> HttpResponse:
    version = _version(request, process_slug, version_number)
    if refused := authorize(request, MANAGE, version.process, _denied()):
        return refused
    _unpublished(version)
    text_services.version_discard(actor=acting_user(request), version=version)
    messages.success(request, _("Se descartó «%(label)s».") % {"label": version.label})
    return redirect("lawmaking:process_detail", process_slug)


def _unit_of(version: TextVersion, unit_id: Any) -> TextUnit:
    if unit_id is None:
        return TextUnit(version=version)
    unit = or_404(TextUnit.objects.filter(version=version, pk=unit_id).first())
    unit.version = version
    return unit


def _check_draft(request: HttpRequest, target: Target[TextVersion, TextUnit]) -> None:
    _unpublished(target.parent)


def _unit_title(title: str, target: Target[TextVersion, TextUnit]) -> FormTitle:
    version = target.parent
    process = version.process
    return FormTitle(
        title,
        subject=target.record.heading or version.label,
        breadcrumbs=(
            (process.get_absolute_url(), process.title),
            (_review_url(version), _("Revisar «%(label)s»") % {"label": version.label}),
        ),
        cancel_url=_review_url(version, f"#parte-{target.record.pk}" if target.record.pk else ""),
    )


# The pages that change a part of a draft, for the process's managers.
_unit_page = partial(
    edit_view,
    load=record_under(_version, "unit_id", _unit_of),
    permission=MANAGE,
    permission_object=lambda target: target.parent.process,
    denied=lambda target: _denied(),
    check=_check_draft,
)


unit_edit = _unit_page(
    form=UnitForm,
    form_kwargs=record_instance,
    save=lambda actor, target, form: text_services.unit_save(
        actor=actor, unit=target.record, **form.unit_fields()
    ),
    success_url=lambda target, saved: _review_url(target.parent, f"#parte-{saved.pk}"),
    title=lambda target: _unit_title(
        _("Corregir una parte") if target.record.pk else _("Añadir una parte"), target
    ),
    template="lawmaking/text_form.html",
)


class ConfirmForm(forms.Form):
    """Nothing to fill in: the button confirms (the hidden field makes the form bound)."""

    confirm = forms.CharField(widget=forms.HiddenInput, initial="1")


unit_delete = _unit_page(
    form=lambda data, files: ConfirmForm(data),
    save=lambda actor, target, form: text_services.unit_delete(actor=actor, unit=target.record),
    success_url=lambda target, saved: _review_url(target.parent),
    title=lambda target: _unit_title(_("Quitar una parte"), target),
    template="lawmaking/text_unit_delete.html",
)
