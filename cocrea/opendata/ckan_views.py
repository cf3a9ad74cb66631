"""CKAN Action API v3 (read) at /api/3/action/ and /api/action/, GET or POST with a JSON body.

Every answer, success or refusal, is CKAN's envelope (`help`, `success`, `result` or `error`
with `__type` and `message`) with CKAN's status code: 400 bad request, 403 Authorization Error,
404 Not Found Error, 409 Validation Error; 405 for a method CKAN's routes do not take.
"""

import re
from collections.abc import Callable, Iterable
from typing import Any, TypeVar
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt

from cocrea.core.models import Organization
from cocrea.opendata import ckan, datastore
from cocrea.opendata.ckan_params import (
    ActionError,
    bad_request,
    flag,
    integer,
    invalid,
    not_found,
    request_params,
    required,
    string_list,
    text,
)
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
    platform_publisher,
    publishers,
    resource_get,
)

T = TypeVar("T")
MAX_ROWS = 1000
FQ_TERM = re.compile(r'([+-]?)(\w+):("([^"]*)"|(\S+))')
METHODS = "GET, HEAD, POST, OPTIONS"
# What CKAN's package_search takes (lib/search/query.py's VALID_SOLR_PARAMETERS and the flags the
# action removes first); any other parameter is a Search Query Error there, and here.
SEARCH_PARAMS = {
    "q", "fl", "fq", "fq_list", "rows", "sort", "start", "wt", "qf", "bf", "boost", "facet",
    "facet.mincount", "facet.limit", "facet.field", "extras", "tie", "defType", "mm", "df",
    "include_private", "include_drafts", "include_deleted", "use_default_schema",
}  # fmt: skip
# CKAN's own write actions (core and datastore): known names, so refused as CKAN refuses an
# anonymous caller (403 Authorization Error), not as unknown ones.
WRITE_ACTIONS = frozenset({
    "api_token_create", "api_token_revoke", "bulk_update_delete", "bulk_update_private",
    "bulk_update_public", "config_option_update", "dataset_purge", "datastore_create",
    "datastore_delete", "datastore_function_create", "datastore_function_delete",
    "datastore_records_delete", "datastore_run_triggers", "datastore_upsert", "follow_dataset",
    "follow_group", "follow_user", "group_create", "group_delete", "group_member_create",
    "group_member_delete", "group_patch", "group_purge", "group_update", "job_cancel", "job_clear",
    "member_create", "member_delete", "organization_create", "organization_delete",
    "organization_member_create", "organization_member_delete", "organization_patch",
    "organization_purge", "organization_update", "package_collaborator_create",
    "package_collaborator_delete", "package_create", "package_create_default_resource_views",
    "package_delete", "package_owner_org_update", "package_patch", "package_relationship_create",
    "package_relationship_delete", "package_relationship_update", "package_resource_reorder",
    "package_revise", "package_update", "resource_create",
    "resource_create_default_resource_views", "resource_delete", "resource_patch",
    "resource_update", "resource_view_clear", "resource_view_create", "resource_view_delete",
    "resource_view_reorder", "resource_view_update", "tag_create", "tag_delete",
    "task_status_delete", "task_status_update", "task_status_update_many",
    "term_translation_update", "term_translation_update_many", "unfollow_dataset",
    "unfollow_group", "unfollow_user", "user_create", "user_delete", "user_invite", "user_patch",
    "user_update", "vocabulary_create", "vocabulary_delete", "vocabulary_update",
})  # fmt: skip


def _help(request: HttpRequest, name: str) -> str:
    help_show = reverse("opendata:ckan_action", args=["help_show"])
    return request.build_absolute_uri(f"{help_show}?{urlencode({'name': name})}")


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


def _search_of(params: dict[str, Any]) -> tuple[Search, list[str]]:
    unknown = sorted(k for k in params if k not in SEARCH_PARAMS and not k.startswith("ext_"))
    if unknown:
        message = f"Search Query is invalid: Invalid search parameters: {unknown}"
        raise ActionError("Search Query Error", 400, message)
    filters: dict[str, list[str]] = {}
    words = _filters(text(params, "q"), filters)
    for term in [text(params, "fq"), *string_list(params, "fq_list")]:
        _filters(term, filters)
    facet_fields = string_list(params, "facet.field")
    unknown = [name for name in facet_fields if name not in FACET_FIELDS]
    if unknown:
        raise ActionError("Search Query Error", 400, f"Unknown facet field: {unknown[0]}")
    order = _order(text(params, "sort"))
    return Search(text=words, filters=filters, order=order), facet_fields


