"""CKAN Action API v3 (read) at /api/3/action/ and /api/action/, GET or POST with a JSON body."""

import json
import re
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db.models import Count, Q
from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from cocrea.core.models import Organization
from cocrea.opendata import ckan, datastore
from cocrea.opendata.models import Group, Tag
from cocrea.opendata.selectors import (
    FACET_FIELDS,
    FILTERS,
    SORTS,
    Search,
    cached_facets,
    dataset_get,
    dataset_search,
    page_of,
    resource_get,
)

MAX_ROWS = 1000
# Past any catalogue: the database's OFFSET is a 64-bit integer, and 2^63 made it fail.
MAX_START = 10**9
FQ_TERM = re.compile(r'([+-]?)(\w+):("([^"]*)"|(\S+))')


class ActionError(Exception):
    def __init__(
        self, kind: str, status: int, message: str = "", fields: dict[str, list[str]] | None = None
    ):
        super().__init__(message)
        self.kind, self.status, self.message = kind, status, message
        self.fields = fields or {}


def not_found(message: str = "Not found") -> ActionError:
    return ActionError("Not Found Error", 404, message)


def invalid(**fields: list[str]) -> ActionError:
    return ActionError("Validation Error", 409, fields=fields)


def _help(request: HttpRequest, name: str) -> str:
    help_show = reverse("opendata:ckan_action", args=["help_show"])
    return request.build_absolute_uri(f"{help_show}?name={name}")


def _params(request: HttpRequest) -> dict[str, Any]:
    if request.method == "POST" and request.body:
        try:
            data = json.loads(request.body)
        except (json.JSONDecodeError, UnicodeDecodeError):
            raise ActionError("Validation Error", 400, "Bad request - JSON Error") from None
        if not isinstance(data, dict):
            raise ActionError("Validation Error", 400, "Bad request - JSON Error")
        return data
    return {key: request.GET.get(key) for key in request.GET}


def _int(params: dict[str, Any], name: str, default: int, top: int | None = None) -> int:
    raw = params.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except (TypeError, ValueError):
        raise invalid(**{name: ["Invalid integer"]}) from None
    if value < 0:
        raise invalid(**{name: ["Must be a natural number"]})
    if top is not None and value > top:
        raise invalid(**{name: [f"Must be less than or equal to {top}"]})
    return value


def _required(params: dict[str, Any], name: str) -> str:
    value = params.get(name)
    if value in (None, ""):
        raise invalid(**{name: ["Missing value"]})
    return str(value)


def _list_param(params: dict[str, Any], name: str) -> list[str]:
    raw = params.get(name)
    if raw in (None, ""):
        return []
    if isinstance(raw, list):
        return [str(item) for item in raw]
    try:
        parsed = json.loads(raw)
    except json.JSONDecodeError:
        parsed = [part.strip() for part in str(raw).split(",")]
    if not isinstance(parsed, list):
        raise invalid(**{name: ["Must be a list"]})
    return [str(item) for item in parsed]


def _filters(text: str, into: dict[str, list[str]]) -> str:
    """Takes the `field:value` terms out of a Solr-style query; returns the free text left."""

    def take(match: re.Match[str]) -> str:
        sign, name = match.group(1), match.group(2)
        value = match.group(4) if match.group(4) is not None else match.group(5)
        if name not in FILTERS:
            raise ActionError("Search Query Error", 400, f"Unknown field in query: {name}")
        if sign == "-":
            raise ActionError("Search Query Error", 400, "Negative filters are not supported")
        into.setdefault(name, []).append(value)
        return " "

    rest = FQ_TERM.sub(take, text)
    return " ".join(word for word in rest.split() if word.upper() not in ("AND", "*:*"))


def _order(raw: str) -> list[str]:
    order: list[str] = []
    for part in (raw or "score desc, metadata_modified desc").split(","):
        words = part.split()
        if len(words) != 2 or words[1] not in ("asc", "desc"):
            raise ActionError("Search Query Error", 400, f"Invalid sort: {part.strip()}")
        name, direction = words
        if name == "score":
            continue  # relevance order is the search's own; ties fall to what follows
        if name not in SORTS:
            raise ActionError("Search Query Error", 400, f"Cannot sort by field: {name}")
        order.append(("-" if direction == "desc" else "") + SORTS[name])
    return [*order, "-pk"]


def package_search(params: dict[str, Any]) -> dict[str, Any]:
    rows = _int(params, "rows", 10, MAX_ROWS)
    start = _int(params, "start", 0, top=MAX_START)
    filters: dict[str, list[str]] = {}
    text = _filters(str(params.get("q") or ""), filters)
    _filters(str(params.get("fq") or ""), filters)
    facet_fields = _list_param(params, "facet.field")
    unknown = [name for name in facet_fields if name not in FACET_FIELDS]
    if unknown:
        raise ActionError("Search Query Error", 400, f"Unknown facet field: {unknown[0]}")
    sort = str(params.get("sort") or "score desc, metadata_modified desc")
    search = Search(text=text, filters=filters, order=_order(sort))
    matches = dataset_search(search)
    page = page_of(matches, start, rows) if rows else []
    facets = cached_facets(search, facet_fields, _int(params, "facet.limit", 50, 1000))
    return {
        "count": matches.count(),
        "sort": sort,
        "results": [ckan.package_dict(dataset) for dataset in page],
        "facets": {f: {name: n for name, _label, n in items} for f, items in facets.items()},
        "search_facets": {
            f: {
                "title": f,
                "items": [{"name": k, "display_name": str(lab), "count": n} for k, lab, n in items],
            }
            for f, items in facets.items()
        },
    }


