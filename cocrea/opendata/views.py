"""Pages of the open-data portal: the catalogue with facets, a dataset with its preview and its
proactive-transparency stages, and the editing of datasets by their institutions."""

from functools import partial

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Avg, Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from cocrea.core.actors import acting_user
from cocrea.core.editing import authorize, edit_view
from cocrea.core.forms import model_fields
from cocrea.core.pagination import paginate
from cocrea.core.selectors import organizations_to_publish_for
from cocrea.core.view_helpers import found_or_404
from cocrea.opendata import datastore, selectors, services
from cocrea.opendata.forms import DatasetForm, PublicationForm, RatingForm, ResourceForm
from cocrea.opendata.models import Dataset, Publication

FACETS = ("organization", "groups", "res_format", "license_id", "tags")
PARAMS = {"institucion": "organization", "tema": "groups", "formato": "res_format"}
PARAMS |= {"licencia": "license_id", "palabra": "tags", "ejercicio": "exercise"}


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
        # The platform's own datasets are published by whoever runs it (as CKAN and DCAT say).
        "publisher": settings.OPEN_DATA_PUBLISHER,
    }
    return render(request, "opendata/dataset_list.html", context)


def _dataset(dataset_name: str) -> Dataset:
    return found_or_404(
        selectors.dataset_get(name_or_id=dataset_name), _("No existe ese conjunto de datos.")
    )


def _publication(dataset: Dataset) -> Publication | None:
    return (
        Publication.objects.filter(dataset=dataset)
        .annotate(average=Avg("ratings__score"), votes=Count("ratings"))
        .first()
    )


def dataset_detail(request: HttpRequest, dataset_name: str) -> HttpResponse:
    dataset = _dataset(dataset_name)
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


def _dataset_to_edit(request: HttpRequest, dataset_name: str | None = None) -> Dataset:
    return _editable(dataset_name) if dataset_name else Dataset()


dataset_edit = edit_view(
    load=_dataset_to_edit,
    permission=lambda dataset: "opendata.change_dataset" if dataset.pk else "opendata.add_dataset",
    permission_object=lambda dataset: dataset if dataset.pk else None,
    denied=gettext_lazy("Solo los enlaces de la institución que lo publica editan este conjunto."),
    form=DatasetForm,
    form_kwargs=lambda request, dataset: {
        "instance": dataset,
        "organizations": organizations_to_publish_for(user=request.user),
    },
    save=lambda actor, dataset, form: services.dataset_save(
        actor=actor,
        dataset=dataset,
        keywords=form.keywords(),
        groups=form.cleaned_data["groups"],
        **model_fields(form),
    ),
    success_url=lambda dataset, saved: saved.get_absolute_url(),
    title=lambda dataset: dataset.title if dataset.pk else _("Publicar un conjunto de datos"),
)


def _editable(dataset_name: str) -> Dataset:
    """Drafts too: the people who edit a dataset see it before it is published."""
    dataset = found_or_404(
        Dataset.objects.filter(name=dataset_name).first(), _("No existe ese conjunto de datos.")
    )
    if dataset.source:
        # Not even an admin: the platform writes these from its own records.
        raise PermissionDenied(_("Los datos propios de la plataforma se generan solos."))
    return dataset


def _editable_dataset(request: HttpRequest, dataset_name: str) -> Dataset:
    return _editable(dataset_name)


# The pages that add to a dataset, for the liaisons of its institution.
_dataset_page = partial(
    edit_view,
    load=_editable_dataset,
    permission="opendata.change_dataset",
    success_url=lambda dataset, saved: dataset.get_absolute_url(),
)


resource_new = _dataset_page(
    denied=gettext_lazy("Solo los enlaces de la institución que lo publica agregan recursos."),
    form=ResourceForm,
    multipart=True,
    save=lambda actor, dataset, form: services.resource_add(
        actor=actor,
        dataset=dataset,
        name=form.cleaned_data["name"],
        description=form.cleaned_data["description"],
        format=form.cleaned_data["format"],
        url=form.cleaned_data["url"],
        upload=form.cleaned_data.get("file") or None,
    ),
    title=lambda dataset: _("Agregar un recurso a «%s»") % dataset.title,
)


publication_edit = _dataset_page(
    denied=gettext_lazy("Solo los enlaces de la institución que lo publica registran sus etapas."),
    form=PublicationForm,
    form_kwargs=lambda request, dataset: {
        "instance": Publication.objects.filter(dataset=dataset).first()
        or Publication(dataset=dataset)
    },
    save=lambda actor, dataset, form: services.publication_save(
        actor=actor, publication=form.instance, **model_fields(form)
    ),
    title=lambda dataset: _("Transparencia proactiva: «%s»") % dataset.title,
)


@require_POST
def publication_rate(request: HttpRequest, dataset_name: str) -> HttpResponse:
    dataset = _dataset(dataset_name)
    publication = found_or_404(
        Publication.objects.filter(dataset=dataset).first(),
        _("Este conjunto no tiene una publicación que calificar."),
    )
    message = _("Entra con tu cuenta para calificar.")
    if denied := authorize(request, "opendata.rate_publication", publication, message):
        return denied
    form = RatingForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Elige una calificación del 1 al 5."))
        return redirect(f"{dataset.get_absolute_url()}#utilidad")
    try:
        services.publication_rate(
            publication=publication, user=acting_user(request), score=form.cleaned_data["score"]
        )
    except ValidationError as problem:
        messages.error(request, " ".join(problem.messages))
    else:
        messages.success(request, _("Gracias: tu calificación quedó registrada."))
    return redirect(f"{dataset.get_absolute_url()}#utilidad")
