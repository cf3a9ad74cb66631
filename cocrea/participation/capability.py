"""Participation: consultations, proposals, supports, comments, moderation, systematization and
working tables."""

from collections.abc import Iterable

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from cocrea.core.capabilities import (
    Capability,
    Column,
    NavLink,
    OpenTable,
    exercise_column,
    first_example,
    record_pages,
    register,
)
from cocrea.participation.models import Problem, Proposal, WorkingTable

CONSULTATION_RESULTS = OpenTable(
    "resultados-de-consultas",
    _("Resultados de las consultas públicas"),
    _("Cifras por eje temático de cada consulta; sin datos de ninguna persona."),
    (
        Column("consulta", "string", _("Identificador de la consulta."), "consultation__slug"),
        exercise_column("consultation__exercise__slug"),
        Column("eje", "string", _("Eje temático."), "axis__name"),
        Column("propuestas", "integer", _("Propuestas visibles en el eje."), "proposals"),
        Column("apoyos", "integer", _("Apoyos que recibieron esas propuestas."), "support_total"),
        Column("respondidas", "integer", _("Propuestas con respuesta razonada."), "answered"),
        Column("incorporadas", "integer", _("Propuestas incorporadas a un compromiso."), "taken"),
    ),
    lambda: Proposal.objects.filter(is_hidden=False)
    .values("consultation__slug", "consultation__exercise__slug", "axis__name")
    .annotate(
        proposals=Count("pk"),
        support_total=Sum("support_count", default=0),
        answered=Count("pk", filter=~Q(status="under_review")),
        taken=Count("pk", filter=Q(commitment__isnull=False)),
    )
    .order_by("consultation__slug", "axis__name"),
    theme="participacion",
)  # fmt: skip


def _record_pages() -> Iterable[str]:
    problem = Problem.objects.order_by("pk").first()
    return record_pages(problem, first_example(Proposal), first_example(WorkingTable))


def _editor_pages() -> Iterable[str]:
    return (
        "/ejercicios/mexico-aga/consultas/nueva/",
        "/ejercicios/mexico-aga/moderacion/",
        "/ejercicios/mexico-aga/consultas/consulta-4-plan-de-accion/sugerencias/",
        "/ejercicios/mexico-aga/consultas/consulta-4-plan-de-accion/ejes/",
        "/ejercicios/mexico-aga/consultas/consulta-4-plan-de-accion/ejes/nuevo/",
        "/ejercicios/mexico-aga/consultas/consulta-4-plan-de-accion/mesas/nueva/",
        *_record_pages(),
    )


register(
    Capability(
        label="participation",
        urls="cocrea.participation.urls",
        api_router="cocrea.participation.api.router",
        exercise_tabs=(NavLink("participation:consultation_list", _("Consultas"), 40),),
        open_tables=(CONSULTATION_RESULTS,),
        demo="cocrea.participation.demo.load",
        demo_after=("plans",),
        audit_pages=_record_pages,
        audit_editor_pages=_editor_pages,
    )
)
