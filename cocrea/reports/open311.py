"""Open311 GeoReport v2 documents: public dictionaries rendered as JSON or XML."""

import json
from collections.abc import Iterable, Mapping
from typing import Any
from xml.etree import ElementTree

from django.http import HttpResponse

from cocrea.reports.models import OPEN_STATUSES, Category, CategoryAttribute, Report

FORMATS = {"json": "application/json; charset=utf-8", "xml": "text/xml; charset=utf-8"}


def _iso(value: Any) -> str:
    return value.isoformat() if value else ""


def service_dict(category: Category) -> dict[str, Any]:
    return {
        "service_code": category.code,
        "service_name": category.name,
        "description": category.description,
        "metadata": bool(getattr(category, "has_attributes", False)),
        "type": "realtime",
        "keywords": category.keywords,
        "group": category.group,
    }


def attribute_dict(attribute: CategoryAttribute) -> dict[str, Any]:
    return {
        "variable": True,
        "code": attribute.code,
        "datatype": attribute.datatype,
        "required": attribute.required,
        "datatype_description": attribute.datatype_description,
        "order": attribute.order,
        "description": attribute.description,
        "values": [{"key": v.get("key"), "name": v.get("name")} for v in attribute.values],
    }


def request_dict(report: Report) -> dict[str, Any]:
    """Only public fields: never the reporter, the exact address or the exact point."""
    return {
        "service_request_id": str(report.pk),
        "status": "open" if report.status in OPEN_STATUSES else "closed",
        "status_notes": report.status_notes,
        "service_name": report.category.name,
        "service_code": report.category.code,
        "description": report.description,
        "agency_responsible": report.institution.name,
        "service_notice": "",
        "requested_datetime": _iso(report.requested_at),
        "updated_datetime": _iso(report.updated_at),
        "expected_datetime": _iso(report.expected_at),
        "address": "",
        "address_id": "",
        "zipcode": "",
        "lat": float(report.lat) if report.lat is not None else None,
        "long": float(report.long) if report.long is not None else None,
        "media_url": "",
    }


def _element(tag: str, value: Any) -> ElementTree.Element:
    element = ElementTree.Element(tag)
    if isinstance(value, Mapping):
        for key, item in value.items():
            element.append(_element(key, item))
    elif isinstance(value, list):
        child_tag = {"values": "value", "attributes": "attribute"}.get(tag, "item")
        for item in value:
            element.append(_element(child_tag, item))
    elif isinstance(value, bool):
        element.text = "true" if value else "false"
    elif value is not None:
        element.text = str(value)
    return element


def render(fmt: str, data: Any, *, root: str, item: str = "", status: int = 200) -> HttpResponse:
    """JSON as the data is; XML with `root` around one `item` element per entry."""
    if fmt == "json":
        body = json.dumps(data, ensure_ascii=False)
    else:
        top = ElementTree.Element(root)
        entries: Iterable[Any] = data if isinstance(data, list) else [data]
        for entry in entries:
            child = _element(item, entry) if item else _element(root, entry)
            top.extend([child] if item else list(child))
        body = '<?xml version="1.0" encoding="utf-8"?>' + ElementTree.tostring(top, "unicode")
    return HttpResponse(body, content_type=FORMATS[fmt], status=status)


def error(fmt: str, status: int, description: str) -> HttpResponse:
    return render(
        fmt,
        [{"code": status, "description": description}],
        root="errors",
        item="error",
        status=status,
    )
