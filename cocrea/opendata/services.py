"""Writes of the open-data catalogue: datasets, resources, downloads, proactive transparency."""

import itertools
import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from django.conf import settings
from django.contrib.postgres.search import SearchVector
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import connection, transaction
from django.db.models import F, Value
from django.utils import timezone
from django.utils.translation import gettext as _

from cocrea.core.models import User
from cocrea.core.services import record_assign, record_save
from cocrea.opendata.formats import check_upload
from cocrea.opendata.licenses import FORMATS
from cocrea.opendata.models import Dataset, Publication, Rating, Resource, Tag
from cocrea.opendata.platform import TABLES
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


@transaction.atomic
def dataset_save(
    *,
    actor: User | None,
    dataset: Dataset,
    fields: Mapping[str, Any],
    keywords: Sequence[str] = (),
    groups: Sequence[Any] = (),
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
    fields: Mapping[str, Any],
    upload: UploadedFile | None = None,
) -> Resource:
    """A file (checked against its declared format) or a link; exactly one of the two."""
    resource = Resource(dataset=dataset, position=_next_position(dataset))
    record_assign(resource, fields)
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


@transaction.atomic
def publication_save(
    *, actor: User | None, publication: Publication, fields: Mapping[str, Any]
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
    for table in TABLES:
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
                "url": f"/datos/plataforma/{table.source}.csv",
                "format": "CSV",
                "media_type": "text/csv",
                "table_schema": table.schema(),
            },
        )
        dataset.keywords.set(_keywords(["cocrea", "gobierno abierto", table.source]))
        _search_refresh(dataset)
    catalogue_touch()
    return len(TABLES)