def package_search(params: dict[str, Any]) -> dict[str, Any]:
    rows = integer(params, "rows", 10, MAX_ROWS)
    start = integer(params, "start", 0)
    # CKAN passes a negative facet.limit to Solr as "no limit"; ours stops at 1000.
    facet_limit = integer(params, "facet.limit", 50, top=None, bottom=-(10**9))
    facet_limit = 1000 if facet_limit < 0 else min(facet_limit, 1000)
    mincount = integer(params, "facet.mincount", 0)
    search, facet_fields = _search_of(params)
    matches = dataset_search(search)
    page = page_of(matches, start, rows) if rows else []
    facets = cached_facets(search, facet_fields, facet_limit)
    facets = {f: [item for item in items if item[2] >= mincount] for f, items in facets.items()}
    return {
        "count": matches.count(),
        "sort": text(params, "sort") or "score desc, metadata_modified desc",
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
    limit, offset = integer(params, "limit", MAX_ROWS, MAX_ROWS), integer(params, "offset", 0)
    return rows[offset : offset + limit]


def package_list(params: dict[str, Any]) -> list[str]:
    names = dataset_search(Search(order=["name"])).values_list("name", flat=True)
    return list(_window(params, names))


def package_show(params: dict[str, Any]) -> dict[str, Any]:
    dataset = dataset_get(name_or_id=required(params, "id"))
    if dataset is None:
        raise not_found()
    return ckan.package_dict(dataset)


def resource_show(params: dict[str, Any]) -> dict[str, Any]:
    resource = resource_get(resource_id=required(params, "id"))
    if resource is None:
        raise not_found()
    return ckan.resource_dict(resource, resource.dataset)


def _published_count(prefix: str) -> Count:
    return Count(f"{prefix}", filter=Q(**{f"{prefix}__is_published": True}), distinct=True)


def _group_sort(params: dict[str, Any]) -> tuple[str, bool]:
    """CKAN's one sort criterion of group and organization lists (default `title asc`)."""
    raw = text(params, "sort").strip() or "title asc"
    if raw in ("packages", "package_count"):
        raw = "package_count desc"
    words = raw.split()
    if "," in raw or len(words) > 2:
        raise invalid(sort=["Too many sort criteria provided only 1 allowed"])
    field = {"packages": "package_count"}.get(words[0], words[0])
    direction = words[1].lower() if len(words) == 2 else "asc"
    if field not in ("name", "title", "package_count"):
        raise invalid(sort=[f"Cannot sort by field `{words[0]}`"])
    if direction not in ("asc", "desc"):
        raise invalid(sort=[f"Invalid sort direction `{direction}`"])
    return field, direction == "desc"


def _group_listing(
    params: dict[str, Any],
    counted: Iterable[tuple[T, int]],
    names: Callable[[T], tuple[str, str]],
    as_dict: Callable[[T, int], dict[str, Any]],
) -> list[Any]:
    """organization_list and group_list: `q`, `sort`, `limit`, `offset`, `all_fields`, over
    the few rows there are (read in one query)."""
    field, descending = _group_sort(params)
    query = text(params, "q").strip().lower()
    rows = [
        (names(obj), obj, n)
        for obj, n in counted
        if not query or any(query in part.lower() for part in names(obj))
    ]
    position = {"name": 0, "title": 1}.get(field)
    rows.sort(key=lambda r: r[0][0])  # ties keep the names' order (the sort below is stable)
    rows.sort(
        key=lambda r: r[2] if position is None else r[0][position].lower(), reverse=descending
    )
    window = _window(params, rows)
    if flag(params, "all_fields"):
        return [as_dict(obj, n) for _names, obj, n in window]
    return [name for (name, _title), _obj, _n in window]


def _org_names(org: Organization) -> tuple[str, str]:
    return org.slug, org.name


def organization_list(params: dict[str, Any]) -> list[Any]:
    return _group_listing(params, publishers(), _org_names, ckan.organization_dict)


def organization_show(params: dict[str, Any]) -> dict[str, Any]:
    key = required(params, "id")
    for org, count in publishers():
        if key in (org.slug, ckan.stable_id("organization", org.slug)):
            return ckan.organization_dict(org, count)
    # An institution that publishes nothing yet is still one: CKAN shows it with no datasets.
    found = Organization.objects.filter(slug=key).first() or next(
        (o for o in Organization.objects.all() if ckan.stable_id("organization", o.slug) == key),
        platform_publisher(),
    )
    if key not in (found.slug, ckan.stable_id("organization", found.slug)):
        raise not_found()
    return ckan.organization_dict(found, 0)


def group_list(params: dict[str, Any]) -> list[Any]:
    counted = Group.objects.annotate(n=_published_count("datasets"))
    return _group_listing(
        params, ((g, g.n) for g in counted), lambda g: (g.name, g.title), ckan.group_dict
    )


def tag_list(params: dict[str, Any]) -> list[Any]:
    tags = Tag.objects.filter(datasets__is_published=True).distinct().order_by("name")
    if query := text(params, "query"):
        tags = tags.filter(name__icontains=query)
    if flag(params, "all_fields"):
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
    name = required(params, "name")
    if name not in ACTIONS:
        raise not_found(f"Not found: Action {name} not found")
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


def _run(request: HttpRequest, name: str) -> Any:
    """The checks in CKAN's order: the route's methods, the action's name, then its data."""
    if request.method not in ("GET", "HEAD", "POST"):
        raise bad_request(f"Method not allowed: {request.method}; use GET or POST", 405)
    if name in WRITE_ACTIONS:
        if request.method == "POST":
            message = (
                "Access denied: this catalogue is read-only through the API; publish on the site"
            )
            raise ActionError("Authorization Error", 403, message)
        raise bad_request("JSON Error: Invalid request. Please use POST method for your request")
    if name not in ACTIONS:
        # CKAN answers 400 here; the type tells clients (ckanapi) that the action is missing.
        raise ActionError("Not Found Error", 400, f"Bad request: Action name not known: {name}")
    params = request_params(request)
    params.pop("callback", None)  # CKAN's JSONP; the answer here is always JSON
    return ACTIONS[name](params)


@csrf_exempt
def action(request: HttpRequest, action_name: str) -> HttpResponse:
    if request.method == "OPTIONS":
        return _preflight()
    help_url = _help(request, action_name)
    try:
        result = _run(request, action_name)
    except ActionError as problem:
        return _error(help_url, problem)
    return _answer({"help": help_url, "success": True, "result": result})


@csrf_exempt
def api_version(request: HttpRequest) -> HttpResponse:
    """CKAN's `get_api`: the API's root names its version."""
    if request.method == "OPTIONS":
        return _preflight()
    if request.method not in ("GET", "HEAD"):
        problem = bad_request(f"Method not allowed: {request.method}; use GET", 405)
        response = _error(_help(request, "help_show"), problem)
        response["Allow"] = "GET, HEAD, OPTIONS"
        return response
    return _answer({"version": 3})


@csrf_exempt
def unknown_path(request: HttpRequest, rest: str = "") -> HttpResponse:
    """Anything else under the CKAN API's prefixes: CKAN's Not Found Error, not a web page."""
    problem = not_found("Not found: the CKAN API has no such path; see /api/3/action/<action>")
    return _error(_help(request, "help_show"), problem)


def _answer(body: dict[str, Any], status: int = 200) -> JsonResponse:
    response = JsonResponse(body, status=status)
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _preflight() -> HttpResponse:
    """A browser's CORS preflight before it POSTs JSON: the API is public and read-only."""
    response = HttpResponse(status=200)
    response["Allow"] = METHODS
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Allow-Methods"] = METHODS
    response["Access-Control-Allow-Headers"] = "Content-Type, Authorization, X-CKAN-API-Key"
    response["Access-Control-Max-Age"] = "86400"
    return response


def _error(help_url: str, problem: ActionError) -> JsonResponse:
    # A field error can never hide the two keys every CKAN client reads.
    error = {**problem.fields, "__type": problem.kind, "message": problem.message}
    response = _answer({"help": help_url, "success": False, "error": error}, problem.status)
    if problem.status == 405:
        response["Allow"] = METHODS
    return response
