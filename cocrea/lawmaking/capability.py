"""Collaborative lawmaking: legislative processes, bills by article, contributions on passages,
the committee's answers, versions with their differences, the cuadro comparativo and the
dictamen."""

from collections.abc import Iterable

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cocrea.core.capabilities import (
    Capability,
    Job,
    NavLink,
    first_example,
    record_pages,
    register,
)
from cocrea.lawmaking.models import Contribution, LegislativeProcess
from cocrea.lawmaking.open_tables import OPEN_TABLES


def _public_pages() -> Iterable[str]:
    process = first_example(LegislativeProcess)
    if process is None:
        return ("/leyes/",)
    slug = process.slug
    contribution = Contribution.objects.filter(process=process, is_hidden=False).first()
    return (
        "/leyes/",
        process.get_absolute_url(),
        reverse("lawmaking:text", args=[slug]),
        reverse("lawmaking:unit_detail", args=[slug, "articulo-1"]),
        reverse("lawmaking:version_list", args=[slug]),
        reverse("lawmaking:compare", args=[slug]) + "?de=1&a=2",
        reverse("lawmaking:comparative", args=[slug]),
        reverse("lawmaking:contribution_list", args=[slug]),
        reverse("lawmaking:question_list", args=[slug]),
        *record_pages(contribution),
    )


def _editor_pages() -> Iterable[str]:
    process = first_example(LegislativeProcess)
    if process is None:
        return ("/leyes/nuevo/",)
    slug = process.slug
    return (
        "/leyes/nuevo/",
        reverse("lawmaking:process_edit", args=[slug]),
        reverse("lawmaking:phase_edit", args=[slug, "debate"]),
        reverse("lawmaking:version_new", args=[slug]),
        reverse("lawmaking:question_new", args=[slug]),
        reverse("lawmaking:moderation_queue", args=[slug]),
        reverse("lawmaking:process_close", args=[slug]),
    )


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
        audit_pages=_public_pages,
        audit_editor_pages=_editor_pages,
    )
)
