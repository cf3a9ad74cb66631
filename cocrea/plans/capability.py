"""Plans: action plans, commitments, milestones, evidence and the progress roll-up."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cocrea.core.capabilities import (
    EXAMPLE_FLAG,
    PLATFORM_ID,
    Capability,
    Column,
    NavLink,
    OpenTable,
    exercise_column,
    register,
)
from cocrea.plans.models import ActionPlan, Commitment, Milestone

THEME = "gobierno-abierto"
# A commitment's and a milestone's own dates: the same two columns in both tables.
START = Column("inicio", "date", _("Fecha de inicio."), "start_on")
END = Column("fin", "date", _("Fecha de término."), "end_on")


def _published(commitment: str = "") -> Q:
    """A published commitment of a plan that is no draft; `commitment` leads to it ("x__")."""
    return Q(**{f"{commitment}is_published": True}) & ~Q(**{f"{commitment}plan__status": "draft"})


PLANS = OpenTable(
    "planes",
    _("Planes de acción"),
    _("Los planes de acción publicados de cada ejercicio."),
    (
        PLATFORM_ID,
        exercise_column("exercise__slug"),
        Column("numero", "integer", _("Número del plan dentro del ejercicio."), "number"),
        Column("nombre", "string", _("Nombre del plan."), "name"),
        Column("inicio", "date", _("Inicio del periodo del plan."), "period_start"),
        Column("fin", "date", _("Fin del periodo del plan."), "period_end"),
        Column("estado", "string", _("Estado del plan."), "status"),
        Column("avance", "number", _("Avance ponderado de sus compromisos, de 0 a 100."), "progress"),
    ),
    lambda: ActionPlan.objects.exclude(status="draft").order_by("pk"),
    theme=THEME,
)  # fmt: skip

COMMITMENTS = OpenTable(
    "compromisos",
    _("Compromisos"),
    _("Los compromisos publicados, con su institución responsable y su avance."),
    (
        PLATFORM_ID,
        exercise_column("plan__exercise__slug"),
        Column("plan", "integer", _("Número del plan."), "plan__number"),
        Column("numero", "integer", _("Número del compromiso en el plan."), "number"),
        Column("titulo", "string", _("Título del compromiso."), "title"),
        Column("institucion_responsable", "string", _("Institución que lo encabeza."), "lead_institution__name"),
        Column("tema", "string", _("Tema del catálogo de la plataforma."), "theme__name"),
        START,
        END,
        Column("estado", "string", _("Estado del compromiso (not_started, in_progress, completed, late o withdrawn): se deriva de sus hitos salvo que la coordinación lo fije con una razón."), "status"),
        Column("avance", "number", _("Avance ponderado de sus hitos, de 0 a 100."), "progress"),
        EXAMPLE_FLAG,
    ),
    lambda: Commitment.objects.filter(_published()).order_by("pk"),
    theme=THEME,
)  # fmt: skip

MILESTONES = OpenTable(
    "hitos",
    _("Hitos de los compromisos"),
    _("Los entregables verificables de cada compromiso publicado."),
    (
        PLATFORM_ID,
        Column("compromiso", "integer", _("Identificador del compromiso (ver «compromisos»)."), "commitment_id"),
        Column("numero", "integer", _("Número del hito en el compromiso."), "number"),
        Column("entregable", "string", _("Entregable verificable."), "deliverable"),
        START,
        END,
        Column("peso", "number", _("Peso en el avance del compromiso (los pesos suman 100)."), "weight"),
        Column("estado", "string", _("Estado del hito."), "status"),
        Column("avance", "integer", _("Avance declarado, de 0 a 100."), "progress"),
        Column("cumplido_el", "date", _("Fecha en que se cumplió."), "completed_on"),
    ),
    lambda: Milestone.objects.filter(_published("commitment__")).order_by("pk"),
    theme=THEME,
)  # fmt: skip

register(
    Capability(
        label="plans",
        urls="cocrea.plans.urls",
        api_router="cocrea.plans.api.router",
        main_nav=(NavLink("plans:national_statistics", _("Estadísticas"), 50),),
        exercise_tabs=(
            NavLink("plans:plan_list", _("Planes de acción"), 50),
            NavLink("plans:exercise_statistics", _("Estadísticas"), 60),
        ),
        open_tables=(PLANS, COMMITMENTS, MILESTONES),
        demo="cocrea.plans.demo.load",
        demo_after=("exercises",),
        audit_editor_pages=(
            "/ejercicios/jalisco/planes/2/editar/",
            "/ejercicios/jalisco/planes/2/compromisos/5/editar/",
            "/ejercicios/jalisco/planes/2/compromisos/5/hitos/1/editar/",
            "/ejercicios/jalisco/planes/2/compromisos/5/ponderaciones/",
            "/ejercicios/jalisco/planes/2/compromisos/5/estado/",
            "/ejercicios/jalisco/planes/2/importar/",
            "/ejercicios/jalisco/planes/2/ejes/",
            "/ejercicios/jalisco/planes/2/ejes/nuevo/",
            "/organizaciones/ayuntamiento-de-tonala/enlaces/",
        ),
    )
)
