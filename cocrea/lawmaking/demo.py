"""An example legislative process of the Congreso del Estado de Jalisco: the evidence of the
first commitment of Jalisco's 2nd local plan ("a digital platform for citizens' collaboration in
the making of the State's laws").

Everything here is invented and says so ("dato de ejemplo", `is_example`): a short reform of a
law whose text is made up, its current text, the initiative and a version that takes in the
answered contributions, a few contributions by the example accounts of the participation demo,
and two debate questions. The records are written directly (not through the import and
contribution services): a demo shows what a process looks like, not how it got there.

The phases' dates follow the day the demo is loaded (the contributions phase is always open):
loading twice on the same day changes nothing, and a later load moves every date together.
"""

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify

from cocrea.core.demo import counts_by, participant, upsert
from cocrea.core.models import Organization, User
from cocrea.exercises.models import Exercise
from cocrea.lawmaking.models import (
    AnswerStatus,
    Contribution,
    ContributionComment,
    ContributionKind,
    ContributionSupport,
    DebateAnswer,
    DebateQuestion,
    LegislativeProcess,
    Phase,
    PhaseKind,
    ProcessKind,
    QuestionKind,
    QuestionOption,
    TextUnit,
    TextVersion,
    UnitKind,
)
from cocrea.plans.models import Commitment, Milestone, MilestoneStatus
from cocrea.plans.services import progress_recompute

MX = ZoneInfo("America/Mexico_City")
EXAMPLE = " (dato de ejemplo)"
SLUG = "ley-de-participacion-ciudadana-jalisco-ejemplo"
DELIVERABLE = (
    "Plataforma de colaboración legislativa en operación con un proceso de ejemplo"
    " (dato de ejemplo)"
)

# (phase, days from the day of loading it opens, days it closes, what happens)
PHASES = [
    (PhaseKind.INFORMATION, -40, -25, "Se publica la iniciativa y el texto vigente."),
    (PhaseKind.DEBATE, -25, -10, "Preguntas abiertas a la ciudadanía sobre la iniciativa."),
    (PhaseKind.CONTRIBUTIONS, -10, 20, "Aportaciones al texto, artículo por artículo."),
    (PhaseKind.REVIEW, 20, 40, "La comisión responde cada aportación y prepara el dictamen."),
    (PhaseKind.DICTAMEN, 40, 50, "Se publica el dictamen con su cuadro comparativo."),
    (PhaseKind.RESULT, 50, 60, "El Pleno vota el dictamen; se publica el resultado."),
]

# (kind, key, heading, title, body): the law in force, invented for the example.
CURRENT_LAW = [
    (UnitKind.ARTICLE, "articulo-1", "Artículo 1", "", "La presente ley es de orden público y tiene por objeto regular los mecanismos de participación ciudadana en el Estado de Jalisco."),
    (UnitKind.ARTICLE, "articulo-2", "Artículo 2", "", "Son mecanismos de participación ciudadana el plebiscito, el referéndum y la consulta popular."),
    (UnitKind.ARTICLE, "articulo-3", "Artículo 3", "", "El Congreso del Estado podrá recibir opiniones de la ciudadanía sobre las iniciativas que se le presenten."),
    (UnitKind.ARTICLE, "articulo-4", "Artículo 4", "", "Las autoridades difundirán los mecanismos de participación ciudadana en sus portales de internet."),
]  # fmt: skip

