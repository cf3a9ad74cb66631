"""Open311 GeoReport v2 documents: public dictionaries rendered as JSON or XML."""

import io
import json
import re
from collections.abc import Mapping
from typing import Any
from xml.sax.xmlreader import AttributesImpl

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.xmlutils import SimplerXMLGenerator

from cocrea.reports.models import OPEN_STATUSES, Category, CategoryAttribute

NO_ATTRIBUTES: "AttributesImpl[str]" = AttributesImpl({})
FORMATS = {"json": "application/json; charset=utf-8", "xml": "text/xml; charset=utf-8"}
# The characters XML 1.0 cannot carry. A report's text (or a value echoed in an error) may hold
# them; they are shown as U+FFFD so the document stays well formed instead of failing.
NOT_IN_XML = re.compile(r"[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]")


def _iso(value: Any) -> str:
    """W3C date and time with the offset of local time (Mexico's), as GeoReport's examples."""
    if not value:
        return ""
    return (timezone.localtime(value) if timezone.is_aware(value) else value).isoformat()


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


def request_dict(row: Mapping[str, Any]) -> dict[str, Any]:
    """Only public fields (a row of `selectors.PUBLIC_FIELDS`): never the reporter, the exact
    address or the exact point."""
    return {
        "service_request_id": str(row["id"]),
        "status": "open" if row["status"] in OPEN_STATUSES else "closed",
        "status_notes": row["status_notes"],
        "service_name": row["category__name"],
        "service_code": row["category__code"],
        "description": row["description"],
        "agency_responsible": row["institution__name"],
        "service_notice": "",
        "requested_datetime": _iso(row["requested_at"]),
        "updated_datetime": _iso(row["updated_at"]),
        "expected_datetime": _iso(row["expected_at"]),
        "address": "",
        "address_id": "",
        "zipcode": "",
        "lat": None if row["lat"] is None else float(row["lat"]),
        "long": None if row["long"] is None else float(row["long"]),
        "media_url": settings.SITE_URL + reverse("reports:photo_file", args=[row["photo_id"]])
        if row.get("photo_id")
        else "",
    }


def _write(xml: SimplerXMLGenerator, tag: str, value: Any) -> None:
    xml.startElement(tag, NO_ATTRIBUTES)
    if isinstance(value, Mapping):
        for key, item in value.items():
            _write(xml, key, item)
    elif isinstance(value, list):
        child_tag = {"values": "value", "attributes": "attribute"}.get(tag, "item")
        for item in value:
            _write(xml, child_tag, item)
    elif isinstance(value, bool):
        xml.characters("true" if value else "false")
    elif value is not None:
        xml.characters(NOT_IN_XML.sub("\ufffd", str(value)))
    xml.endElement(tag)


def _xml(data: Any, root: str, item: str) -> str:
    # Written as a stream of events, not a tree: no 20,000 objects for a page of 1,000.
    out = io.StringIO()
    xml = SimplerXMLGenerator(out, "utf-8", short_empty_elements=True)
    xml.startDocument()
    if item:
        xml.startElement(root, NO_ATTRIBUTES)
        for entry in data:
            _write(xml, item, entry)
        xml.endElement(root)
    else:
        _write(xml, root, data)
    xml.endDocument()
    return out.getvalue()


def render(fmt: str, data: Any, *, root: str, item: str = "", status: int = 200) -> HttpResponse:
    """JSON as the data is; XML with `root` around one `item` element per entry."""
    body = json.dumps(data, ensure_ascii=False) if fmt == "json" else _xml(data, root, item)
    return HttpResponse(body, content_type=FORMATS[fmt], status=status)


def error(fmt: str, status: int, description: str) -> HttpResponse:
    """GeoReport's error list: `[{"code", "description"}]`, `<errors><error>` in XML."""
    return render(
        fmt,
        [{"code": status, "description": description}],
        root="errors",
        item="error",
        status=status,
    )
