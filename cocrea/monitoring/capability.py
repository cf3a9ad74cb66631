"""Monitoring: progress reports, validations, consistency rules, assessments, standards,
dashboards and notifications."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from cocrea.core.capabilities import (
    PLATFORM_ID,
    Capability,
    Column,
    Job,
    NavLink,
    OpenTable,
    register,
)
from cocrea.monitoring.models import Assessment, ProgressReport

COMMITMENT = Column("compromiso", "integer", _("Identificador del compromiso."), "commitment_id")


def _commitment_table(
    source: str,
    title: Any,
    description: Any,
    model: type[ProgressReport] | type[Assessment],
    columns: tuple[Column, ...],
) -> OpenTable:
    """A table of what is recorded on each published commitment: a record's id, its
    commitment's, then its own columns; the records of unpublished commitments stay out."""
    return OpenTable(
        source,
        title,
        description,
        (PLATFORM_ID, COMMITMENT, *columns),
        lambda: model.objects.filter(commitment__is_published=True).order_by("pk"),
        theme="gobierno-abierto",
    )


PROGRESS_REPORTS = _commitment_table(
    "reportes-de-avance",
    _("Reportes de avance"),
    _("Lo que cada institución informó del avance de sus compromisos."),
    ProgressReport,
    (
        Column("institucion", "string", _("Institución que reporta."), "organization__name"),
        Column("fecha", "date", _("Fecha del reporte."), "reported_on"),
        Column("corrige_a", "integer", _("Reporte que este corrige, si corrige a otro."), "corrects_id"),
        Column("narrativa", "string", _("Narrativa del avance."), "narrative"),
    ),
)  # fmt: skip

ASSESSMENTS = _commitment_table(
    "evaluaciones",
    _("Evaluaciones de los compromisos"),
    _("Evaluaciones al estilo del IRM de la Alianza para el Gobierno Abierto."),
    Assessment,
    (
        Column("fecha", "date", _("Fecha de la evaluación."), "assessed_on"),
        Column("especificidad", "string", _("Especificidad (método de 2014)."), "specificity"),
        Column("impacto_potencial", "string", _("Impacto potencial."), "potential_impact"),
        Column("cumplimiento", "string", _("Cumplimiento."), "completion"),
        Column("abrio_el_gobierno", "string", _("¿Contribuyó a abrir el gobierno?"), "opened_government"),
        Column("verificable", "boolean", _("Verificable (método nuevo)."), "verifiable"),
        Column("potencial_de_resultados", "string", _("Potencial de resultados (método nuevo)."), "results_potential"),
    ),
)  # fmt: skip

register(
    Capability(
        label="monitoring",
        urls="cocrea.monitoring.urls",
        api_router="cocrea.monitoring.api.router",
        main_nav=(NavLink("monitoring:national_shadow", _("Informe sombra"), 60),),
        exercise_tabs=(
            NavLink("monitoring:exercise_shadow", _("Informe sombra"), 70),
            NavLink("monitoring:exercise_dashboard", _("Tablero"), 80),
            NavLink("monitoring:exercise_standards", _("Estándares OGP"), 100),
        ),
        account_nav=(NavLink("monitoring:notification_settings", _("Mis avisos"), 20),),
        open_tables=(PROGRESS_REPORTS, ASSESSMENTS),
        jobs=(
            Job("send_notifications", "interval", {"minutes": 1}, "avisos en cola"),
            Job("run_checks", "cron", {"hour": 3, "minute": 0}, "reglas de consistencia"),
            Job(
                "send_weekly_digest",
                "cron",
                {"day_of_week": "mon", "hour": 7, "minute": 0},
                "resumen semanal",
            ),
        ),
        listens={
            "plans.commitment_changed": "cocrea.monitoring.services.commitment_changed",
            "participation.proposal_answered": (
                "cocrea.monitoring.notifications.proposal_answered_queue"
            ),
        },
        demo="cocrea.monitoring.demo.load",
        demo_after=("plans", "participation", "reports"),
        audit_editor_pages=(
            "/ejercicios/jalisco/planes/2/compromisos/5/evaluacion/",
            "/ejercicios/jalisco/planes/2/compromisos/5/reportes/nuevo/",
            "/cuentas/avisos/",
            "/ejercicios/jalisco/estandares/RESP-1/atestiguar/",
            "/ejercicios/jalisco/vigilancia/",
        ),
    )
)
