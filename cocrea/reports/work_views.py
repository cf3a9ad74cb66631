"""Pages where institutions register works and committees, and committees file inspections."""

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cocrea.core.actors import acting_user
from cocrea.core.editing import authorize, save_form
from cocrea.core.selectors import organizations_to_publish_for
from cocrea.exercises.forms import model_fields
from cocrea.reports import comptrollership as selectors
from cocrea.reports import works
from cocrea.reports.forms import CommitteeForm, InspectionForm, WorkForm
from cocrea.reports.models import Committee, PublicWork

FORM = "exercises/form.html"
NOT_YOURS = _("Solo los enlaces de la institución responsable de la obra la editan.")


def _work(work_id: int) -> PublicWork:
    work = selectors.work_get(work_id=work_id)
    if work is None:
        raise Http404(_("No existe esa obra."))
    return work


def _work_url(saved: PublicWork | Committee) -> str:
    work_id = saved.pk if isinstance(saved, PublicWork) else saved.public_work_id
    return f"/contraloria-social/obras/{work_id}/"


@require_http_methods(["GET", "POST"])
def work_edit(request: HttpRequest, work_id: int | None = None) -> HttpResponse:
    work = _work(work_id) if work_id else PublicWork()
    perm, message = ("reports.change_work", NOT_YOURS) if work_id else ("reports.add_work", "")
    denied = authorize(
        request,
        perm,
        work if work_id else None,
        message or _("Solo los enlaces de una institución registran obras."),
    )
    if denied:
        return denied
    form = WorkForm(
        request.POST or None,
        instance=work,
        institutions=organizations_to_publish_for(user=request.user),
    )
    return save_form(
        request,
        form,
        lambda: works.work_save(actor=acting_user(request), work=work, fields=model_fields(form)),
        _work_url,
        FORM,
        {"title": work.name if work_id else _("Registrar una obra pública")},
    )


@require_http_methods(["GET", "POST"])
def committee_edit(
    request: HttpRequest, work_id: int, committee_id: int | None = None
) -> HttpResponse:
    work = _work(work_id)
    if denied := authorize(request, "reports.change_work", work, NOT_YOURS):
        return denied
    committee = (
        selectors.committee_get(work=work, committee_id=committee_id)
        if committee_id
        else Committee(public_work=work)
    )
    initial = {"recorder_emails": "\n".join(selectors.recorder_emails(committee=committee))}
    form = CommitteeForm(request.POST or None, instance=committee, initial=initial)
    return save_form(
        request,
        form,
        lambda: works.committee_save(
            actor=acting_user(request),
            committee=committee,
            fields=model_fields(form),
            recorder_emails=form.emails(),
        ),
        _work_url,
        FORM,
        {"title": _("Comité de contraloría social de «%s»") % work.name},
    )


@require_http_methods(["GET", "POST"])
def inspection_new(request: HttpRequest, work_id: int) -> HttpResponse:
    work = _work(work_id)
    message = _("Solo los capturistas de un comité de la obra o su institución llenan cédulas.")
    if denied := authorize(request, "reports.add_inspection", work, message):
        return denied
    committees = selectors.committees_for(work=work, user=request.user)
    form = InspectionForm(request.POST or None, request.FILES or None, committees=committees)
    return save_form(
        request,
        form,
        lambda: works.inspection_create(
            actor=acting_user(request),
            work=work,
            fields=model_fields(form),
            photos=form.cleaned_data["photos"],
        ),
        f"/contraloria-social/obras/{work.pk}/",
        FORM,
        {"title": _("Cédula de inspección de «%s»") % work.name, "multipart": True},
    )
