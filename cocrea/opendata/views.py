"""Pages of the open-data portal: the catalogue with facets, a dataset with its preview and its
proactive-transparency stages, and the editing of datasets by their institutions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Avg, Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from cocrea.core.actors import acting_user
from cocrea.core.editing import authorize, save_form
from cocrea.core.pagination import paginate
from cocrea.core.selectors import organizations_to_publish_for
from cocrea.exercises.forms import model_fields
from cocrea.opendata import datastore, selectors, services
from cocrea.opendata.forms import DatasetForm, PublicationForm, RatingForm, ResourceForm
from cocrea.opendata.models import Dataset, Publication

FACETS = ("organization", "groups", "res_format", "license_id", "tags")
PARAMS = {"institucion": "organization", "tema": "groups", "formato": "res_format"}
PARAMS |= {"licencia": "license_id", "palabra": "tags", "ejercicio": "exercise"}
FORM = "exercises/form.html"


def dataset_list(request: HttpRequest) -> HttpResponse:
    filters = {
        facet: request.GET.getlist(param) for param, facet in PARAMS.items() if param in request.GET
    }
    search = selectors.Search(text=request.GET.get("q", ""), filters=filters)
    matches = selectors.dataset_search(search)
    page = paginate(request, selectors.with_details(matches), per_page=20)
    facets = selectors.cached_facets(search, FACETS, limit=15)
    names = {facet: param for param, facet in PARAMS.items()}
    context = {
        "page": page,
        "q": search.text,
        "facets": [(names[f], f, facets[f]) for f in FACETS],
        "chosen": {names[f]: set(v) for f, v in filters.items()},
    }
    return render(request, "opendata/dataset_list.html", context)


def _dataset(name: str) -> Dataset:
    dataset = selectors.dataset_get(name_or_id=name)
    if dataset is None:
        raise Http404(_("No existe ese conjunto de datos."))
    return dataset


def _publication(dataset: Dataset) -> Publication | None:
    return (
        Publication.objects.filter(dataset=dataset)
        .annotate(average=Avg("ratings__score"), votes=Count("ratings"))
        .first()
    )


def dataset_detail(request: HttpRequest, name: str) -> HttpResponse:
    dataset = _dataset(name)
    resources = list(dataset.resources.all())
    previews = [(r, *datastore.preview(r)) for r in resources if r.format == "CSV"]
    context = {
        "dataset": dataset,
        "resources": resources,
        "previews": previews,
        "downloads": sum(r.download_count for r in resources),
        "publication": _publication(dataset),
        "can_edit": request.user.has_perm("opendata.change_dataset", dataset),
        "rating_form": RatingForm(),
    }
    return render(request, "opendata/dataset_detail.html", context)


@require_http_methods(["GET", "POST"])
def dataset_edit(request: HttpRequest, name: str | None = None) -> HttpResponse:
    dataset = _editable(name) if name else Dataset()
    perm = "opendata.change_dataset" if name else "opendata.add_dataset"
    message = _("Solo los enlaces de la institución que lo publica editan este conjunto.")
    if denied := authorize(request, perm, dataset if name else None, message):
        return denied
    form = DatasetForm(
        request.POST or None,
        instance=dataset,
        organizations=organizations_to_publish_for(user=request.user),
    )
    return save_form(
        request,
        form,
        lambda: services.dataset_save(
            actor=acting_user(request),
            dataset=dataset,
            fields=model_fields(form),
            keywords=form.keywords(),
            groups=form.cleaned_data["groups"],
        ),
        lambda saved: f"/datos/{saved.name}/",
        FORM,
        {"title": dataset.title if name else _("Publicar un conjunto de datos")},
    )


def _editable(name: str) -> Dataset:
    """Drafts too: the people who edit a dataset see it before it is published."""
    dataset = Dataset.objects.filter(name=name).first()
    if dataset is None:
        raise Http404(_("No existe ese conjunto de datos."))
    if dataset.source:
        # Not even an admin: the platform writes these from its own records.
        raise PermissionDenied(_("Los datos propios de la plataforma se generan solos."))
    return dataset


@require_http_methods(["GET", "POST"])
def resource_new(request: HttpRequest, name: str) -> HttpResponse:
    dataset = _editable(name)
    message = _("Solo los enlaces de la institución que lo publica agregan recursos.")
    if denied := authorize(request, "opendata.change_dataset", dataset, message):
        return denied
    form = ResourceForm(request.POST or None, request.FILES or None)
    return save_form(
        request,
        form,
        lambda: services.resource_add(
            actor=acting_user(request),
            dataset=dataset,
            fields={k: v for k, v in model_fields(form).items() if k != "file"},
            upload=form.cleaned_data.get("file") or None,
        ),
        f"/datos/{dataset.name}/",
        FORM,
        {"title": _("Agregar un recurso a «%s»") % dataset.title, "multipart": True},
    )


@require_http_methods(["GET", "POST"])
def publication_edit(request: HttpRequest, name: str) -> HttpResponse:
    dataset = _editable(name)
    message = _("Solo los enlaces de la institución que lo publica registran sus etapas.")
    if denied := authorize(request, "opendata.change_dataset", dataset, message):
        return denied
    publication = Publication.objects.filter(dataset=dataset).first() or Publication(
        dataset=dataset
    )
    form = PublicationForm(request.POST or None, instance=publication)
    return save_form(
        request,
        form,
        lambda: services.publication_save(
            actor=acting_user(request), publication=publication, fields=model_fields(form)
        ),
        f"/datos/{dataset.name}/",
        FORM,
        {"title": _("Transparencia proactiva: «%s»") % dataset.title},
    )


@require_POST
def publication_rate(request: HttpRequest, name: str) -> HttpResponse:
    dataset = _dataset(name)
    publication = Publication.objects.filter(dataset=dataset).first()
    if publication is None:
        raise Http404(_("Este conjunto no tiene una publicación que calificar."))
    message = _("Entra con tu cuenta para calificar.")
    if denied := authorize(request, "opendata.rate_publication", publication, message):
        return denied
    form = RatingForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Elige una calificación del 1 al 5."))
        return redirect(f"/datos/{dataset.name}/#utilidad")
    try:
        services.publication_rate(
            publication=publication, user=acting_user(request), score=form.cleaned_data["score"]
        )
    except ValidationError as problem:
        messages.error(request, " ".join(problem.messages))
    else:
        messages.success(request, _("Gracias: tu calificación quedó registrada."))
    return redirect(f"/datos/{dataset.name}/#utilidad")
