"""CKAN Action API v3 documents: the keys CKAN itself returns, so clients read them unmodified."""

import datetime as dt
import uuid
from typing import Any

from django.conf import settings
from django.urls import reverse

from cocrea.core.models import Organization
from cocrea.opendata.licenses import FORMATS, LICENSES
from cocrea.opendata.models import Dataset, Group, Resource, Tag
from cocrea.opendata.selectors import publisher_of

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://cocrea.mx/ckan")


def stable_id(kind: str, key: str) -> str:
    """CKAN ids are UUIDs; ours are derived from the row's slug, so they never change."""
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{key}"))


def absolute(url: str) -> str:
    return f"{settings.SITE_URL}{url}" if url.startswith("/") else url


def _iso(value: Any) -> str | None:
    # CKAN writes naive UTC timestamps without an offset.
    return value.astimezone(dt.UTC).replace(tzinfo=None).isoformat() if value else None


def organization_dict(org: Organization, package_count: int | None = None) -> dict[str, Any]:
    data = _group_like("organization", org.slug, org.name, org.description, created=None)
    return _counted(data, package_count)


def group_dict(group: Group, package_count: int | None = None) -> dict[str, Any]:
    return _counted(_group_like("group", group.name, group.title, group.description), package_count)


def _group_like(kind: str, name: str, title: str, description: str, **more: Any) -> dict[str, Any]:
    """CKAN's group object, which an organization also is (`kind` says which)."""
    return {
        "id": stable_id(kind, name),
        "name": name,
        "title": title,
        "display_name": title,
        "description": description,
        "type": kind,
        "state": "active",
        "is_organization": kind == "organization",
        "approval_status": "approved",
        "image_url": "",
        "image_display_url": "",
        **more,
    }


def _counted(data: dict[str, Any], package_count: int | None) -> dict[str, Any]:
    if package_count is not None:
        data["package_count"] = package_count
    return data


def tag_dict(tag: Tag) -> dict[str, Any]:
    return {
        "id": stable_id("tag", tag.name),
        "name": tag.name,
        "display_name": tag.name,
        "state": "active",
        "vocabulary_id": None,
    }


def download_url(resource: Resource) -> str:
    if resource.file:
        return absolute(
            reverse("opendata:resource_download", args=[resource.dataset.name, resource.identifier])
        )
    return absolute(resource.url)


def resource_dict(resource: Resource, dataset: Dataset) -> dict[str, Any]:
    resource.dataset = dataset
    return {
        "id": str(resource.identifier),
        "package_id": str(dataset.identifier),
        "position": resource.position,
        "name": resource.name,
        "description": resource.description,
        "format": resource.format,
        "mimetype": resource.media_type or FORMATS.get(resource.format),
        "mimetype_inner": None,
        "size": resource.size,
        "hash": f"sha256:{resource.checksum}" if resource.checksum else "",
        "created": _iso(resource.created_at),
        "last_modified": _iso(resource.modified_at),
        "metadata_modified": _iso(resource.modified_at),
        "url": download_url(resource),
        "url_type": "upload" if resource.file else None,
        "resource_type": None,
        "state": "active",
        "cache_url": None,
        "datastore_active": resource.format == "CSV" and bool(resource.file or dataset.source),
        "download_count": resource.download_count,
    }


def _extras(dataset: Dataset) -> list[dict[str, str]]:
    pairs = {
        "identifier": str(dataset.identifier),
        "frequency": dataset.frequency,
        "temporal_start": dataset.temporal_start.isoformat() if dataset.temporal_start else "",
        "temporal_end": dataset.temporal_end.isoformat() if dataset.temporal_end else "",
        "spatial": dataset.spatial.inegi_code if dataset.spatial else "",
        "publisher": publisher_name(dataset),
    }
    return [{"key": key, "value": value} for key, value in pairs.items() if value]


def publisher_name(dataset: Dataset) -> str:
    return publisher_of(dataset).name


def package_dict(dataset: Dataset) -> dict[str, Any]:
    """`dataset` comes from `selectors.with_details` (no further queries)."""
    title, url = _license(dataset.license_id)
    resources = [resource_dict(r, dataset) for r in dataset.resources.all()]
    tags = [tag_dict(tag) for tag in dataset.keywords.all()]
    org = publisher_of(dataset)
    return {
        "id": str(dataset.identifier),
        "name": dataset.name,
        "title": dataset.title,
        "notes": dataset.description,
        "url": dataset.landing_page or absolute(dataset.get_absolute_url()),
        "license_id": dataset.license_id,
        "license_title": title,
        "license_url": url,
        "isopen": True,
        "tags": tags,
        "num_tags": len(tags),
        "groups": [group_dict(group) for group in dataset.groups.all()],
        "metadata_created": _iso(dataset.created_at),
        "metadata_modified": _iso(dataset.modified_at),
        "organization": organization_dict(org),
        "owner_org": stable_id("organization", org.slug),
        "private": False,
        "type": "dataset",
        "author": publisher_name(dataset),
        "author_email": None,
        "maintainer": dataset.contact_name,
        "maintainer_email": dataset.contact_email,
        "state": "active",
        "version": None,
        "creator_user_id": None,
        "extras": _extras(dataset),
        "resources": resources,
        "num_resources": len(resources),
        "relationships_as_object": [],
        "relationships_as_subject": [],
    }


def _license(license_id: str) -> tuple[str, str]:
    title, url = LICENSES.get(license_id, (license_id, ""))
    return str(title), url


def license_list() -> list[dict[str, Any]]:
    return [
        {
            "id": key,
            "title": str(title),
            "url": url,
            "status": "active",
            "od_conformance": "approved",
            "osd_conformance": "not reviewed",
            "domain_content": False,
            "domain_data": True,
            "domain_software": False,
            "family": "",
            "maintainer": "",
            "is_generic": False,
        }
        for key, (title, url) in LICENSES.items()
    ]
