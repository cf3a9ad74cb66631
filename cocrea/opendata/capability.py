"""Open data: the catalogue, the CKAN API, DCAT-AP, the bulk package and proactive transparency.
It publishes the open tables every other capability declares."""

from django.utils.translation import gettext_lazy as _

from cocrea.core.capabilities import Capability, Job, NavLink, register

register(
    Capability(
        label="opendata",
        urls="cocrea.opendata.urls",
        api_router="cocrea.opendata.api.router",
        main_nav=(NavLink("opendata:dataset_list", _("Datos abiertos"), 40),),
        exercise_tabs=(
            NavLink("opendata:dataset_list", _("Datos abiertos"), 90, query="ejercicio"),
        ),
        jobs=(Job("build_open_data", "cron", {"minute": 5}, "descarga masiva de datos abiertos"),),
        demo="cocrea.opendata.demo.load",
        demo_after=("plans", "participation", "reports"),
        audit_pages=(
            "/datos/",
            "/datos/?tema=gobierno-abierto",
            "/datos/cocrea-compromisos/",
            "/datos/cocrea-reportes-ciudadanos/",
        ),
        audit_editor_pages=("/datos/nuevo/",),
    )
)
