"""The client's address: the one every limit counts and every record keeps.

Behind a reverse proxy, REMOTE_ADDR is the proxy's own address, and any header a client sends
can be forged. So the address is read from a header only when the operator names one
(`TRUSTED_PROXY_HEADER`), and only the entry the trusted proxies wrote: counted from the right,
`TRUSTED_PROXY_COUNT` entries in (1: the one the nearest proxy appended or set). Whatever a
client put to the left of it is ignored.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    remote = str(request.META.get("REMOTE_ADDR") or "")
    header: str = settings.TRUSTED_PROXY_HEADER
    if not header:
        return remote
    hops = [part.strip() for part in request.headers.get(header, "").split(",") if part.strip()]
    count: int = settings.TRUSTED_PROXY_COUNT
    if count < 1 or len(hops) < count:
        # A request that did not come through the proxies (a health probe, say) is its own peer.
        return remote
    try:
        return str(ipaddress.ip_address(hops[-count]))
    except ValueError:
        return remote