ARTICLE_3 = (
    "El Congreso del Estado abrirá a la participación ciudadana toda iniciativa de ley, por un "
    "plazo no menor de {days} días naturales, en una plataforma digital que permita:\n\n"
    "I. Consultar el texto de la iniciativa artículo por artículo;\n\n"
    "II. Proponer cambios al texto y comentarlo, y\n\n"
    "III. Conocer la respuesta de la comisión dictaminadora a cada aportación."
)
ARTICLE_5 = (
    "La comisión dictaminadora responderá cada aportación antes de emitir su dictamen{publish}, "
    "e indicará si la incorpora, la incorpora en parte o no la incorpora, con las razones de su "
    "decisión."
)
INITIATIVE = [
    (UnitKind.PREAMBLE, "exposicion-de-motivos", "Exposición de motivos", "", "Esta iniciativa es un dato de ejemplo: no fue presentada al Congreso del Estado de Jalisco.\n\nLa ciudadanía pide participar en la elaboración de las leyes y saber qué se hizo con lo que propuso. El compromiso 1 del 2.º Plan de Acción Local de Jalisco propone una plataforma digital para la información y la colaboración ciudadana en la construcción y aprobación de las leyes.\n\nPor ello se propone reformar la ley para que toda iniciativa se abra a aportaciones y que la comisión responda cada una de ellas antes de dictaminar."),
    (UnitKind.TITLE, "titulo-primero", "Título Primero", "Disposiciones generales", ""),
    (UnitKind.CHAPTER, "capitulo-i", "Capítulo I", "De la participación ciudadana en el proceso legislativo", ""),
    (UnitKind.ARTICLE, "articulo-1", "Artículo 1", "", "La presente ley es de orden público e interés social y tiene por objeto garantizar el derecho de toda persona a participar en la elaboración, discusión y aprobación de las leyes del Estado de Jalisco."),
    (UnitKind.ARTICLE, "articulo-2", "Artículo 2", "", "Son mecanismos de participación ciudadana:\n\nI. El plebiscito;\n\nII. El referéndum;\n\nIII. La consulta popular, y\n\nIV. La colaboración ciudadana en el proceso legislativo."),
    (UnitKind.ARTICLE, "articulo-3", "Artículo 3", "", ARTICLE_3.format(days="quince")),
    (UnitKind.ARTICLE, "articulo-4", "Artículo 4", "", "Las autoridades difundirán los mecanismos de participación ciudadana en sus portales de internet, en lenguaje claro y en formatos accesibles."),
    (UnitKind.ARTICLE, "articulo-5", "Artículo 5", "", ARTICLE_5.format(publish="")),
    (UnitKind.ARTICLE, "articulo-6", "Artículo 6", "", "El dictamen incluirá:\n\nI. Un cuadro comparativo del texto vigente, de la iniciativa y del texto que se propone aprobar, y\n\nII. La relación de las aportaciones ciudadanas recibidas y la respuesta a cada una."),
    (UnitKind.TRANSITORY, "transitorio-primero", "Primero", "", "El presente decreto entrará en vigor al día siguiente de su publicación en el periódico oficial «El Estado de Jalisco»."),
    (UnitKind.TRANSITORY, "transitorio-segundo", "Segundo", "", "El Congreso del Estado pondrá en operación la plataforma digital a que se refiere el artículo 3 dentro de los noventa días siguientes a la entrada en vigor del presente decreto."),
]  # fmt: skip
# The second version: the initiative with the two contributions the committee took in.
CHANGED = {
    "articulo-3": ARTICLE_3.format(days="treinta"),
    "articulo-5": ARTICLE_5.format(publish=" y publicará todas sus respuestas en la plataforma"),
}

# (author, supporters, unit, paragraph, kind, quote, proposed text, reason, answer status,
#  the committee's answer, days before loading it was made)
CONTRIBUTIONS: list[tuple[Any, ...]] = [
    (1, 6, "articulo-3", 1, ContributionKind.REPLACE, "quince días naturales", "treinta días naturales", "Quince días no alcanzan para que las organizaciones lean y discutan una ley completa.", AnswerStatus.INCORPORATED, "La comisión amplió el plazo a treinta días naturales en la versión 2.", 9),
    (2, 3, "articulo-5", 1, ContributionKind.ADD, "antes de emitir su dictamen", "antes de emitir su dictamen, en un plazo de diez días hábiles, y publicará todas sus respuestas", "Sin plazo ni publicación, las respuestas pueden no llegar nunca.", AnswerStatus.PARTLY, "Se incorporó la publicación de todas las respuestas; el plazo queda sujeto a los tiempos del dictamen, que fija la Ley Orgánica.", 8),
    (3, 1, "articulo-2", 5, ContributionKind.ADD, "La colaboración ciudadana en el proceso legislativo", "La colaboración ciudadana en el proceso legislativo, y V. La revocación de mandato", "Falta la revocación de mandato entre los mecanismos.", AnswerStatus.NOT_INCORPORATED, "La revocación de mandato se regula en otra ley; esta iniciativa se limita a la participación en el proceso legislativo.", 6),
    (4, 0, "articulo-6", 2, ContributionKind.COMMENT, "Un cuadro comparativo", "", "¿El cuadro comparativo también se publicará en formatos abiertos y descargables?", AnswerStatus.PENDING, "", 1),
]  # fmt: skip

