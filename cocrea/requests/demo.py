"""Example information requests to the demo's Jalisco institutions, one in each state of the
timeline, and the transparency unit of the main one.

Everything here is invented and says so ("dato de ejemplo", `is_example`). The requests are
recorded as filed on the national transparency platform (a folio and a date in the past, so
their clocks are meaningful) through `services.request_file`, and walked through their steps
with `steps.step_add`: a demo request got where it is the way a real one would. The folio
finds each again, so loading twice adds nothing; a request that already exists is left as it
is (its steps happened).
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from cocrea.core.demo import account, upsert
from cocrea.core.models import Organization
from cocrea.plans.models import Theme
from cocrea.requests import services, steps
from cocrea.requests.models import (
    Channel,
    EventKind,
    InformationRequest,
    Side,
    Status,
    TransparencyUnit,
    Visibility,
)

EXAMPLE = " (dato de ejemplo)"
MAIN = slugify("Secretaría de Planeación y Participación Ciudadana")
OTHERS = (
    slugify("Ayuntamiento de Zapopan"),
    slugify("Ayuntamiento de Guadalajara"),
    slugify("Congreso del Estado de Jalisco"),
)
RESOLUTION = "Resolución CT/EJEMPLO/{n} del Comité de Transparencia (dato de ejemplo)"


@dataclass(frozen=True)
class Move:
    """A step `days` calendar days after the filing."""

    kind: EventKind
    days: int
    body: str
    rating: Status | None = None


@dataclass(frozen=True)
class Example:
    status: Status
    folio: str
    body_index: int  # which demo institution: 0 the main one
    days_ago: int  # filed this many calendar days before the load
    title: str
    text: str
    moves: tuple[Move, ...] = field(default=())


SIDES = {
    EventKind.CLARIFICATION_REQUESTED: Side.INSTITUTION,
    EventKind.EXTENDED: Side.INSTITUTION,
    EventKind.ANSWERED: Side.INSTITUTION,
    EventKind.NOT_HELD: Side.INSTITUTION,
    EventKind.CLASSIFIED: Side.INSTITUTION,
    EventKind.NOT_COMPETENT: Side.INSTITUTION,
    EventKind.COMPLIED: Side.INSTITUTION,
    EventKind.RATED: Side.REQUESTER,
    EventKind.WITHDRAWN: Side.REQUESTER,
    EventKind.APPEALED: Side.REQUESTER,
    EventKind.APPEAL_RESOLVED: Side.GUARANTOR,
}

ANSWER = Move(EventKind.ANSWERED, 12, "Se adjunta la información solicitada en formato abierto.")
EXAMPLES = (
    Example(Status.WAITING, "EJEMPLO-0001", 0, 3, "Presupuesto participativo 2024 por colonia", "Solicito el monto asignado y ejercido del presupuesto participativo 2024, desglosado por colonia y proyecto."),
    Example(Status.CLARIFICATION, "EJEMPLO-0002", 0, 10, "Contratos de la plataforma de participación", "Pido los contratos de la plataforma digital de participación ciudadana.", (
        Move(EventKind.CLARIFICATION_REQUESTED, 3, "Precisa el periodo de los contratos que te interesan, por favor."),
    )),
    Example(Status.EXTENDED, "EJEMPLO-0003", 0, 25, "Asistentes a las mesas de cocreación", "Solicito el número de personas que asistieron a cada mesa de cocreación del plan de acción local."),
    Example(Status.ANSWERED, "EJEMPLO-0004", 0, 40, "Minutas del secretariado técnico", "Pido las minutas de las sesiones del secretariado técnico local de 2024.", (ANSWER,)),
    Example(Status.ANSWERED_FULL, "EJEMPLO-0005", 1, 60, "Reportes de baches atendidos", "Solicito el número de reportes de baches recibidos y atendidos por mes en 2024.", (
        ANSWER,
        Move(EventKind.RATED, 14, "Me entregaron todo lo que pedí.", Status.ANSWERED_FULL),
    )),
    Example(Status.ANSWERED_PARTIAL, "EJEMPLO-0006", 1, 60, "Poda de árboles en espacios públicos", "Pido el calendario de poda de árboles y el presupuesto ejercido en 2024.", (
        Move(EventKind.ANSWERED, 18, "Se entrega el calendario de poda."),
        Move(EventKind.RATED, 20, "Falta el presupuesto ejercido.", Status.ANSWERED_PARTIAL),
    )),
    Example(Status.NOT_HELD, "EJEMPLO-0007", 2, 50, "Estudios de movilidad del centro", "Solicito los estudios de movilidad del centro histórico elaborados desde 2020."),
    Example(Status.CLASSIFIED, "EJEMPLO-0008", 0, 50, "Bitácoras de seguridad del sistema de consultas", "Pido las bitácoras de acceso al sistema de consultas ciudadanas."),
    Example(Status.NOT_COMPETENT, "EJEMPLO-0009", 3, 20, "Licencias de construcción en Zapopan", "Solicito las licencias de construcción otorgadas en 2024 en la colonia Centro."),
    Example(Status.WITHDRAWN, "EJEMPLO-0010", 0, 15, "Agenda del titular", "Pido la agenda pública del titular de la Secretaría de marzo.", (
        Move(EventKind.WITHDRAWN, 5, "La encontré publicada en el portal; retiro la solicitud."),
    )),
    Example(Status.UNDER_APPEAL, "EJEMPLO-0011", 0, 70, "Evaluación del plan de acción local", "Solicito la evaluación del cumplimiento del plan de acción local y sus anexos."),
    Example(Status.APPEAL_RESOLVED, "EJEMPLO-0012", 2, 120, "Padrón de proveedores del programa de obras", "Pido el padrón de proveedores del programa de obra pública 2024.", (
        Move(EventKind.ANSWERED, 20, "Se entrega el padrón sin los montos por proveedor."),
        Move(EventKind.RATED, 22, "Faltan los montos por proveedor.", Status.ANSWERED_PARTIAL),
        Move(EventKind.APPEALED, 25, "Recurro porque la respuesta está incompleta."),
        Move(EventKind.APPEAL_RESOLVED, 60, "Se modifica la respuesta: entregar los montos por proveedor."),
    )),
    Example(Status.COMPLIED, "EJEMPLO-0013", 1, 160, "Multas de tránsito por cruce", "Solicito el número de multas de tránsito por cruce vial en 2023.", (
        Move(EventKind.NOT_HELD, 20, "No se localizó registro por cruce vial."),
        Move(EventKind.APPEALED, 30, "Recurro la inexistencia: el reglamento obliga a registrar el lugar."),
        Move(EventKind.APPEAL_RESOLVED, 70, "Se revoca la inexistencia: buscar en las boletas."),
        Move(EventKind.COMPLIED, 85, "Se entrega el conteo por cruce a partir de las boletas."),
    )),
)  # fmt: skip


def _moves(example: Example) -> tuple[Move, ...]:
    """The steps of examples whose only step depends on the date (an extension, a refusal)."""
    if example.moves:
        return example.moves
    return {
        Status.EXTENDED: (
            Move(EventKind.EXTENDED, 15, "Se amplía el plazo: la información está en tres áreas."),
        ),
        Status.NOT_HELD: (
            Move(EventKind.NOT_HELD, 14, "Tras la búsqueda en las áreas, no se localizaron."),
        ),
        Status.CLASSIFIED: (
            Move(EventKind.CLASSIFIED, 15, "Se reservan por seguridad informática."),
        ),
        Status.NOT_COMPETENT: (
            Move(EventKind.NOT_COMPETENT, 2, "Las licencias las otorga el ayuntamiento."),
        ),
        Status.UNDER_APPEAL: (
            Move(EventKind.CLASSIFIED, 15, "Se reserva hasta que concluya la evaluación."),
            Move(EventKind.APPEALED, 25, "Recurro la reserva: la evaluación ya se presentó."),
        ),
    }.get(example.status, ())


def _unit(main: Organization) -> None:
    upsert(
        TransparencyUnit,
        {"organization": main},
        {
            "email": "transparencia.ejemplo@example.org",
            "address": "Av. Magisterio 1499, Guadalajara, Jal. (dato de ejemplo)",
            "phone": "33 0000 0000",
            "hours": "Lunes a viernes de 9:00 a 15:00 (dato de ejemplo)",
        },
    )


def _example(
    example: Example, bodies: list[Organization], topic: Theme | None, now: dt.datetime
) -> InformationRequest:
    organization = bodies[min(example.body_index, len(bodies) - 1)]
    found = InformationRequest.objects.filter(
        organization=organization, folio=example.folio
    ).first()
    if found is not None:
        return found
    requester = account("solicitante.ejemplo@example.org", "Solicitante de ejemplo")
    filed_at = now - dt.timedelta(days=example.days_ago)
    request = services.request_file(
        organization=organization,
        requester=requester,
        pseudonym="Solicitante de ejemplo",
        title=example.title + EXAMPLE,
        body=example.text,
        topic=topic,
        channel=Channel.PNT,
        folio=example.folio,
        filed_at=filed_at,
    )
    referred = next((body for body in bodies if body.pk != organization.pk), None)
    for n, move in enumerate(_moves(example), start=1):
        side = SIDES[move.kind]
        steps.step_add(
            request=request,
            kind=move.kind,
            side=side,
            actor=requester if side == Side.REQUESTER else None,
            body=move.body,
            resolution=RESOLUTION.format(n=f"{example.folio}-{n}"),
            referred_to=referred if move.kind == EventKind.NOT_COMPETENT else None,
            delivery_format="Archivo CSV por correo" if move.kind == EventKind.ANSWERED else "",
            cost=Decimal("0") if move.kind == EventKind.ANSWERED else None,
            rating=move.rating,
            at=filed_at + dt.timedelta(days=move.days),
        )
        request.refresh_from_db()
    InformationRequest.objects.filter(pk=request.pk).update(
        is_example=True, visibility=Visibility.PUBLIC
    )
    return request


@transaction.atomic
def load() -> None:
    """The example requests, when the demo's institutions exist (the exercises demo)."""
    found = {o.slug: o for o in Organization.objects.filter(slug__in=(MAIN, *OTHERS))}
    bodies = [found[slug] for slug in (MAIN, *OTHERS) if slug in found]
    if not bodies:
        return
    _unit(bodies[0])
    topic = Theme.objects.order_by("pk").first()
    now = timezone.now()
    for example in EXAMPLES:
        _example(example, bodies, topic, now)
