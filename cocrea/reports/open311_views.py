# django-ratelimit ships no annotations: the view it limits loses its signature.
# mypy: disable-error-code="untyped-decorator"
"""The Open311 GeoReport v2 endpoints (/open311/v2/), in JSON and XML.

Every refusal, whatever failed (a method the endpoint does not take, a NUL byte, a bad key or
date, an unknown service or request, too many requests), answers GeoReport's own error list,
`[{"code", "description"}]` or `<errors><error>…`, in the format the URL asks for.
"""

import datetime as dt
import functools
import uuid
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django_ratelimit.decorators import ratelimit

from cocrea.core.client_ip import client_ip
from cocrea.core.models import Territory, TerritoryLevel
from cocrea.core.query_guard import nul_fields
from cocrea.core.selectors import api_key_active
from cocrea.reports import open311, selectors, services
from cocrea.reports.models import Category
from cocrea.reports.photos import CleanPhoto, RawPhoto, photo_check

View = Callable[..., HttpResponse]


def georeport(*methods: str) -> Callable[[View], View]:
    """An Open311 endpoint answering `methods` (HEAD with GET). Any other method, and a NUL
    byte anywhere in the query or the form, get GeoReport's error list instead of Django's
    HTML page. No CSRF check: clients prove who they are with `api_key`, never a cookie."""
    allowed = {*methods, "HEAD"} if "GET" in methods else set(methods)

    def decorate(view: View) -> View:
        @functools.wraps(view)
        def endpoint(
            request: HttpRequest, *args: object, fmt: str, **kwargs: object
        ) -> HttpResponse:
            if request.method not in allowed:
                refused = open311.error(
                    fmt, 405, _("Este recurso solo admite %s.") % ", ".join(methods)
                )
                refused["Allow"] = ", ".join(sorted(allowed))
                return refused
            if _has_nul(request):
                return open311.error(fmt, 400, _("Los parámetros no admiten el carácter NUL."))
            return view(request, *args, fmt=fmt, **kwargs)

        return csrf_exempt(endpoint)

    return decorate


def _has_nul(request: HttpRequest) -> bool:
    # PostgreSQL refuses a NUL in a text query (a 500), and XML cannot carry one.
    sent = [request.GET, request.POST] if request.method == "POST" else [request.GET]
    return bool(nul_fields(*sent))


MAX_PHOTOS = 3

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"


@georeport("GET")
def discovery(request: HttpRequest, fmt: str) -> HttpResponse:
    base = request.build_absolute_uri("/open311/v2/")
    data = {
        "changeset": "2026-11-21T00:00:00Z",
        "contact": _("Escriba a la institución responsable de cada categoría."),
        "key_service": _("Las instituciones obtienen su llave con manage.py create_api_key."),
        "endpoints": [
            {
                "specification": SPECIFICATION,
                "url": base,
                "changeset": "2026-11-21T00:00:00Z",
                "type": "production",
                "formats": ["application/json", "text/xml"],
            }
        ],
    }
    return open311.render(fmt, data, root="discovery")


def _jurisdiction(request: HttpRequest) -> Territory | None:
    """`jurisdiction_id`, optional: one state's list (or the national one). Unknown: an error."""
    raw = request.GET.get("jurisdiction_id", "") or request.POST.get("jurisdiction_id", "")
    if not raw:
        return None
    territory = selectors.jurisdiction_get(raw=raw)
    if territory is None:
        raise ValidationError(
            _("jurisdiction_id debe ser una entidad o el país (jalisco, MX-JAL o 14): «%s».")
            % raw[:40]
        )
    return territory


@georeport("GET")
def services_list(request: HttpRequest, fmt: str) -> HttpResponse:
    try:
        territory = _jurisdiction(request)
    except ValidationError as problem:
        return open311.error(fmt, 400, " ".join(problem.messages))
    categories = selectors.category_list(territory=territory)
    data = [open311.service_dict(category) for category in categories]
    return open311.render(fmt, data, root="services", item="service")


@georeport("GET")
def service_definition(request: HttpRequest, category_code: str, fmt: str) -> HttpResponse:
    category = selectors.category_get(code=category_code)
    if category is None:
        return open311.error(
            fmt, 404, _("No existe la categoría (service_code) «%s».") % category_code
        )
    data = {
        "service_code": category.code,
        "attributes": [open311.attribute_dict(a) for a in category.attributes.all()],
    }
    return open311.render(fmt, data, root="service_definition")


def _moment(raw: str, name: str) -> dt.datetime | None:
    if not raw:
        return None
    try:
        parsed = parse_datetime(raw)
    except ValueError:  # well formed, but no such moment (month 13, hour 99)
        parsed = None
    if parsed is None:
        raise ValidationError(_("%s debe ser una fecha y hora ISO 8601 (W3C).") % name)
    return parsed


def _ids(raw: str) -> list[int]:
    try:
        return [int(part) for part in raw.split(",") if part.strip()]
    except ValueError:
        raise ValidationError(_("service_request_id debe ser una lista de números.")) from None


