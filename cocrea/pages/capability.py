"""Pages: the pages that compose several capabilities — the home page (what is open now and the
national picture) and the commitment page (the plan's commitment with its monitoring and
participation parts) — and the top of each exercise's page (its open consultation and its
plan), which the exercise's page asks for through a hook. They sit at the top of the layers:
they read every capability below, none reads them."""

from cocrea.core.capabilities import Capability, register

register(
    Capability(
        label="pages",
        urls="cocrea.pages.urls",
        audit_pages=("/", "/ejercicios/jalisco/planes/2/compromisos/5/"),
        listens={"exercises.exercise_summary": "cocrea.pages.panels.exercise_summary"},
    )
)
