"""Open tables of access to information: the public requests and their visible steps, without
who asked (not even the pseudonym) nor who wrote each step.

`capability.py` passes `OPEN_TABLES` to the registry (bulk package, `datapackage.json`, CKAN,
DCAT). The querysets here are also what the API reads: what is public of a request is decided
in one place.
"""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from cocrea.core.capabilities import EXAMPLE_FLAG, PLATFORM_ID, Column, OpenTable
from cocrea.requests.models import InformationRequest, RequestEvent, Visibility

THEME = "gobierno-abierto"


def public_requests() -> QuerySet[InformationRequest]:
    """Requests a moderator published (pending and hidden ones are not public)."""
    return InformationRequest.objects.filter(visibility=Visibility.PUBLIC)


def visible_events() -> QuerySet[RequestEvent]:
    """Steps of public requests that moderation did not hide."""
    return RequestEvent.objects.filter(request__visibility=Visibility.PUBLIC, is_hidden=False)


REQUESTS = OpenTable(
    "solicitudes-de-informacion",
    _("Solicitudes de acceso a la información"),
    _("Las solicitudes de información publicadas en la plataforma, con su sujeto obligado, su estado y sus plazos; sin datos de quien las presentó."),
    (
        PLATFORM_ID,
        Column("sujeto_obligado", "string", _("Identificador del sujeto obligado al que se dirigió."), "organization__slug"),
        Column("nombre_sujeto_obligado", "string", _("Nombre del sujeto obligado."), "organization__name"),
        Column("titulo", "string", _("Título de la solicitud."), "title"),
        Column("texto", "string", _("Qué información se pidió (tras testar datos personales)."), "body"),
        Column("estado", "string", _("waiting, clarification, extended, answered, answered_full, answered_partial, not_held, classified, not_competent, withdrawn, under_appeal, appeal_resolved o complied."), "status"),
        Column("tema", "string", _("Tema, si se indicó."), "topic__name"),
        Column("canal", "string", _("platform (en esta plataforma), pnt (Plataforma Nacional de Transparencia) u other."), "channel"),
        Column("folio", "string", _("Folio que le dio la institución o la Plataforma Nacional de Transparencia."), "folio"),
        Column("presentada", "datetime", _("Fecha y hora de presentación."), "filed_at"),
        Column("vence", "date", _("Día en que vence el plazo de respuesta (días hábiles, con la ampliación si la hubo)."), "due_on"),
        Column("muy_retrasada_desde", "date", _("Día desde el que la solicitud se considera muy retrasada si sigue sin respuesta."), "long_overdue_on"),
        Column("respondida", "datetime", _("Fecha y hora de la respuesta, si la hubo."), "answered_at"),
        EXAMPLE_FLAG,
    ),
    lambda: public_requests().order_by("pk"),
    theme=THEME,
)  # fmt: skip

EVENTS = OpenTable(
    "pasos-de-solicitudes",
    _("Pasos de las solicitudes de información"),
    _("Cada paso visible de las solicitudes publicadas: respuestas, prevenciones, ampliaciones, calificaciones, recursos y su cumplimiento; de parte de quién, sin el nombre de la persona."),
    (
        PLATFORM_ID,
        Column("solicitud", "integer", _("Identificador de la solicitud (ver «solicitudes-de-informacion»)."), "request_id"),
        Column("paso", "string", _("filed, clarification_requested, clarification_answered, extended, answered, not_competent, not_held, classified, rated, withdrawn, appealed, appeal_resolved, complied o message."), "kind"),
        Column("parte", "string", _("requester (solicitante), institution (sujeto obligado), guarantor (autoridad garante) o platform."), "side"),
        Column("fecha_del_paso", "datetime", _("Fecha y hora del paso."), "at"),
        Column("estado_anterior", "string", _("Estado de la solicitud antes del paso."), "from_status"),
        Column("estado_nuevo", "string", _("Estado de la solicitud después del paso."), "to_status"),
        Column("mensaje", "string", _("Texto del paso."), "body"),
        Column("resolucion_del_comite", "string", _("Resolución del Comité de Transparencia, si el paso la requiere."), "resolution"),
        Column("sujeto_obligado_competente", "string", _("Identificador del sujeto obligado al que se orientó, en una incompetencia."), "referred_to__slug"),
        Column("formato_de_entrega", "string", _("Formato de entrega de la información."), "delivery_format"),
        Column("costo", "number", _("Costo de reproducción o envío, en pesos."), "cost"),
    ),
    lambda: visible_events().order_by("request_id", "at", "pk"),
    theme=THEME,
)  # fmt: skip

OPEN_TABLES: tuple[OpenTable, ...] = (REQUESTS, EVENTS)
