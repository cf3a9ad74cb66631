"""The platform's own records as open datasets: what each CSV holds, column by column in plain
Spanish, and the rows, read in chunks straight from the database (always current).

No table here has a column with a person's name, e-mail, phone, address or IP: reports carry
only the rounded area, consultations only aggregates.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from cocrea.exercises.models import Exercise, SecretariatSession
from cocrea.monitoring.models import Assessment, ProgressReport
from cocrea.participation.models import Proposal
from cocrea.plans.models import ActionPlan, Commitment, Milestone
from cocrea.reports.models import PublicWork, Report

CHUNK = 2000


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # Frictionless Table Schema type
    description: Any


@dataclass(frozen=True)
class Table:
    source: str
    title: Any
    description: Any
    columns: tuple[Column, ...]
    rows: Callable[[], Iterator[tuple[Any, ...]]]

    def schema(self) -> dict[str, Any]:
        fields = [
            {"name": c.name, "type": c.type, "description": str(c.description)}
            for c in self.columns
        ]
        schema: dict[str, Any] = {"fields": fields, "missingValues": [""]}
        if self.columns[0].name == "id":
            schema["primaryKey"] = ["id"]
        return schema


def _c(name: str, kind: str, description: Any) -> Column:
    return Column(name, kind, description)


def _exercises() -> Iterator[tuple[Any, ...]]:
    return (
        Exercise.objects.order_by("pk")
        .values_list(
            "pk", "slug", "name", "territory__inegi_code", "stage", "joined_on", "progress"
        )
        .iterator(chunk_size=CHUNK)
    )


def _sessions() -> Iterator[tuple[Any, ...]]:
    return (
        SecretariatSession.objects.order_by("pk")
        .annotate(agreement_count=Count("agreements"))
        .values_list(
            "pk",
            "secretariat__exercise__slug",
            "secretariat__name",
            "number",
            "kind",
            "held_on",
            "agreement_count",
        )
        .iterator(chunk_size=CHUNK)
    )


def _plans() -> Iterator[tuple[Any, ...]]:
    return (
        ActionPlan.objects.exclude(status="draft")
        .order_by("pk")
        .values_list(
            "pk",
            "exercise__slug",
            "number",
            "name",
            "period_start",
            "period_end",
            "status",
            "progress",
        )
        .iterator(chunk_size=CHUNK)
    )


PUBLISHED = Q(is_published=True) & ~Q(plan__status="draft")


def _commitments() -> Iterator[tuple[Any, ...]]:
    return (
        Commitment.objects.filter(PUBLISHED)
        .order_by("pk")
        .values_list(
            "pk",
            "plan__exercise__slug",
            "plan__number",
            "number",
            "title",
            "lead_institution__name",
            "theme__name",
            "start_on",
            "end_on",
            "status",
            "progress",
            "is_example",
        )
        .iterator(chunk_size=CHUNK)
    )


def _milestones() -> Iterator[tuple[Any, ...]]:
    visible = Milestone.objects.filter(commitment__is_published=True).exclude(
        commitment__plan__status="draft"
    )
    return (
        visible.order_by("pk")
        .values_list(
            "pk",
            "commitment_id",
            "number",
            "deliverable",
            "start_on",
            "end_on",
            "weight",
            "status",
            "progress",
            "completed_on",
        )
        .iterator(chunk_size=CHUNK)
    )


def _progress_reports() -> Iterator[tuple[Any, ...]]:
    return (
        ProgressReport.objects.filter(commitment__is_published=True)
        .order_by("pk")
        .values_list(
            "pk", "commitment_id", "organization__name", "reported_on", "corrects_id", "narrative"
        )
        .iterator(chunk_size=CHUNK)
    )


def _assessments() -> Iterator[tuple[Any, ...]]:
    return (
        Assessment.objects.filter(commitment__is_published=True)
        .order_by("pk")
        .values_list(
            "pk",
            "commitment_id",
            "assessed_on",
            "specificity",
            "potential_impact",
            "completion",
            "opened_government",
            "verifiable",
            "results_potential",
        )
        .iterator(chunk_size=CHUNK)
    )


def _consultation_results() -> Iterator[tuple[Any, ...]]:
    return (
        Proposal.objects.filter(is_hidden=False)
        .values("consultation__slug", "consultation__exercise__slug", "axis__name")
        .annotate(
            proposals=Count("pk"),
            support_total=Sum("support_count", default=0),
            answered=Count("pk", filter=~Q(status="under_review")),
            taken=Count("pk", filter=Q(commitment__isnull=False)),
        )
        .order_by("consultation__slug", "axis__name")
        .values_list(
            "consultation__slug",
            "consultation__exercise__slug",
            "axis__name",
            "proposals",
            "support_total",
            "answered",
            "taken",
        )
        .iterator(chunk_size=CHUNK)
    )


def _reports() -> Iterator[tuple[Any, ...]]:
    return (
        Report.objects.order_by("pk")
        .values_list(
            "pk",
            "category__code",
            "institution__name",
            "municipality__inegi_code",
            "status",
            "lat",
            "long",
            "requested_at",
            "expected_at",
            "closed_at",
            "public_work_id",
            "is_example",
        )
        .iterator(chunk_size=CHUNK)
    )


def _works() -> Iterator[tuple[Any, ...]]:
    return (
        PublicWork.objects.order_by("pk")
        .values_list(
            "pk",
            "name",
            "institution__name",
            "municipality__inegi_code",
            "budget",
            "contractor",
            "starts_on",
            "ends_on",
            "progress",
            "is_example",
        )
        .iterator(chunk_size=CHUNK)
    )


ID = _("Identificador en la plataforma.")
EXAMPLE = _("«true» si es un dato de ejemplo inventado para la demostración.")
TABLES = (
    Table(
        "ejercicios",
        _("Ejercicios de gobierno abierto"),
        _("Cada ejercicio local o nacional: dónde, en qué etapa está y cuánto avanza."),
        (
            _c("id", "integer", ID),
            _c("identificador", "string", _("Identificador del ejercicio en las direcciones.")),
            _c("nombre", "string", _("Nombre del ejercicio.")),
            _c("clave_inegi", "string", _("Clave INEGI del territorio (00 es el país).")),
            _c("etapa", "string", _("Etapa actual del ejercicio.")),
            _c("incorporacion", "date", _("Fecha en que se incorporó al programa.")),
            _c("avance", "number", _("Avance ponderado de sus planes, de 0 a 100.")),
        ),
        _exercises,
    ),
    Table(
        "sesiones-secretariado",
        _("Sesiones de los secretariados técnicos"),
        _("Cada sesión del secretariado tripartito, con el número de acuerdos que tomó."),
        (
            _c("id", "integer", ID),
            _c("ejercicio", "string", _("Identificador del ejercicio.")),
            _c("secretariado", "string", _("Nombre del secretariado.")),
            _c("numero", "integer", _("Número de la sesión.")),
            _c("tipo", "string", _("Ordinaria, extraordinaria o de instalación.")),
            _c("fecha", "date", _("Fecha de la sesión.")),
            _c("acuerdos", "integer", _("Acuerdos tomados en la sesión.")),
        ),
        _sessions,
    ),
    Table(
        "planes",
        _("Planes de acción"),
        _("Los planes de acción publicados de cada ejercicio."),
        (
            _c("id", "integer", ID),
            _c("ejercicio", "string", _("Identificador del ejercicio.")),
            _c("numero", "integer", _("Número del plan dentro del ejercicio.")),
            _c("nombre", "string", _("Nombre del plan.")),
            _c("inicio", "date", _("Inicio del periodo del plan.")),
            _c("fin", "date", _("Fin del periodo del plan.")),
            _c("estado", "string", _("Estado del plan.")),
            _c("avance", "number", _("Avance ponderado de sus compromisos, de 0 a 100.")),
        ),
        _plans,
    ),
    Table(
        "compromisos",
        _("Compromisos"),
        _("Los compromisos publicados, con su institución responsable y su avance."),
        (
            _c("id", "integer", ID),
            _c("ejercicio", "string", _("Identificador del ejercicio.")),
            _c("plan", "integer", _("Número del plan.")),
            _c("numero", "integer", _("Número del compromiso en el plan.")),
            _c("titulo", "string", _("Título del compromiso.")),
            _c("institucion_responsable", "string", _("Institución que lo encabeza.")),
            _c("tema", "string", _("Tema del catálogo de la plataforma.")),
            _c("inicio", "date", _("Fecha de inicio.")),
            _c("fin", "date", _("Fecha de término.")),
            _c("estado", "string", _("Estado del compromiso.")),
            _c("avance", "number", _("Avance ponderado de sus hitos, de 0 a 100.")),
            _c("dato_de_ejemplo", "boolean", EXAMPLE),
        ),
        _commitments,
    ),
    Table(
        "hitos",
        _("Hitos de los compromisos"),
        _("Los entregables verificables de cada compromiso publicado."),
        (
            _c("id", "integer", ID),
            _c("compromiso", "integer", _("Identificador del compromiso (ver «compromisos»).")),
            _c("numero", "integer", _("Número del hito en el compromiso.")),
            _c("entregable", "string", _("Entregable verificable.")),
            _c("inicio", "date", _("Fecha de inicio.")),
            _c("fin", "date", _("Fecha de término.")),
            _c("peso", "number", _("Peso en el avance del compromiso (los pesos suman 100).")),
            _c("estado", "string", _("Estado del hito.")),
            _c("avance", "integer", _("Avance declarado, de 0 a 100.")),
            _c("cumplido_el", "date", _("Fecha en que se cumplió.")),
        ),
        _milestones,
    ),
    Table(
        "reportes-de-avance",
        _("Reportes de avance"),
        _("Lo que cada institución informó del avance de sus compromisos."),
        (
            _c("id", "integer", ID),
            _c("compromiso", "integer", _("Identificador del compromiso.")),
            _c("institucion", "string", _("Institución que reporta.")),
            _c("fecha", "date", _("Fecha del reporte.")),
            _c("corrige_a", "integer", _("Reporte que este corrige, si corrige a otro.")),
            _c("narrativa", "string", _("Narrativa del avance.")),
        ),
        _progress_reports,
    ),
    Table(
        "evaluaciones",
        _("Evaluaciones de los compromisos"),
        _("Evaluaciones al estilo del IRM de la Alianza para el Gobierno Abierto."),
        (
            _c("id", "integer", ID),
            _c("compromiso", "integer", _("Identificador del compromiso.")),
            _c("fecha", "date", _("Fecha de la evaluación.")),
            _c("especificidad", "string", _("Especificidad (método de 2014).")),
            _c("impacto_potencial", "string", _("Impacto potencial.")),
            _c("cumplimiento", "string", _("Cumplimiento.")),
            _c("abrio_el_gobierno", "string", _("¿Contribuyó a abrir el gobierno?")),
            _c("verificable", "boolean", _("Verificable (método nuevo).")),
            _c("potencial_de_resultados", "string", _("Potencial de resultados (método nuevo).")),
        ),
        _assessments,
    ),
    Table(
        "resultados-de-consultas",
        _("Resultados de las consultas públicas"),
        _("Cifras por eje temático de cada consulta; sin datos de ninguna persona."),
        (
            _c("consulta", "string", _("Identificador de la consulta.")),
            _c("ejercicio", "string", _("Identificador del ejercicio.")),
            _c("eje", "string", _("Eje temático.")),
            _c("propuestas", "integer", _("Propuestas visibles en el eje.")),
            _c("apoyos", "integer", _("Apoyos que recibieron esas propuestas.")),
            _c("respondidas", "integer", _("Propuestas con respuesta razonada.")),
            _c("incorporadas", "integer", _("Propuestas incorporadas a un compromiso.")),
        ),
        _consultation_results,
    ),
    Table(
        "reportes-ciudadanos",
        _("Reportes ciudadanos"),
        _(
            "Los reportes (Open311) sin datos de quien reporta: ni nombre, ni contacto, ni "
            "domicilio; la ubicación redondeada a unos cien metros."
        ),
        (
            _c("id", "integer", ID),
            _c("categoria", "string", _("Código de la categoría (service_code de Open311).")),
            _c("institucion", "string", _("Institución que lo atiende.")),
            _c("municipio", "string", _("Clave INEGI del municipio, si se conoce.")),
            _c("estado", "string", _("Estado interno del reporte.")),
            _c("latitud", "number", _("Latitud redondeada a tres decimales.")),
            _c("longitud", "number", _("Longitud redondeada a tres decimales.")),
            _c("recibido", "datetime", _("Fecha y hora de recepción.")),
            _c("respuesta_esperada", "datetime", _("Fecha límite de respuesta.")),
            _c("cerrado", "datetime", _("Fecha y hora de cierre.")),
            _c("obra", "integer", _("Obra pública sobre la que se queja, si es una queja.")),
            _c("dato_de_ejemplo", "boolean", EXAMPLE),
        ),
        _reports,
    ),
    Table(
        "obras-publicas",
        _("Obras públicas en contraloría social"),
        _("Las obras que vigilan los comités de contraloría social."),
        (
            _c("id", "integer", ID),
            _c("nombre", "string", _("Nombre de la obra.")),
            _c("institucion", "string", _("Institución responsable.")),
            _c("municipio", "string", _("Clave INEGI del municipio.")),
            _c("presupuesto", "number", _("Presupuesto en pesos.")),
            _c("contratista", "string", _("Empresa contratista.")),
            _c("inicio", "date", _("Fecha de inicio.")),
            _c("termino", "date", _("Fecha de término.")),
            _c("avance", "integer", _("Avance físico, de 0 a 100.")),
            _c("dato_de_ejemplo", "boolean", EXAMPLE),
        ),
        _works,
    ),
)
TABLES_BY_SOURCE = {table.source: table for table in TABLES}
