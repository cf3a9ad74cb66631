"""The platform's REST API at /api/v1/: mounts the router each capability declares, and one
error shape."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.urls import URLPattern, URLResolver
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from cocrea.core.capabilities import api_routers


class CocreaApi(NinjaAPI):
    """ninja's API, with its one refusal that no exception handler sees in the API's error shape:
    a method a path does not take (ninja's path view answers it with a plain-text 405)."""

    @property
    def urls(self) -> tuple[list[URLResolver | URLPattern], str, str]:
        patterns, app_name, namespace = super().urls
        for pattern in patterns:
            if isinstance(pattern, URLPattern):
                pattern.callback = _methods_in_error_shape(pattern.callback)
        return patterns, app_name, namespace


api = CocreaApi(
    title="Cocrea API",
    version="1",
    description=(
        "API pública de Cocrea: territorios, organizaciones, ejercicios de gobierno abierto y "
        "sus secretariados. Las listas paginan con `limit` y `offset` y responden "
        '`{"items": [...], "count": N}`. Los errores responden '
        '`{"error": {"status", "code", "message", "fields"}}` (esquema `ApiError`): 400 si un '
        "parámetro o campo no es válido (`fields` dice cuáles), 403 si falta la llave de la "
        "institución o es de otra, 404 si el recurso no existe o no es público (un borrador "
        "responde igual que un id que no existe), 405 si la ruta no admite el método (`Allow` "
        "dice cuáles) y 429 si una llave escribe demasiado seguido "
        "(`Retry-After` dice cuántos segundos esperar)."
    ),
    urls_namespace="api-v1",
)
for router in api_routers():
    api.add_router("/", router)


def _error(
    request: HttpRequest, status: int, code: str, message: str, fields: list[Any] | None = None
) -> HttpResponse:
    body: dict[str, Any] = {"status": status, "code": code, "message": message}
    if fields is not None:
        body["fields"] = fields
    return api.create_response(request, {"error": body}, status=status)


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    fields = [
        {"loc": [str(part) for part in e.get("loc", [])], "message": e.get("msg", "")}
        for e in exc.errors
    ]
    return _error(request, 400, "invalid", "Parámetros no válidos: revisa `fields`.", fields)


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _error(request, 404, "not_found", "No existe el recurso solicitado.")


@api.exception_handler(PermissionDenied)
def on_forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return _error(request, 403, "forbidden", str(exc) or "No tienes permiso para esta acción.")


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return _error(request, 403, "forbidden", "Falta una credencial válida.")


@api.exception_handler(Throttled)
def on_throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
    response = _error(
        request, 429, "too_many_requests", "Demasiadas escrituras con esta llave; espera un poco."
    )
    if exc.wait:
        response["Retry-After"] = str(int(exc.wait))
    return response


@api.exception_handler(OverflowError)
def on_number_too_large(request: HttpRequest, exc: OverflowError) -> HttpResponse:
    # SQLite refuses to compare a column with an integer wider than 64 bits (PostgreSQL finds
    # nothing): such an id or filter names no record, whatever the operation.
    return _error(
        request, 400, "invalid", "Un número de la petición es mayor que cualquier identificador."
    )


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return _error(request, exc.status_code, "error", str(exc))


def _methods_in_error_shape(view: Callable[..., Any]) -> Callable[..., Any]:
    @wraps(view)  # keeps ninja's csrf_exempt
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        response = view(request, *args, **kwargs)
        if isinstance(response, HttpResponseNotAllowed):
            return _not_allowed(request, response)
        return response

    return wrapper


def _not_allowed(request: HttpRequest, refused: HttpResponseNotAllowed) -> HttpResponse:
    methods = sorted(method.strip() for method in refused["Allow"].split(",") if method.strip())
    listed = ", ".join(methods[:-1]) + f" y {methods[-1]}" if len(methods) > 1 else methods[0]
    response = _error(request, 405, "method_not_allowed", f"Este recurso solo admite {listed}.")
    response["Allow"] = ", ".join(methods)
    return response