def _list_requests(request: HttpRequest, fmt: str) -> HttpResponse:
    query = request.GET
    status = query.get("status", "")
    try:
        if status not in ("", "open", "closed"):
            raise ValidationError(_("status debe ser open o closed."))
        reports = selectors.report_requests(
            ids=_ids(query.get("service_request_id", "")),
            service_code=query.get("service_code", ""),
            start=_moment(query.get("start_date", ""), "start_date"),
            end=_moment(query.get("end_date", ""), "end_date"),
            status=status,
            territory=_jurisdiction(request),
        )
    except ValidationError as problem:
        return open311.error(fmt, 400, " ".join(problem.messages))
    data = [open311.request_dict(report) for report in reports]
    return open311.render(fmt, data, root="service_requests", item="request")


def _attributes(request: HttpRequest) -> dict[str, list[str]]:
    given: dict[str, list[str]] = {}
    for key in request.POST:
        if key.startswith("attribute[") and "]" in key:
            code = key[len("attribute[") : key.index("]")]
            given.setdefault(code, []).extend(request.POST.getlist(key))
    return given


def _photos(request: HttpRequest) -> list[CleanPhoto | RawPhoto]:
    """Photos sent as multipart `media` files (FixMyStreet's extension of GeoReport v2): checked
    now, stripped of their metadata by the worker a moment later (the POST stays fast)."""
    uploads = request.FILES.getlist("media")
    if len(uploads) > MAX_PHOTOS:
        raise ValidationError(_("Se admiten hasta %d fotos (media).") % MAX_PHOTOS)
    return [photo_check(upload) for upload in uploads]


def _municipality(raw: str) -> Territory | None:
    """Our extension: `municipality`, the INEGI code of the municipality (e.g. 14039)."""
    if not raw:
        return None
    municipality = Territory.objects.filter(
        inegi_code=raw, level=TerritoryLevel.MUNICIPALITY
    ).first()
    if municipality is None:
        raise ValidationError(_("municipality debe ser la clave INEGI de un municipio (14039)."))
    return municipality


def _filing(request: HttpRequest, category: Category) -> services.Filing:
    post = request.POST
    return services.Filing(
        category=category,
        description=post.get("description", ""),
        lat=post.get("lat", ""),
        long=post.get("long", ""),
        address=post.get("address_string", ""),
        address_id=post.get("address_id", ""),
        zipcode=post.get("zipcode", ""),
        attributes=_attributes(request),
        first_name=post.get("first_name", ""),
        last_name=post.get("last_name", ""),
        email=post.get("email", ""),
        phone=post.get("phone", ""),
        device_id=post.get("device_id", ""),
        account_id=post.get("account_id", ""),
        media_url=post.get("media_url", ""),
        municipality=_municipality(post.get("municipality", "")),
        photos=_photos(request),
    )


def _create_request(request: HttpRequest, fmt: str) -> HttpResponse:
    key = api_key_active(raw=request.POST.get("api_key", ""))
    if key is None:
        return open311.error(fmt, 403, _("Falta api_key o no es válida."))
    code = request.POST.get("service_code", "")
    category = selectors.category_get(code=code) if code else None
    if category is None:
        return open311.error(fmt, 404, _("No existe la categoría (service_code) «%s».") % code)
    try:
        territory = _jurisdiction(request)
        if territory is not None and territory.pk != category.territory_id:
            raise ValidationError(
                _("La categoría «%(code)s» no es de la jurisdicción «%(place)s».")
                % {"code": code, "place": territory.name}
            )
        report = services.report_create(
            filing=_filing(request, category),
            submitted_by=key.organization,
            ip_address=client_ip(request),
        )
    except ValidationError as problem:
        return open311.error(fmt, 400, " ".join(problem.messages))
    data = [{"service_request_id": str(report.pk), "token": str(report.token)}]
    return open311.render(fmt, data, root="service_requests", item="request", status=201)


@georeport("GET", "POST")
@ratelimit(key="ip", rate="60/m", method="POST", block=False)
def requests(request: HttpRequest, fmt: str) -> HttpResponse:
    if request.method == "GET":
        return _list_requests(request, fmt)
    if getattr(request, "limited", False):
        return open311.error(fmt, 429, _("Demasiados reportes desde esta dirección; espere."))
    return _create_request(request, fmt)


@georeport("GET")
def request_detail(request: HttpRequest, report_id: int, fmt: str) -> HttpResponse:
    row = selectors.report_row(report_id=report_id)
    if row is None:
        return open311.error(fmt, 404, _("No existe el reporte %s.") % report_id)
    return open311.render(fmt, [open311.request_dict(row)], root="service_requests", item="request")


@georeport("GET")
def token(request: HttpRequest, token: str, fmt: str) -> HttpResponse:
    try:
        report = selectors.report_by_token(token=str(uuid.UUID(token)))
    except ValueError:
        report = None
    if report is None:
        # Not echoed: what a client sent may hold characters XML cannot carry (a NUL byte).
        return open311.error(fmt, 404, _("No existe ese token."))
    data = [{"service_request_id": str(report.pk), "token": str(report.token)}]
    return open311.render(fmt, data, root="service_requests", item="request")


@georeport("GET", "POST", "PUT", "PATCH", "DELETE")
def unknown(request: HttpRequest, path: str, fmt: str) -> HttpResponse:
    """Any other address under /open311/v2/: GeoReport's 404, not the site's HTML page."""
    return open311.error(fmt, 404, _("No existe ese recurso de Open311 GeoReport v2."))
