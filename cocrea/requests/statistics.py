"""Statistics of information requests per obligated body: what the institution page, the
statistics table and its CSV show, and what the Open Government Metric reads (next issue).

The figures count every request of the body, whatever its moderation (pending, public or
hidden): they are aggregates, carry no personal data, and a body's record must not improve by
having its requests hidden. They are computed in the database (one grouped query for a page of
bodies, with correlated subqueries for each request's first response); only the median of the
working days to answer is worked out here, over the answered rows of one body or of a page of
bodies. `METHOD` states each figure's definition, and the pages print it.
"""

import datetime as dt
import statistics as pystats
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cocrea.core.models import Organization, Territory, TerritoryLevel
from cocrea.requests import clock
from cocrea.requests.models import (
    RUNNING,
    EventKind,
    InformationRequest,
    RequestEvent,
    Status,
)
from cocrea.requests.states import RESPONSES

# Each figure's name in the dataclass, the CSV and the Metric, and its definition (the method).
METHOD: tuple[tuple[str, Any, Any], ...] = (
    ("received", _("Recibidas"), _("Todas las solicitudes presentadas o registradas ante el sujeto obligado, publicadas o no (son cifras agregadas, sin datos personales).")),
    ("answered", _("Respondidas"), _("Solicitudes con al menos una respuesta de la institución: respuesta, declaración de inexistencia, clasificación o aviso de notoria incompetencia.")),
    ("answered_on_time", _("Respondidas a tiempo"), _("Respondidas cuyo primer paso de respuesta llegó a más tardar el día en que vencía el plazo (con la ampliación, si la hubo).")),
    ("late", _("Fuera de plazo"), _("Respondidas después del vencimiento, más las que siguen esperando respuesta (en espera o con plazo ampliado) con el plazo ya vencido.")),
    ("extended", _("Con ampliación"), _("Solicitudes en las que la institución amplió el plazo de respuesta.")),
    ("classified", _("Clasificadas o negadas"), _("Solicitudes con una clasificación (reserva o confidencialidad), por su estado o por uno de sus pasos.")),
    ("not_held", _("Información inexistente"), _("Solicitudes con una declaración de inexistencia, por su estado o por uno de sus pasos.")),
    ("not_competent", _("Incompetencia"), _("Solicitudes en las que la institución se declaró notoriamente incompetente y orientó a otro sujeto obligado.")),
    ("appealed", _("Recurridas"), _("Solicitudes con un recurso de revisión interpuesto.")),
    ("median_working_days", _("Mediana de días hábiles para responder"), _("Mediana, sobre las respondidas, de los días hábiles entre la presentación y el primer paso de respuesta: como los cuentan los plazos: sin sábados ni domingos, días inhábiles oficiales, los del país y la entidad, los propios de la institución ni los días de suspensiones de plazos.")),
    ("complete_share", _("Respuestas completas"), _("De las respuestas que su solicitante calificó, el porcentaje calificado como «información entregada» (la última calificación de cada solicitud).")),
)  # fmt: skip

WORKING_DAYS_NOTE = _(
    "Las cifras cuentan todas las solicitudes del sujeto obligado, también las que aún no se "
    "publican o se ocultaron por moderación: son agregadas y no llevan datos personales. Las "
    "que no tienen plazo calculado no cuentan como a tiempo ni como fuera de plazo."
)


@dataclass(frozen=True)
class InstitutionStatistics:
    """One obligated body's figures (see `METHOD` for each definition)."""

    organization_id: int
    name: str
    slug: str
    received: int = 0
    answered: int = 0
    answered_on_time: int = 0
    late: int = 0
    extended: int = 0
    classified: int = 0
    not_held: int = 0
    not_competent: int = 0
    appealed: int = 0
    rated: int = 0
    rated_full: int = 0
    median_working_days: float | None = None

    @property
    def on_time_share(self) -> float | None:
        """Percentage of the answered requests answered on time (None: none answered yet)."""
        return _share(self.answered_on_time, self.answered)

    @property
    def complete_share(self) -> float | None:
        """Percentage of rated answers rated complete (None: none rated yet)."""
        return _share(self.rated_full, self.rated)

    def as_row(self) -> list[Any]:
        """The CSV row, in the order of `CSV_HEADER`."""
        return [
            self.slug,
            self.name,
            *(getattr(self, name) for name in COUNTS),
            _blank(self.median_working_days),
            _blank(self.on_time_share),
            self.rated,
            _blank(self.complete_share),
        ]


COUNTS = (
    "received",
    "answered",
    "answered_on_time",
    "late",
    "extended",
    "classified",
    "not_held",
    "not_competent",
    "appealed",
)
CSV_HEADER = [
    "sujeto_obligado",
    "nombre",
    "recibidas",
    "respondidas",
    "respondidas_a_tiempo",
    "fuera_de_plazo",
    "con_ampliacion",
    "clasificadas",
    "inexistentes",
    "incompetencia",
    "recurridas",
    "mediana_dias_habiles",
    "porcentaje_a_tiempo",
    "calificadas",
    "porcentaje_completas",
]


