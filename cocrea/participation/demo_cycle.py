"""An example consultation in Jalisco whose whole cycle happened: axes, proposals with
supports and comments, a systematization into problems, working tables with their attendance,
and reasoned answers, down to the milestones of commitment 5 (whose follow-up the monitoring
demo loads). Every record is invented and says so: proposals, comments and tables carry
«(dato de ejemplo)» or `is_example`; the accounts are example accounts that cannot sign in.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from cocrea.core.demo import counts_by, participant, upsert
from cocrea.core.models import Organization, User
from cocrea.exercises.models import Exercise
from cocrea.participation.models import (
    Axis,
    Comment,
    Consultation,
    Participant,
    Problem,
    Proposal,
    ProposalStatus,
    Support,
    TableAttendance,
    WorkingTable,
)
from cocrea.plans.models import ActionPlan, Commitment, Milestone

MX = ZoneInfo("America/Mexico_City")
EXAMPLE = " (dato de ejemplo)"
AXES = ("Datos abiertos", "Atención ciudadana", "Integridad")
# (title, axis index, place): invented, in the words of the plan's own problems.
IDEAS = [
    ("Publicar la obra pública de Zapopan en datos abiertos", 0, "Zapopan"),
    ("Datos del presupuesto municipal en formatos accesibles", 0, "Zapopan"),
    ("Portal de datos con lectura fácil y lengua de señas", 0, "Guadalajara"),
    ("Calendario abierto de recolección de basura", 0, "Tlaquepaque"),
    ("Mapa abierto de luminarias descompuestas", 0, "Guadalajara"),
    ("Padrones de programas sociales sin datos personales", 0, "Tonalá"),
    ("Descargar los contratos del ayuntamiento en CSV", 0, "Zapopan"),
    ("Datos abiertos de seguridad por colonia", 0, "Tlajomulco"),
    ("Reportes de baches con folio de seguimiento", 1, "Guadalajara"),
    ("Atención a reportes por WhatsApp y teléfono", 1, "Tonalá"),
    ("Plazos públicos para responder cada queja", 1, "Guadalajara"),
    ("Ventanilla accesible para personas con discapacidad", 1, "Tlaquepaque"),
    ("Seguimiento en línea de denuncias de servicios", 1, "Tonalá"),
    ("Atención en lenguas indígenas", 1, "Guadalajara"),
    ("Encuesta de satisfacción tras cada trámite", 1, "Zapopan"),
    ("Citas en línea para trámites de ventanilla", 2, "Tlajomulco"),
    ("Pagos de trámites sin efectivo", 2, "Tlajomulco"),
    ("Publicar quién atendió cada trámite", 2, "Guadalajara"),
    ("Designación abierta de peritos del tribunal", 2, "Guadalajara"),
    ("Denuncia anónima de cobros indebidos", 2, "Tlaquepaque"),
    ("Reglas públicas para apoyar a organizaciones civiles", 2, "Guadalajara"),
    ("Plataforma del Congreso para seguir iniciativas", 2, "Guadalajara"),
    ("Parlamento abierto en comisiones del Congreso", 2, ""),
    ("Capacitación en datos abiertos para colectivos", 0, ""),
    ("Más parques en la periferia", 1, "Tonalá"),
    ("Transporte nocturno en la zona metropolitana", 1, ""),
    ("Publicar agendas de funcionarias y funcionarios", 2, "Zapopan"),
    ("Datos de calidad del agua por colonia", 0, "Tlaquepaque"),
]
PROBLEMS = [
    ("Los datos municipales no son abiertos ni accesibles", 0, range(0, 8), 5),
    ("Los reportes ciudadanos se pierden sin respuesta", 1, range(8, 15), 6),
    ("Trámites de ventanilla expuestos a la corrupción", 2, range(15, 20), 7),
]
COMMENTS = [
    ("for", "Sí, y que los datos se actualicen cada mes."),
    ("against", "Antes habría que arreglar la página actual."),
    ("neutral", "¿Quién se encargaría de mantenerlo?"),
]


def load() -> None:
    exercise = Exercise.objects.filter(slug="jalisco").first()
    plan = ActionPlan.objects.filter(exercise=exercise, number=2).first()
    if exercise is None or plan is None:
        return
    consultation = upsert(
        Consultation,
        {"slug": "consulta-ejemplo-jalisco-pal-2"},
        {
            "exercise": exercise,
            "plan": plan,
            "title": "Consulta de ejemplo del 2.º Plan de Acción Local de Jalisco",
            "description": "Consulta inventada (datos de ejemplo) para mostrar el ciclo completo: "
            "propuestas, apoyos, sistematización, mesas de trabajo y respuestas razonadas.",
            "places": "Guadalajara\nZapopan\nTlaquepaque\nTonalá\nTlajomulco",
            "opens_at": dt.datetime(2019, 3, 1, tzinfo=MX),
            "closes_at": dt.datetime(2019, 4, 1, tzinfo=MX),
        },
    )
    axes = [
        upsert(Axis, {"consultation": consultation, "name": name}, {"order": order})
        for order, name in enumerate(AXES, start=1)
    ]
    people = [participant(n) for n in range(1, 13)]
    proposals = [
        _proposal(consultation, people[index % len(people)], title, axes[axis], place, index)
        for index, (title, axis, place) in enumerate(IDEAS)
    ]
    _supports(consultation, proposals, people)
    _comments(proposals[:6], people)
    _systematize(consultation, plan, axes, proposals)


def _proposal(
    consultation: Consultation, author: User, title: str, axis: Axis, place: str, index: int
) -> Proposal:
    proposal: Proposal = upsert(
        Proposal,
        {"consultation": consultation, "title": title + EXAMPLE},
        {
            "author": author,
            "body": f"Propuesta inventada para mostrar la consulta: {title.lower()}.",
            "axis": axis,
            "place": place,
            "is_example": True,
        },
    )
    return proposal


def _supports(consultation: Consultation, proposals: list[Proposal], people: list[User]) -> None:
    """Each person supports a few proposals (the first ones most), within the limit of ten."""
    for n, person in enumerate(people):
        for proposal in proposals[: 3 + n % 8]:
            Support.objects.get_or_create(proposal=proposal, user=person)
    supports = Support.objects.filter(proposal__consultation=consultation)
    counts = counts_by(supports, "proposal_id")
    for proposal in proposals:
        Proposal.objects.filter(pk=proposal.pk).update(support_count=counts.get(proposal.pk, 0))
    used = counts_by(supports, "user_id")
    for user_id, n in used.items():
        Participant.objects.update_or_create(
            consultation=consultation, user_id=user_id, defaults={"supports_used": n}
        )
    Consultation.objects.filter(pk=consultation.pk).update(
        proposal_count=Proposal.objects.filter(consultation=consultation).count()
    )


def _comments(proposals: list[Proposal], people: list[User]) -> None:
    for index, proposal in enumerate(proposals):
        for n, (stance, body) in enumerate(COMMENTS[: 1 + index % 3]):
            root = upsert(
                Comment,
                {"proposal": proposal, "body": body + EXAMPLE},
                {"author": people[(index + n + 1) % len(people)], "stance": stance},
            )
        upsert(
            Comment,
            {"proposal": proposal, "parent": root, "body": "Totalmente de acuerdo." + EXAMPLE},
            {"author": people[index], "stance": "for", "depth": 1, "root": root},
        )


def _systematize(
    consultation: Consultation, plan: ActionPlan, axes: list[Axis], proposals: list[Proposal]
) -> None:
    """Three problems, two working tables, and the answer to every proposal."""
    answered_at = dt.datetime(2019, 6, 3, 10, tzinfo=MX)
    organizations = list(Organization.objects.order_by("pk")[:4])
    for index, (title, axis, members, number) in enumerate(PROBLEMS):
        commitment = Commitment.objects.filter(plan=plan, number=number).first()
        problem = upsert(
            Problem,
            {"consultation": consultation, "title": title + EXAMPLE},
            {"axis": axes[axis], "description": "Problemática de ejemplo."},
        )
        if commitment is not None:
            problem.commitments.add(commitment)
        for position in members:
            _answer(proposals[position], problem, commitment, position, answered_at)
        table = upsert(
            WorkingTable,
            {"consultation": consultation, "title": f"Mesa {index + 1}: {title}{EXAMPLE}"},
            {
                "held_on": dt.date(2019, 5, 6 + 7 * index),
                "place": "Casa Jalisco, Guadalajara",
                "government": 5 + index,
                "civil_society": 8 - index,
                "guarantor": 1,
                "others": 3,
                "outcome": f"La mesa propuso el compromiso {number} del plan." + EXAMPLE,
                "is_example": True,
            },
        )
        table.problems.add(problem)
        if commitment is not None:
            table.commitments.add(commitment)
        for n, organization in enumerate(organizations):
            TableAttendance.objects.get_or_create(
                table=table, organization=organization, defaults={"present": 1 + (n + index) % 3}
            )
    for proposal in proposals[20:]:
        _answer(proposal, None, None, -1, answered_at)


def _answer(
    proposal: Proposal,
    problem: Problem | None,
    commitment: Commitment | None,
    position: int,
    answered_at: dt.datetime,
) -> None:
    """Grouped into its problem; the first two of each group taken into the commitment (the
    first of commitment 5's by its second milestone); the rest, not taken, with a reason."""
    values: dict[str, object] = {"answered_at": answered_at, "problem": problem}
    if problem is None:
        values |= {
            "status": ProposalStatus.NOT_TAKEN,
            "response": "No es materia de gobierno abierto ni de este plan; se turnó a la "
            "dependencia que corresponde." + EXAMPLE,
        }
    elif commitment is not None and position in (0, 1, 8, 9, 15, 16):
        milestone = Milestone.objects.filter(commitment=commitment, number=2).first()
        values |= {
            "status": ProposalStatus.TAKEN,
            "commitment": commitment,
            "milestone": milestone if position == 0 else None,
            "response": "La mesa de trabajo la incorporó al compromiso." + EXAMPLE,
        }
    else:
        values |= {"status": ProposalStatus.GROUPED, "response": ""}
    Proposal.objects.filter(pk=proposal.pk).update(**values)
