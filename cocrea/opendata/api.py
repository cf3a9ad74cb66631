"""JSON API of the catalogue (/api/v1/datasets); CKAN clients use /api/3/action/ instead."""

import datetime as dt

from django.http import Http404, HttpRequest
from ninja import Router, Schema
from ninja.errors import ValidationError
from ninja.pagination import paginate

from cocrea.core.api_errors import LIST, ONE
from cocrea.core.queries import or_404
from cocrea.opendata import selectors
from cocrea.opendata.ckan import download_url
from cocrea.opendata.models import Dataset, Resource

router = Router(tags=["datos abiertos"])


class ResourceOut(Schema):
    id: str
    name: str
    format: str
    media_type: str
    size: int | None
    checksum: str
    url: str
    download_count: int

    @staticmethod
    def resolve_id(obj: Resource) -> str:
        return str(obj.identifier)

    @staticmethod
    def resolve_url(obj: Resource) -> str:
        return download_url(obj)


class DatasetOut(Schema):
    id: str
    name: str
    title: str
    description: str
    organization: str | None
    license_id: str
    frequency: str
    keywords: list[str]
    groups: list[str]
    modified_at: dt.datetime
    resources: list[ResourceOut]

    @staticmethod
    def resolve_id(obj: Dataset) -> str:
        return str(obj.identifier)

    @staticmethod
    def resolve_organization(obj: Dataset) -> str | None:
        # The platform's own datasets are its publisher's, as in CKAN and DCAT.
        return selectors.publisher_of(obj).slug

    @staticmethod
    def resolve_keywords(obj: Dataset) -> list[str]:
        return [tag.name for tag in obj.keywords.all()]

    @staticmethod
    def resolve_groups(obj: Dataset) -> list[str]:
        return [group.name for group in obj.groups.all()]

    @staticmethod
    def resolve_resources(obj: Dataset) -> list[Resource]:
        resources = list(obj.resources.all())
        for resource in resources:
            resource.dataset = obj
        return resources


def _refuse_nul(**params: str) -> None:
    """PostgreSQL refuses NUL in text: a parameter with one is a 400, not a failed query."""
    bad = [name for name, value in params.items() if "\x00" in value]
    if bad:
        message = "No admite el carácter nulo (%00)."
        raise ValidationError([{"loc": ["query", name], "msg": message} for name in bad])


@router.get(
    "/datasets", response={200: list[DatasetOut], **LIST}, summary="Conjuntos de datos publicados"
)
@paginate
def datasets(request: HttpRequest, q: str = "", organization: str = "") -> object:
    _refuse_nul(q=q, organization=organization)
    filters = {"organization": [organization]} if organization else {}
    found = selectors.dataset_search(selectors.Search(text=q, filters=filters))
    return selectors.with_details(found)


@router.get("/datasets/{name}", response={200: DatasetOut, **ONE}, summary="Un conjunto de datos")
def dataset(request: HttpRequest, name: str) -> Dataset:
    if "\x00" in name:
        raise Http404  # no dataset is named with a NUL (PostgreSQL refuses one in text)
    return or_404(selectors.dataset_get(name_or_id=name))
