"""Machine-readable outputs: the platform's CSVs, downloads, the bulk package and DCAT-AP."""

import math

from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    HttpResponseRedirect,
    StreamingHttpResponse,
)
from django.utils.translation import gettext as _

from cocrea.core.capabilities import open_table
from cocrea.core.files import file_response
from cocrea.core.params import id_param
from cocrea.core.view_helpers import found_or_404
from cocrea.opendata import bulk, dcat, selectors, services
from cocrea.opendata.tables import table_csv


def platform_csv(request: HttpRequest, source: str) -> StreamingHttpResponse:
    """Always current: the rows are read from the database as the file is sent."""
    table = found_or_404(open_table(source), _("No existe ese conjunto de datos de la plataforma."))
    services.resource_downloaded(source=source)
    response = StreamingHttpResponse(table_csv(table), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{source}.csv"'
    return response


def resource_download(
    request: HttpRequest, dataset_name: str, resource_id: str
) -> HttpResponseBase:
    resource = selectors.resource_get(resource_id=resource_id)
    if resource is None or resource.dataset.name != dataset_name:
        raise Http404(_("No existe ese recurso."))
    services.resource_downloaded(resource_id=resource.pk)
    if not resource.file:
        return HttpResponseRedirect(resource.url)
    extension = resource.format.lower()
    return file_response(resource.file, f"{dataset_name}-{resource.position + 1}.{extension}")


def bulk_download(request: HttpRequest) -> HttpResponseBase:
    """The package built in the background (`build_open_data`); made on the fly if none is."""
    name = "datos-abiertos.zip"
    if (package := bulk.built()) is not None:
        return FileResponse(package, as_attachment=True, filename=name)
    response = StreamingHttpResponse(bulk.stream_zip(), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _rdf(graph: object, fmt: str) -> HttpResponse:
    kind, content_type = dcat.SERIALIZATIONS[fmt]
    body = graph.serialize(format=kind)  # type: ignore[attr-defined]
    return HttpResponse(body, content_type=content_type)


def catalog(request: HttpRequest, fmt: str) -> HttpResponse:
    matches = selectors.dataset_search(selectors.Search(order=["name"]))
    total = matches.count()
    pages = max(1, math.ceil(total / dcat.PAGE_SIZE))
    raw = request.GET.get("page", "1")
    page = id_param(raw) or 0
    if not 1 <= page <= pages:
        raise Http404(_("Esa página del catálogo no existe (hay %d).") % pages)
    start = (page - 1) * dcat.PAGE_SIZE
    datasets = selectors.with_details(matches)[start : start + dcat.PAGE_SIZE]
    graph = dcat.catalog_graph(datasets, fmt=fmt, page=page, pages=pages, total=total)
    return _rdf(graph, fmt)


def dataset_rdf(request: HttpRequest, dataset_name: str, fmt: str) -> HttpResponse:
    dataset = found_or_404(
        selectors.dataset_get(name_or_id=dataset_name), _("No existe ese conjunto de datos.")
    )
    return _rdf(dcat.dataset_graph(dataset), fmt)
