"""Collaborative lawmaking: legislative processes, bills by article, contributions on passages,
the committee's answers, versions with their differences, the cuadro comparativo and the
dictamen."""

from django.utils.translation import gettext_lazy as _

from cocrea.core.capabilities import Capability, Job, NavLink, register
from cocrea.lawmaking.open_tables import OPEN_TABLES

register(
    Capability(
        label="lawmaking",
        urls="cocrea.lawmaking.urls",
        api_router="cocrea.lawmaking.api.router",
        main_nav=(NavLink("lawmaking:process_list", _("Leyes"), 35),),
        exercise_tabs=(NavLink("lawmaking:exercise_processes", _("Leyes"), 45),),
        open_tables=OPEN_TABLES,
        jobs=(
            Job(
                "lawmaking_notify_phases",
                "cron",
                {"minute": 15},
                "avisa a quienes siguen un proceso legislativo que empezó una fase",
            ),
        ),
        demo="cocrea.lawmaking.demo.load",
        demo_after=("plans", "participation"),
        audit_pages=("/leyes/",),
    )
)
