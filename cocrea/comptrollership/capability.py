"""Social comptrollership: public works, the citizens' committees that watch them, their
inspection sheets (with photos) and the figures sources report. A complaint about a work is a
citizen's report; comptrollership builds on the reports app, never the other way round."""

from collections.abc import Iterable

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cocrea.comptrollership.models import PublicWork
from cocrea.core.capabilities import (
    EXAMPLE_FLAG,
    PLATFORM_ID,
    Capability,
    Column,
    NavLink,
    OpenTable,
    first_example,
    record_pages,
    register,
)

WORKS = OpenTable(
    "obras-publicas",
    _("Obras públicas en contraloría social"),
    _("Las obras que vigilan los comités de contraloría social."),
    (
        PLATFORM_ID,
        Column("nombre", "string", _("Nombre de la obra."), "name"),
        Column("institucion", "string", _("Institución responsable."), "institution__name"),
        Column("municipio", "string", _("Clave INEGI del municipio."), "municipality__inegi_code"),
        Column("presupuesto", "number", _("Presupuesto en pesos."), "budget"),
        Column("contratista", "string", _("Empresa contratista."), "contractor"),
        Column("inicio", "date", _("Fecha de inicio."), "starts_on"),
        Column("termino", "date", _("Fecha de término."), "ends_on"),
        Column("avance", "integer", _("Avance físico, de 0 a 100."), "progress"),
        EXAMPLE_FLAG,
    ),
    lambda: PublicWork.objects.order_by("pk"),
    theme="obra-publica",
)  # fmt: skip


def _public_pages() -> Iterable[str]:
    pages = ("/contraloria-social/", reverse("comptrollership:work_map"))
    return (*pages, *record_pages(first_example(PublicWork)))


def _editor_pages() -> Iterable[str]:
    pages = ["/contraloria-social/obras/nueva/"]
    work = first_example(PublicWork)
    if work is not None:
        pages += [
            work.get_absolute_url(),
            reverse("comptrollership:work_edit", args=[work.pk]),
            reverse("comptrollership:committee_new", args=[work.pk]),
            reverse("comptrollership:inspection_new", args=[work.pk]),
        ]
    return pages


register(
    Capability(
        label="comptrollership",
        urls="cocrea.comptrollership.urls",
        api_router="cocrea.comptrollership.api.router",
        main_nav=(NavLink("comptrollership:comptrollership", _("Contraloría social"), 30),),
        open_tables=(WORKS,),
        demo="cocrea.comptrollership.demo.load",
        demo_after=("plans", "reports"),
        audit_pages=_public_pages,
        audit_editor_pages=_editor_pages,
    )
)
