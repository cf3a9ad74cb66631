"""Pages of social comptrollership: the works in public, with their committees, inspections and
complaints; where institutions register works and committees, and committees file inspections."""

from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from cocrea.comptrollership import selectors, services
from cocrea.comptrollership.forms import CommitteeForm, InspectionForm, WorkForm
from cocrea.comptrollership.models import Committee, PublicWork
from cocrea.core.editing import Target, edit_view
from cocrea.core.forms import model_fields
from cocrea.core.headings import FormTitle
from cocrea.core.pagination import paginate
from cocrea.core.params import id_param
from cocrea.core.selectors import organizations_to_publish_for
from cocrea.core.view_helpers import found_or_404
from cocrea.reports import selectors as report_selectors
from cocrea.reports.maps import feature_collection

NOT_YOURS = _("Solo los enlaces de la institución responsable de la obra la editan.")


def _work(work_id: int) -> PublicWork:
    return found_or_404(selectors.work_get(work_id=work_id), _("No existe esa obra."))


def comptrollership(request: HttpRequest) -> HttpResponse:
    context = {
        "works": paginate(request, selectors.work_list()),
        "figures": selectors.computed_figures(),
        "reported": selectors.reported_figures()[:50],
        "can_add": request.user.has_perm("comptrollership.add_work"),
    }
    return render(request, "comptrollership/comptrollership.html", context)


def work_detail(request: HttpRequest, work_id: int) -> HttpResponse:
    work = _work(work_id)
    context = {
        "work": work,
        "committees": work.committees.all()[:100],
        "inspections": paginate(request, selectors.work_inspections(work=work)),
        "can_edit": request.user.has_perm("comptrollership.change_work", work),
        "can_inspect": request.user.has_perm("comptrollership.add_inspection", work),
        # A complaint about the work is a citizen's report, filed in a category of the work's
        # institution in the work's state; it keeps that category's deadline.
        "complaint_categories": report_selectors.complaint_categories(work=work),
        "complaints": report_selectors.complaints_about(work_id=work.pk)[:20],
        "can_add_category": request.user.has_perm("reports.add_category"),
    }
    return render(request, "comptrollership/work_detail.html", context)


def _work_url(saved: PublicWork | Committee) -> str:
    work_id = saved.pk if isinstance(saved, PublicWork) else saved.public_work_id
    return reverse("comptrollership:work_detail", args=[work_id])


def _work_title(title: str, work: PublicWork) -> FormTitle:
    """A form about a public work names it, and its «Cancelar» goes back to the work's page."""
    home = reverse("comptrollership:comptrollership")
    trail: tuple[tuple[str, str], ...] = ((home, _("Contraloría social")),)
    if work.pk is None:
        return FormTitle(title, breadcrumbs=trail, cancel_url=home)
    url = work.get_absolute_url()
    return FormTitle(
        title, subject=work.name, breadcrumbs=(*trail, (url, work.name)), cancel_url=url
    )


def _work_to_edit(request: HttpRequest, work_id: int | None = None) -> PublicWork:
    return _work(work_id) if work_id else PublicWork()


work_edit = edit_view(
    load=_work_to_edit,
    permission=lambda work: (
        "comptrollership.change_work" if work.pk else "comptrollership.add_work"
    ),
    permission_object=lambda work: work if work.pk else None,
    denied=lambda work: (
        NOT_YOURS if work.pk else _("Solo los enlaces de una institución registran obras.")
    ),
    form=WorkForm,
    form_kwargs=lambda request, work: {
        "instance": work,
        "institutions": organizations_to_publish_for(user=request.user),
    },
    save=lambda actor, work, form: services.work_save(actor=actor, work=work, **model_fields(form)),
    success_url=lambda work, saved: _work_url(saved),
    title=lambda work: _work_title(
        _("Editar la obra") if work.pk else _("Registrar una obra pública"), work
    ),
    # The form's latitude and longitude come with the place picker's map (reports').
    template="comptrollership/work_form.html",
)


def _committee_of(
    request: HttpRequest, work_id: int, committee_id: int | None = None
) -> Target[PublicWork, int | None]:
    return Target(_work(work_id), committee_id)


def _committee_form(request: HttpRequest, target: Target[PublicWork, int | None]) -> dict[str, Any]:
    """The committee is looked up once the work's editor is known (a 404 after the 403)."""
    work, committee_id = target
    committee = (
        selectors.committee_get(work=work, committee_id=committee_id)
        if committee_id
        else Committee(public_work=work)
    )
    emails = "\n".join(selectors.recorder_emails(committee=committee))
    return {"instance": committee, "initial": {"recorder_emails": emails}}


committee_edit = edit_view(
    load=_committee_of,
    permission="comptrollership.change_work",
    denied=NOT_YOURS,
    form=CommitteeForm,
    form_kwargs=_committee_form,
    save=lambda actor, target, form: services.committee_save(
        actor=actor, committee=form.instance, recorder_emails=form.emails(), **model_fields(form)
    ),
    success_url=lambda target, saved: _work_url(saved),
    title=lambda target: _work_title(_("Comité de contraloría social"), target.parent),
)


def _work_of(request: HttpRequest, work_id: int) -> PublicWork:
    return _work(work_id)


inspection_new = edit_view(
    load=_work_of,
    permission="comptrollership.add_inspection",
    denied=gettext_lazy(
        "Solo los capturistas de un comité de la obra o su institución llenan cédulas."
    ),
    form=InspectionForm,
    form_kwargs=lambda request, work: {
        "committees": selectors.committees_for(work=work, user=request.user)
    },
    multipart=True,
    save=lambda actor, work, form: services.inspection_create(
        actor=actor, work=work, photos=form.cleaned_data["photos"], **model_fields(form)
    ),
    success_url=lambda work, saved: work.get_absolute_url(),
    title=lambda work: _work_title(_("Cédula de inspección"), work),
)


def _map_filters(request: HttpRequest) -> dict[str, Any]:
    """`institucion` (an id) and `avance` (a stage); anything else means no filter."""
    institution = request.GET.get("institucion", "")
    stage = request.GET.get("avance", "")
    return {
        "institution_id": id_param(institution),
        "stage": stage if stage in selectors.WORK_STAGES else "",
    }


@require_GET
def work_map(request: HttpRequest) -> HttpResponse:
    filters = _map_filters(request)
    context = {
        "page": paginate(request, selectors.work_map_list(**filters)),
        "institutions": selectors.work_map_institutions(),
        **filters,
    }
    return render(request, "comptrollership/work_map.html", context)


@require_GET
@cache_control(public=True, max_age=60)
def work_points(request: HttpRequest) -> JsonResponse:
    """The works' places in GeoJSON; `obra` narrows it to one work (its page's small map)."""
    work_id = id_param(request.GET.get("obra", ""))
    features = selectors.work_map_points(**_map_filters(request), work_id=work_id)
    response = JsonResponse(feature_collection(features))
    response["Content-Type"] = "application/geo+json"
    return response
