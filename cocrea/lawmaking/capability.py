"""Collaborative lawmaking: legislative processes, bills by article, contributions on passages,
the committee's answers, versions with their differences, the cuadro comparativo and the
dictamen."""

from django.utils.translation import gettext_lazy as _

from cocrea.core.capabilities import Capability, NavLink, register

register(
    Capability(
        label="lawmaking",
        urls="cocrea.lawmaking.urls",
        main_nav=(NavLink("lawmaking:process_list", _("Leyes"), 35),),
        exercise_tabs=(NavLink("lawmaking:exercise_processes", _("Leyes"), 45),),
        audit_pages=("/leyes/",),
    )
)
