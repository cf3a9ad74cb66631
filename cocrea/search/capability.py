"""Search: one box on every page, over what every capability publishes."""

from cocrea.core.capabilities import Capability, register

register(
    Capability(
        label="search",
        urls="cocrea.search.urls",
        url_prefix="buscar/",
        audit_pages=(
            "/buscar/",
            "/buscar/?q=agua",
            "/buscar/?q=transparencia&tipo=compromisos",
            "/buscar/?q=zzzxqj",
        ),
    )
)
