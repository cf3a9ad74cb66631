"""Writes of the open-data catalogue: datasets, resources, downloads, proactive transparency."""

import datetime as dt
import itertools
import uuid
from collections.abc import Sequence
from typing import Any, TypedDict, Unpack

from django.conf import settings
from django.contrib.postgres.search import SearchVector
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import connection, transaction
from django.db.models import F, Value
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cocrea.core.capabilities import open_tables
from cocrea.core.models import Organization, Territory, User
from cocrea.core.services import record_assign, record_save
from cocrea.exercises.models import Exercise
from cocrea.opendata.formats import check_upload
from cocrea.opendata.licenses import FORMATS
from cocrea.opendata.models import Dataset, Publication, Rating, Resource, Tag
from cocrea.opendata.selectors import VERSION_KEY

MAX_KEYWORDS = 20
RESERVED_NAMES = {"nuevo", "plataforma", "abiertos"}


def catalogue_touch() -> None:
    """Invalidates the catalogue's cached figures once the write is committed."""
    transaction.on_commit(lambda: cache.set(VERSION_KEY, uuid.uuid4().hex, None))


def _search_refresh(dataset: Dataset) -> None:
    """The stored Spanish search vector (PostgreSQL); SQLite searches the text directly."""
    if connection.vendor != "postgresql":
        return
    words = " ".join(dataset.keywords.values_list("name", flat=True))
    vector = (
        SearchVector("title", weight="A", config="spanish")
        + SearchVector(Value(words), weight="A", config="spanish")
        + SearchVector("description", weight="B", config="spanish")
    )
    Dataset.objects.filter(pk=dataset.pk).update(search_vector=vector)


def _keywords(raw: Sequence[str]) -> list[Tag]:
    names = sorted({" ".join(word.lower().split())[:100] for word in raw if word.strip()})
    if len(names) > MAX_KEYWORDS:
        raise ValidationError({"keywords": _("Hasta %d palabras clave.") % MAX_KEYWORDS})
    return [Tag.objects.get_or_create(name=name)[0] for name in names]


class DatasetFields(TypedDict, total=False):
    title: str
    name: str
    description: str
    organization: Organization | None
    exercise: Exercise | None
    contact_name: str
    contact_email: str
    temporal_start: dt.date | None
    temporal_end: dt.date | None
    spatial: Territory | None
    landing_page: str
    frequency: str
    license_id: str
    is_published: bool


@transaction.atomic
def dataset_save(
    *,
    actor: User | None,
    dataset: Dataset,
    keywords: Sequence[str] = (),
    groups: Sequence[Any] = (),
    **fields: Unpack[DatasetFields],
) -> Dataset:
    record_assign(dataset, fields)
    if dataset.name in RESERVED_NAMES or (
        dataset.name.startswith("cocrea-") and not dataset.source
    ):
        raise ValidationError({"name": _("Ese nombre está reservado; elige otro.")})
    start, end = dataset.temporal_start, dataset.temporal_end
    if start and end and end < start:
        raise ValidationError({"temporal_end": _("La cobertura termina antes de empezar.")})
    tags = _keywords(keywords)
    record_save(instance=dataset, actor=actor)
    dataset.keywords.set(tags)
    dataset.groups.set(groups)
    _search_refresh(dataset)
    catalogue_touch()
    return dataset


def _next_position(dataset: Dataset) -> int:
    last = dataset.resources.order_by("-position").values_list("position", flat=True).first()
    return 0 if last is None else last + 1


@transaction.atomic
def resource_add(
    *,
    actor: User | None,
    dataset: Dataset,
    name: str,
    format: str,
    description: str = "",
    url: str = "",
    upload: UploadedFile[bytes] | None = None,
) -> Resource:
    """A file (checked against its declared format) or a link; exactly one of the two."""
    resource = Resource(
        dataset=dataset,
        position=_next_position(dataset),
        name=name,
        description=description,
        format=format,
        url=url,
    )
    if (upload is None) == (not resource.url):
        raise ValidationError(_("Sube un archivo o escribe un enlace (uno de los dos)."))
    resource.media_type = FORMATS.get(resource.format, "")
    if upload is not None:
        checked = check_upload(upload, declared=resource.format)
        resource.size, resource.checksum = checked.size, checked.checksum
        resource.table_schema = checked.table_schema
        resource.file = upload
    record_save(instance=resource, actor=actor)
    Dataset.objects.filter(pk=dataset.pk).update(modified_at=timezone.now())
    catalogue_touch()
    return resource


def resource_downloaded(*, resource_id: int | None = None, source: str = "") -> None:
    """Counts a download in place (no read-modify-write race, no row per download): of one
    resource, or of the CSV of the platform table `source`."""
    if resource_id:
        found = Resource.objects.filter(pk=resource_id)
    elif source:
        found = Resource.objects.filter(dataset__source=source, position=0)
    else:
        raise ValueError("which resource was downloaded?")
    found.update(download_count=F("download_count") + 1)


class PublicationFields(TypedDict, total=False):
    need: str
    audience: str
    identified_on: dt.date
    published_on: dt.date | None
    dissemination: str
    disseminated_on: dt.date | None
    evaluation: str
    evaluated_on: dt.date | None


@transaction.atomic
def publication_save(
    *, actor: User | None, publication: Publication, **fields: Unpack[PublicationFields]
) -> Publication:
    record_assign(publication, fields)
    stages = [
        ("identified_on", publication.identified_on),
        ("published_on", publication.published_on),
        ("disseminated_on", publication.disseminated_on),
        ("evaluated_on", publication.evaluated_on),
    ]
    dated = [(name, day) for name, day in stages if day]
    for (_earlier, before), (name, after) in itertools.pairwise(dated):
        if after < before:
            raise ValidationError({name: _("Las etapas van en orden: esta fecha es anterior.")})
    if publication.disseminated_on and not publication.dissemination.strip():
        raise ValidationError({"dissemination": _("Di por qué medios se difundió.")})
    record_save(instance=publication, actor=actor)
    return publication


@transaction.atomic
def publication_rate(*, publication: Publication, user: User, score: int) -> Rating:
    if not 1 <= score <= 5:
        raise ValidationError(_("La calificación va de 1 a 5."))
    rating, _created = Rating.objects.update_or_create(
        publication=publication, user=user, defaults={"score": score}
    )
    return rating


@transaction.atomic
def platform_datasets_sync() -> int:
    """Creates or updates one dataset per platform table, with its CSV as the resource."""
    for table in open_tables():
        dataset, _created = Dataset.objects.update_or_create(
            source=table.source,
            defaults={
                "name": f"cocrea-{table.source}",
                "title": str(table.title),
                "description": str(table.description),
                "contact_name": settings.OPEN_DATA_PUBLISHER,
                "contact_email": settings.OPEN_DATA_CONTACT_EMAIL,
                "frequency": "continuous",
                "license_id": "CC-BY-4.0",
            },
        )
        Resource.objects.update_or_create(
            dataset=dataset,
            position=0,
            defaults={
                "name": f"{table.source}.csv",
                "description": str(table.description),
                "url": reverse("opendata:platform_csv", args=[table.source]),
                "format": "CSV",
                "media_type": "text/csv",
                "table_schema": table.schema(),
            },
        )
        dataset.keywords.set(_keywords(["cocrea", "gobierno abierto", table.source]))
        _search_refresh(dataset)
    catalogue_touch()
    return len(open_tables())
