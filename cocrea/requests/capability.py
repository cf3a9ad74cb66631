"""Access to information: requests to obligated bodies with their legal deadlines in working
days, public correspondence, per-institution statistics and the path from repeated requests to
proactive transparency."""

from collections.abc import Iterable

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cocrea.core.capabilities import Capability, Job, NavLink, first_example, register
from cocrea.requests.models import InformationRequest
from cocrea.requests.open_tables import OPEN_TABLES

LIST = "/solicitudes/"


def _public_pages() -> Iterable[str]:
    request = first_example(InformationRequest)
    pages = [
        LIST,
        reverse("requests:timeline"),
        reverse("requests:statistics"),
        reverse("requests:suspension_list"),
        reverse("requests:need_list"),
    ]
    if request is not None:
        pages += [
            request.get_absolute_url(),
            reverse("requests:institution_detail", args=[request.organization.slug]),
        ]
    return pages


def _editor_pages() -> Iterable[str]:
    request = first_example(InformationRequest)
    pages = [
        reverse("requests:request_new"),
        reverse("requests:request_record"),
        reverse("requests:moderation_queue"),
        reverse("requests:suspension_new"),
        reverse("requests:inbound_list"),
    ]
    if request is not None:
        slug = request.organization.slug
        pages += [
            reverse("requests:step_new", args=[request.pk, "answered"]),
            reverse("requests:request_moderate", args=[request.pk]),
            reverse("requests:unit_edit", args=[slug]),
            reverse("requests:days_off", args=[slug]),
        ]
    return pages


register(
    Capability(
        label="requests",
        urls="cocrea.requests.urls",
        api_router="cocrea.requests.api.router",
        main_nav=(NavLink("requests:request_list", _("Solicitudes"), 38),),
        open_tables=OPEN_TABLES,
        jobs=(
            Job(
                "requests_recompute_clocks",
                "cron",
                {"hour": 0, "minute": 20},
                "recalcula los plazos de las solicitudes abiertas (días inhábiles y suspensiones nuevas)",
            ),
        ),
        demo="cocrea.requests.demo.load",
        demo_after=("plans", "opendata"),
        audit_pages=_public_pages,
        audit_editor_pages=_editor_pages,
    )
)
