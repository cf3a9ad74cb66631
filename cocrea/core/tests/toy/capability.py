"""A toy capability, only for the test that proves a capability needs no file outside its folder."""

from cocrea.core.capabilities import Capability, Column, Job, NavLink, OpenTable, register
from cocrea.core.tests.toy.models import Gadget

register(
    Capability(
        label="toy",
        urls="cocrea.core.tests.toy.urls",
        url_prefix="juguetes/",
        api_router="cocrea.core.tests.toy.api.router",
        main_nav=(NavLink("toy:gadget_list", "Juguetes", 95),),
        exercise_tabs=(
            NavLink("toy:gadget_list", "Juguetes del ejercicio", 95, query="ejercicio"),
        ),
        open_tables=(
            OpenTable(
                "juguetes",
                "Juguetes",
                "Los juguetes de la prueba.",
                (
                    Column("id", "integer", "Identificador.", "pk"),
                    Column("nombre", "string", "Nombre del juguete.", "name"),
                ),
                lambda: Gadget.objects.order_by("pk"),
            ),
        ),
        jobs=(Job("toy_tick", "interval", {"minutes": 5}, "juguete de prueba"),),
        demo="cocrea.core.tests.toy.demo.load",
        demo_after=("exercises",),
        audit_pages=("/juguetes/",),
        national_charts="cocrea.core.tests.toy.charts.national_charts",
    )
)