QUESTIONS: list[tuple[str, str, list[str], list[Any]]] = [
    (
        QuestionKind.CLOSED,
        "¿Qué plazo mínimo debería tener la participación ciudadana en cada iniciativa?",
        ["Quince días naturales", "Treinta días naturales", "Sesenta días naturales"],
        [1, 1, 2, 1, 0, 1, 2],  # the option each example participant chose
    ),
    (
        QuestionKind.OPEN,
        "¿Qué esperas de la respuesta de la comisión a tu aportación?",
        [],
        ["Que diga por qué no la tomó.", "Que llegue por correo y quede publicada."],
    ),
]


def load() -> dict[str, int]:
    exercise = Exercise.objects.filter(slug="jalisco").first()
    congress = Organization.objects.filter(slug=slugify("Congreso del Estado de Jalisco")).first()
    if exercise is None or congress is None:
        return {}
    anchor = dt.datetime.combine(timezone.localdate(timezone=MX), dt.time(9), tzinfo=MX)
    milestone = _milestone(exercise)
    process = _process(exercise, congress, milestone)
    for kind, opens, closes, description in PHASES:
        upsert(
            Phase,
            {"process": process, "kind": kind},
            {
                "opens_at": anchor + dt.timedelta(days=opens),
                "closes_at": anchor + dt.timedelta(days=closes),
                "description": description + EXAMPLE,
            },
        )
    versions = _versions(process, anchor)
    people = [participant(n) for n in range(1, 10)]
    _contributions(process, versions, people, anchor)
    _questions(process, people, anchor)
    return {
        "legislative_processes": LegislativeProcess.objects.count(),
        "legislative_contributions": Contribution.objects.count(),
    }


def _milestone(exercise: Exercise) -> Milestone | None:
    """The example milestone of Jalisco's first commitment, whose evidence is the process."""
    jalisco = Commitment.objects.filter(plan__exercise=exercise, plan__number=2)
    commitment = jalisco.filter(number=1).first()
    if commitment is None:
        return None
    existing = Milestone.objects.filter(commitment=commitment, deliverable=DELIVERABLE).first()
    number = existing.number if existing else _next_number(commitment)
    values = {
        "responsible": "Congreso del Estado de Jalisco",
        # No dates: like the other example milestones, so the open data stay the same each day.
        "status": MilestoneStatus.IN_PROGRESS,
        "progress": 0,  # the institution reports progress; the demo does not invent it
        "is_example": True,
    }
    milestone: Milestone = upsert(
        Milestone, {"commitment": commitment, "number": number, "deliverable": DELIVERABLE}, values
    )
    if existing is None or any(getattr(existing, k) != v for k, v in values.items()):
        progress_recompute(commitment=commitment)  # only on change: it touches the plan
    return milestone


def _next_number(commitment: Commitment) -> int:
    last = Milestone.objects.filter(commitment=commitment).aggregate(n=Max("number"))["n"]
    return int(last or 0) + 1


def _process(
    exercise: Exercise, congress: Organization, milestone: Milestone | None
) -> LegislativeProcess:
    process: LegislativeProcess = upsert(
        LegislativeProcess,
        {"slug": SLUG},
        {
            "exercise": exercise,
            "congress": congress,
            "title": "Iniciativa de ejemplo: Ley de Participación Ciudadana en el Proceso "
            "Legislativo del Estado de Jalisco",
            "kind": ProcessKind.REFORM,
            "law_name": "Ley de Participación Ciudadana del Estado de Jalisco (texto de ejemplo)",
            "summary": "Proceso inventado (dato de ejemplo) para mostrar cómo la ciudadanía lee "
            "una iniciativa artículo por artículo, propone cambios a su texto y conoce la "
            "respuesta de la comisión a cada aportación.",
            "promoters": "Personas diputadas de ejemplo" + EXAMPLE,
            "committee": "Comisión de Participación Ciudadana y Acceso a la Información" + EXAMPLE,
            "highlight_supports": 5,
            "milestone": milestone,
            "is_example": True,
        },
    )
    return process


