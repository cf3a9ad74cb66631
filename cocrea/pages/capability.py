"""Pages: the pages that compose several capabilities — the home page (the national picture)
and the commitment page (the plan's commitment with its monitoring and participation parts).
They sit at the top of the layers: they read every capability below, none reads them."""

from cocrea.core.capabilities import Capability, register

register(
    Capability(
        label="pages",
        urls="cocrea.pages.urls",
        audit_pages=("/", "/ejercicios/jalisco/planes/2/compromisos/5/"),
    )
)