def _share(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def _blank(value: float | None) -> object:
    return "" if value is None else value


def _event(request_field: str = "pk", **filters: Any) -> QuerySet[RequestEvent]:
    return RequestEvent.objects.filter(request=OuterRef(request_field), **filters)


def _with_response() -> QuerySet[InformationRequest]:
    """Requests with the moment of their first response and their last rating."""
    first = _event(kind__in=RESPONSES).order_by("at", "id").values("at")[:1]
    rating = _event(kind=EventKind.RATED).order_by("-at", "-id").values("to_status")[:1]
    return InformationRequest.objects.annotate(
        responded_at=Subquery(first), rating=Subquery(rating)
    )


def _counts(row: Any) -> dict[str, Any]:
    return {name: value for name, value in row.items() if name != "organization_id"}


def _figures(organization_ids: Iterable[int], today: dt.date) -> dict[int, dict[str, Any]]:
    """The counts of each body, one grouped query."""

    def had(kind: EventKind, status: Status | None = None) -> Q:
        found = Q(Exists(_event(kind=kind)))
        return found | Q(status=status) if status else found

    answered = Q(responded_at__isnull=False)
    late = (answered & Q(due_on__isnull=False) & Q(responded_at__date__gt=F("due_on"))) | (
        Q(status__in=RUNNING) & Q(due_on__lt=today)
    )
    rows = (
        _with_response()
        .filter(organization_id__in=list(organization_ids))
        .order_by()
        .values("organization_id")
        .annotate(
            received=Count("pk"),
            answered=Count("pk", filter=answered),
            answered_on_time=Count("pk", filter=answered & Q(responded_at__date__lte=F("due_on"))),
            late=Count("pk", filter=late),
            extended=Count("pk", filter=had(EventKind.EXTENDED, Status.EXTENDED)),
            classified=Count("pk", filter=had(EventKind.CLASSIFIED, Status.CLASSIFIED)),
            not_held=Count("pk", filter=had(EventKind.NOT_HELD, Status.NOT_HELD)),
            not_competent=Count("pk", filter=had(EventKind.NOT_COMPETENT, Status.NOT_COMPETENT)),
            appealed=Count("pk", filter=had(EventKind.APPEALED)),
            rated=Count("pk", filter=Q(rating__isnull=False) & ~Q(rating="")),
            rated_full=Count("pk", filter=Q(rating=Status.ANSWERED_FULL)),
        )
    )
    return {row["organization_id"]: _counts(row) for row in rows}


def _medians(bodies: list[Organization]) -> dict[int, float]:
    """The median working days to answer of each body, over its answered requests."""
    rows = (
        _with_response()
        .filter(organization_id__in=[body.pk for body in bodies])
        .filter(responded_at__isnull=False)  # type: ignore[misc]
        .order_by()
        .values_list("organization_id", "filed_at", "responded_at")
    )
    spans: dict[int, list[tuple[dt.date, dt.date]]] = defaultdict(list)
    for organization_id, filed_at, responded_at in rows:
        start = timezone.localtime(filed_at).date()
        spans[organization_id].append((start, timezone.localtime(responded_at).date()))
    if not spans:
        return {}
    days = [day for pairs in spans.values() for pair in pairs for day in pair]
    answered = [body for body in bodies if body.pk in spans]
    calendars = clock.calendars_for(answered, min(days).year, max(days).year)
    return {
        organization_id: float(
            pystats.median(
                clock.working_days_between(start, end, calendars[organization_id].is_off)
                for start, end in pairs
            )
        )
        for organization_id, pairs in spans.items()
    }


def statistics_for(
    organizations: Iterable[Organization], *, today: dt.date | None = None
) -> list[InstitutionStatistics]:
    """The figures of each of `organizations` (a page of bodies), in their order: two queries
    whatever their number. The bodies need `territory` loaded (select_related)."""
    bodies = list(organizations)
    today = today or timezone.localdate()
    figures = _figures((body.pk for body in bodies), today)
    medians = _medians([body for body in bodies if body.pk in figures])
    return [
        InstitutionStatistics(
            organization_id=body.pk,
            name=body.name,
            slug=body.slug,
            median_working_days=medians.get(body.pk),
            **figures.get(body.pk, {}),
        )
        for body in bodies
    ]


def institution_statistics(
    organization: Organization, *, today: dt.date | None = None
) -> InstitutionStatistics:
    """One body's figures, for its page (`requests/_institution_stats.html` with `stats`)."""
    return statistics_for([organization], today=today)[0]


def bodies_with_requests(*, state: Territory | None = None) -> QuerySet[Organization]:
    """The bodies that received at least one request, by name; in `state` (its own or its
    municipalities' bodies) when given."""
    rows = Organization.objects.filter(
        Exists(InformationRequest.objects.filter(organization=OuterRef("pk")))
    )
    if state is not None:
        rows = rows.filter(Q(territory=state) | Q(territory__parent=state))
    return rows.select_related("territory__parent").order_by("name", "id")


def states_with_requests() -> QuerySet[Territory]:
    """The states (entidades) whose bodies received requests, for the filter."""
    used = InformationRequest.objects.filter(
        Q(organization__territory=OuterRef("pk"))
        | Q(organization__territory__parent=OuterRef("pk"))
    )
    return (
        Territory.objects.filter(level=TerritoryLevel.STATE)
        .filter(Exists(used))
        .only("id", "name", "slug")
        .order_by("name")
    )