def _versions(process: LegislativeProcess, anchor: dt.datetime) -> list[TextVersion]:
    second = [(kind, key, heading, title, CHANGED.get(key, body)) for kind, key, heading, title, body in INITIATIVE]  # fmt: skip
    texts = [
        ("Texto vigente", "La ley en vigor (texto de ejemplo).", -40, CURRENT_LAW),
        ("Iniciativa", "El texto que se presentó al Congreso (texto de ejemplo).", -40, INITIATIVE),
        (
            "Versión con aportaciones incorporadas",
            "Amplía a treinta días el plazo de participación (artículo 3) y obliga a publicar "
            "las respuestas de la comisión (artículo 5)." + EXAMPLE,
            -2,
            second,
        ),
    ]
    versions = []
    for number, (label, changelog, days, units) in enumerate(texts):
        version: TextVersion = upsert(
            TextVersion,
            {"process": process, "number": number},
            {
                "label": label,
                "changelog": changelog,
                "published_at": anchor + dt.timedelta(days=days),
            },
        )
        for position, (kind, key, heading, title, body) in enumerate(units, start=1):
            upsert(
                TextUnit,
                {"version": version, "key": key},
                {"position": position, "kind": kind, "heading": heading, "title": title, "body": body},
            )  # fmt: skip
        versions.append(version)
    return versions


def _contributions(
    process: LegislativeProcess,
    versions: list[TextVersion],
    people: list[User],
    anchor: dt.datetime,
) -> None:
    initiative, with_contributions = versions[1], versions[2]
    units = {unit.key: unit for unit in TextUnit.objects.filter(version=initiative)}
    for row in CONTRIBUTIONS:
        author, supporters, key, paragraph, kind, quote, proposed, reason, status, answer, days = (
            row
        )
        answered = status != AnswerStatus.PENDING
        taken_in = status in (AnswerStatus.INCORPORATED, AnswerStatus.PARTLY)
        contribution: Contribution = upsert(
            Contribution,
            {"process": process, "unit_key": key, "body": reason + EXAMPLE},
            {
                "unit": units[key],
                "paragraph": paragraph,
                "kind": kind,
                "quote": quote,
                "proposed_text": proposed,
                "author": people[author - 1],
                "status": status,
                "answer": answer + EXAMPLE if answered else "",
                "answered_at": anchor - dt.timedelta(days=3) if answered else None,
                "incorporated_in": with_contributions if taken_in else None,
                "is_example": True,
            },
        )
        made = anchor - dt.timedelta(days=days)
        Contribution.objects.filter(pk=contribution.pk).exclude(created_at=made).update(
            created_at=made
        )
        for person in people[author : author + supporters]:
            ContributionSupport.objects.get_or_create(contribution=contribution, user=person)
        if supporters:
            upsert(
                ContributionComment,
                {"contribution": contribution, "body": "Estoy de acuerdo." + EXAMPLE},
                {"author": people[author % len(people)]},
            )
    counts = counts_by(
        ContributionSupport.objects.filter(contribution__process=process), "contribution_id"
    )
    for contribution in Contribution.objects.filter(process=process):
        if contribution.support_count != counts.get(contribution.pk, 0):
            Contribution.objects.filter(pk=contribution.pk).update(
                support_count=counts.get(contribution.pk, 0)
            )


def _questions(process: LegislativeProcess, people: list[User], anchor: dt.datetime) -> None:
    answered_at = anchor - dt.timedelta(days=20)  # during the debate phase
    for position, (kind, text, options, answers) in enumerate(QUESTIONS, start=1):
        question: DebateQuestion = upsert(
            DebateQuestion,
            {"process": process, "text": text + EXAMPLE},
            {"kind": kind, "position": position},
        )
        choices = [
            upsert(QuestionOption, {"question": question, "text": option}, {"position": n})
            for n, option in enumerate(options, start=1)
        ]
        for person, answer in zip(people, answers, strict=False):
            option = choices[answer] if choices else None
            DebateAnswer.objects.get_or_create(
                question=question,
                user=person,
                defaults={"option": option, "text": "" if option else answer + EXAMPLE},
            )
        DebateAnswer.objects.filter(question=question).exclude(created_at=answered_at).update(
            created_at=answered_at
        )
        for option in choices:
            count = DebateAnswer.objects.filter(option=option).count()
            if option.answer_count != count:
                QuestionOption.objects.filter(pk=option.pk).update(answer_count=count)
