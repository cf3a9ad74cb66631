"""Exercises: local and national open-government exercises, their secretariats and sessions."""

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from cocrea.core.capabilities import (
    PLATFORM_ID,
    Capability,
    Column,
    NavLink,
    OpenTable,
    exercise_column,
    register,
)
from cocrea.exercises.models import Exercise, SecretariatSession

THEME = "gobierno-abierto"

EXERCISES = OpenTable(
    "ejercicios",
    _("Ejercicios de gobierno abierto"),
    _("Cada ejercicio local o nacional: dónde, en qué etapa está y cuánto avanza."),
    (
        PLATFORM_ID,
        Column("identificador", "string", _("Identificador del ejercicio en las direcciones."), "slug"),
        Column("nombre", "string", _("Nombre del ejercicio."), "name"),
        Column("clave_inegi", "string", _("Clave INEGI del territorio (00 es el país)."), "territory__inegi_code"),
        Column("etapa", "string", _("Etapa actual del ejercicio."), "stage"),
        Column("incorporacion", "date", _("Fecha en que se incorporó al programa."), "joined_on"),
        Column("avance", "number", _("Avance ponderado de sus planes, de 0 a 100."), "progress"),
    ),
    lambda: Exercise.objects.order_by("pk"),
    theme=THEME,
)  # fmt: skip

SESSIONS = OpenTable(
    "sesiones-secretariado",
    _("Sesiones de los secretariados técnicos"),
    _("Cada sesión del secretariado tripartito, con el número de acuerdos que tomó."),
    (
        PLATFORM_ID,
        exercise_column("secretariat__exercise__slug"),
        Column("secretariado", "string", _("Nombre del secretariado."), "secretariat__name"),
        Column("numero", "integer", _("Número de la sesión."), "number"),
        Column("tipo", "string", _("Ordinaria, extraordinaria o de instalación."), "kind"),
        Column("fecha", "date", _("Fecha de la sesión."), "held_on"),
        Column("acuerdos", "integer", _("Acuerdos tomados en la sesión."), "agreement_count"),
    ),
    lambda: SecretariatSession.objects.order_by("pk").annotate(agreement_count=Count("agreements")),
    theme=THEME,
)  # fmt: skip

register(
    Capability(
        label="exercises",
        urls="cocrea.exercises.urls",
        api_router="cocrea.exercises.api.router",
        main_nav=(NavLink("exercises:exercise_list", _("Ejercicios"), 10),),
        exercise_tabs=(
            NavLink("exercises:exercise_detail", _("Resumen"), 10),
            NavLink("exercises:secretariat", _("Secretariado"), 20),
            NavLink("exercises:session_list", _("Sesiones"), 30),
            NavLink("exercises:exercise_history", _("Historial de cambios"), 110),
        ),
        open_tables=(EXERCISES, SESSIONS),
        demo="cocrea.exercises.demo.load",
        demo_after=("core",),
        audit_pages=(
            "/ejercicios/",
            "/ejercicios/jalisco/",
            "/ejercicios/jalisco/secretariado/",
            "/ejercicios/jalisco/sesiones/",
            "/ejercicios/jalisco/historial/",
            "/ejercicios/mexico-aga/secretariado/",
        ),
        audit_editor_pages=(
            "/ejercicios/jalisco/editar/",
            "/ejercicios/jalisco/etapa/",
            "/ejercicios/jalisco/roles/",
            "/ejercicios/jalisco/sesiones/nueva/",
            "/ejercicios/jalisco/integrantes/nuevo/",
            "/ejercicios/jalisco/instituciones/nueva/",
        ),
    )
)
