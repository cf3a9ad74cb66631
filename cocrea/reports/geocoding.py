"""Reverse geocoding: the address of a place a citizen chose on the map.

The server asks a Nominatim-compatible service (`settings.GEOCODER_URL`), never the browser, so
the geocoder sees neither the citizen's IP nor a cookie; answers are cached by place (rounded to
about ten metres, which is all an address needs) and nothing here logs a coordinate.
Nominatim's usage policy asks for an identifying User-Agent and at most one request a second: the
view rate-limits per IP and the cache spares repeated places.
"""

import json
import urllib.parse
import urllib.request
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.cache import cache

# Fetches a URL with headers and a timeout, returns the body; tests pass a fake one.
Transport = Callable[[str, dict[str, str], float], bytes]

TIMEOUT_SECONDS = 4.0
CACHE_SECONDS = 60 * 60 * 24 * 7
USER_AGENT = "Cocrea/1.0 (plataforma de gobierno abierto; reportes ciudadanos)"
MAX_ADDRESS = 250  # Report.address's length


def _urllib_transport(url: str, headers: dict[str, str], timeout: float) -> bytes:
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 (the URL is from settings)
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
        body: bytes = response.read(64 * 1024)
        return body


def place_parse(*, lat: str, long: str) -> tuple[Decimal, Decimal] | None:
    """The place as decimals with 6 places, or None unless both are real coordinates."""
    try:
        point = Decimal(lat.strip()), Decimal(long.strip())
    except (InvalidOperation, AttributeError):
        return None
    if not all(value.is_finite() for value in point):
        return None
    if not (-90 <= point[0] <= 90 and -180 <= point[1] <= 180):
        return None
    return point[0].quantize(Decimal("0.000001")), point[1].quantize(Decimal("0.000001"))


def address_of(*, lat: Decimal, long: Decimal, transport: Transport | None = None) -> str:
    """The address at a place, or "" when no geocoder is configured or it fails to answer."""
    base = settings.GEOCODER_URL
    if not base:
        return ""
    key = f"geocoder:{lat:.4f}:{long:.4f}"
    cached = cache.get(key)
    if isinstance(cached, str):
        return cached
    address = _ask(base, lat=lat, long=long, transport=transport or _urllib_transport)
    if address is not None:
        cache.set(key, address, CACHE_SECONDS)
    return address or ""


def _ask(base: str, *, lat: Decimal, long: Decimal, transport: Transport) -> str | None:
    """None when the geocoder fails (not cached: it may answer next time)."""
    query = urllib.parse.urlencode(
        {"format": "jsonv2", "lat": f"{lat:f}", "lon": f"{long:f}", "accept-language": "es"}
    )
    # Either the service's root (https://nominatim.openstreetmap.org) or its /reverse endpoint.
    endpoint = base.rstrip("/")
    if not endpoint.endswith("/reverse"):
        endpoint += "/reverse"
    url = f"{endpoint}?{query}"
    headers = {"User-Agent": USER_AGENT, "Accept": "application/json"}
    try:
        data = json.loads(transport(url, headers, TIMEOUT_SECONDS))
    except (OSError, ValueError):
        # Timeouts, refused connections, HTTP errors and garbage alike: the form still works.
        return None
    if not isinstance(data, dict):
        return None
    name = data.get("display_name")
    return str(name)[:MAX_ADDRESS] if isinstance(name, str) else ""