def _window(params: dict[str, Any], rows: Any) -> Any:
    """CKAN's `limit` (≤ 1000) and `offset` on a list action."""
    limit, offset = _int(params, "limit", MAX_ROWS, MAX_ROWS), _int(params, "offset", 0)
    return rows[offset : offset + limit]


def package_list(params: dict[str, Any]) -> list[str]:
    names = dataset_search(Search(order=["name"])).values_list("name", flat=True)
    return list(_window(params, names))


def package_show(params: dict[str, Any]) -> dict[str, Any]:
    dataset = dataset_get(name_or_id=_required(params, "id"))
    if dataset is None:
        raise not_found()
    return ckan.package_dict(dataset)


def resource_show(params: dict[str, Any]) -> dict[str, Any]:
    resource = resource_get(resource_id=_required(params, "id"))
    if resource is None:
        raise not_found()
    return ckan.resource_dict(resource, resource.dataset)


def _published_count(prefix: str) -> Count:
    return Count(f"{prefix}", filter=Q(**{f"{prefix}__is_published": True}), distinct=True)


def organization_list(params: dict[str, Any]) -> list[Any]:
    orgs = Organization.objects.filter(datasets__is_published=True).distinct().order_by("slug")
    if str(params.get("all_fields", "")).lower() not in ("true", "1"):
        return list(_window(params, orgs.values_list("slug", flat=True)))
    counted = orgs.annotate(n=_published_count("datasets"))
    return [ckan.organization_dict(org, org.n) for org in _window(params, counted)]


def organization_show(params: dict[str, Any]) -> dict[str, Any]:
    key = _required(params, "id")
    org = Organization.objects.filter(slug=key).first() or next(
        (o for o in Organization.objects.all() if ckan.stable_id("organization", o.slug) == key),
        None,
    )
    if org is None:
        raise not_found()
    count = org.datasets.filter(is_published=True).count()
    return ckan.organization_dict(org, count)


def group_list(params: dict[str, Any]) -> list[Any]:
    groups = Group.objects.order_by("name")
    if str(params.get("all_fields", "")).lower() not in ("true", "1"):
        return list(_window(params, groups.values_list("name", flat=True)))
    counted = groups.annotate(n=_published_count("datasets"))
    return [ckan.group_dict(group, group.n) for group in _window(params, counted)]


def tag_list(params: dict[str, Any]) -> list[Any]:
    tags = Tag.objects.filter(datasets__is_published=True).distinct().order_by("name")
    if query := str(params.get("query") or ""):
        tags = tags.filter(name__icontains=query)
    if str(params.get("all_fields", "")).lower() in ("true", "1"):
        return [ckan.tag_dict(tag) for tag in _window(params, tags)]
    return list(_window(params, tags.values_list("name", flat=True)))


def status_show(params: dict[str, Any]) -> dict[str, Any]:
    return {
        "ckan_version": "2.10.0",
        "site_url": settings.SITE_URL,
        "site_title": "Cocrea",
        "site_description": "Plataforma de gobierno abierto",
        "locale_default": "es",
        "extensions": ["datastore", "dcat"],
    }


def license_list(params: dict[str, Any]) -> list[dict[str, Any]]:
    return ckan.license_list()


def help_show(params: dict[str, Any]) -> str:
    name = _required(params, "name")
    if name not in ACTIONS:
        raise not_found(f"Action {name} not found")
    return (ACTIONS[name].__doc__ or f"CKAN action {name} (read-only subset).").strip()


ACTIONS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "package_list": package_list,
    "package_show": package_show,
    "package_search": package_search,
    "resource_show": resource_show,
    "organization_list": organization_list,
    "organization_show": organization_show,
    "group_list": group_list,
    "tag_list": tag_list,
    "license_list": license_list,
    "status_show": status_show,
    "help_show": help_show,
    "datastore_search": datastore.datastore_search,
}


@csrf_exempt
@require_http_methods(["GET", "POST"])
def action(request: HttpRequest, action_name: str) -> JsonResponse:
    help_url = _help(request, action_name)
    if action_name not in ACTIONS:
        return _error(
            help_url, ActionError("Not Found Error", 400, f"Action name not known: {action_name}")
        )
    try:
        result = ACTIONS[action_name](_params(request))
    except ActionError as problem:
        return _error(help_url, problem)
    except datastore.DatastoreError as problem:
        return _error(help_url, ActionError(problem.kind, problem.status, str(problem)))
    response = JsonResponse({"help": help_url, "success": True, "result": result}, safe=False)
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _error(help_url: str, problem: ActionError) -> JsonResponse:
    error: dict[str, Any] = {"__type": problem.kind, **problem.fields}
    if problem.message:
        error["message"] = problem.message
    body = {"help": help_url, "success": False, "error": error}
    response = JsonResponse(body, status=problem.status)
    response["Access-Control-Allow-Origin"] = "*"
    return response
