"""Reports: citizen reports (Open311), their categories, routing and photos. Complaints about
public works and inspection photos of social comptrollership (its own app) are reports' too."""

from collections.abc import Iterable

from django.utils.translation import gettext_lazy as _

from cocrea.core.capabilities import (
    EXAMPLE_FLAG,
    PLATFORM_ID,
    Capability,
    Column,
    Job,
    NavLink,
    OpenTable,
    first_example,
    record_pages,
    register,
)
from cocrea.reports.models import Report

INSTITUTION = _("Institución que lo atiende.")

REPORTS = OpenTable(
    "reportes-ciudadanos",
    _("Reportes ciudadanos"),
    _(
        "Los reportes (Open311) sin datos de quien reporta: ni nombre, ni contacto, ni "
        "domicilio; la ubicación redondeada a unos cien metros."
    ),
    (
        PLATFORM_ID,
        Column("categoria", "string", _("Código de la categoría (service_code de Open311)."), "category__code"),
        Column("institucion", "string", INSTITUTION, "institution__name"),
        Column("municipio", "string", _("Clave INEGI del municipio, si se conoce."), "municipality__inegi_code"),
        Column("estado", "string", _("Estado interno del reporte."), "status"),
        Column("latitud", "number", _("Latitud redondeada a tres decimales."), "lat"),
        Column("longitud", "number", _("Longitud redondeada a tres decimales."), "long"),
        Column("recibido", "datetime", _("Fecha y hora de recepción."), "requested_at"),
        Column("respuesta_esperada", "datetime", _("Fecha límite de respuesta."), "expected_at"),
        Column("cerrado", "datetime", _("Fecha y hora de cierre."), "closed_at"),
        Column("obra", "integer", _("Obra pública sobre la que se queja, si es una queja."), "public_work_id"),
        EXAMPLE_FLAG,
    ),
    lambda: Report.objects.order_by("pk"),
    theme="servicios-publicos",
)  # fmt: skip


def _record_pages() -> list[str]:
    return record_pages(first_example(Report))


def _public_pages() -> Iterable[str]:
    return (
        "/reportes/",
        "/reportes/nuevo/",
        "/reportes/nuevo/guadalajara-servicio-publico/",
        "/reportes/estadisticas/",
        "/reportes/mapa/",
        "/reportes/categorias/?entidad=jalisco",
        "/reportes/categorias/guadalajara-servicio-publico/",
        "/reportes/dias-inhabiles/?entidad=jalisco",
        *_record_pages(),
    )


def _editor_pages() -> Iterable[str]:
    return [
        "/reportes/bandeja/",
        "/reportes/categorias/nueva/",
        "/reportes/categorias/guadalajara-servicio-publico/",
        "/reportes/categorias/guadalajara-servicio-publico/editar/",
        "/reportes/categorias/guadalajara-servicio-publico/preguntas/nueva/",
        "/reportes/dias-inhabiles/?entidad=jalisco",
        *_record_pages(),
    ]


register(
    Capability(
        label="reports",
        urls="cocrea.reports.urls",
        api_router="cocrea.reports.api.router",
        main_nav=(NavLink("reports:report_list", _("Reportes"), 20),),
        # Each exercise's state list of categories, where its coordination manages them.
        exercise_tabs=(
            NavLink("reports:category_list", _("Categorías de reporte"), 85, query="ejercicio"),
        ),
        open_tables=(REPORTS,),
        jobs=(
            Job(
                "clean_photos",
                "interval",
                {"seconds": 20},
                "fotos recibidas por la API, sin metadatos",
            ),
            Job(
                "purge_filing_photos",
                "cron",
                {"hour": 3, "minute": 30},
                "fotos de reportes que se empezaron y no se enviaron",
            ),
        ),
        demo="cocrea.reports.demo.load",
        demo_after=("plans",),
        audit_pages=_public_pages,
        audit_editor_pages=_editor_pages,
    )
)
