from django.urls import path

from cocrea.core.routes import COMMITMENT, EXERCISE, PLAN
from cocrea.plans import views

app_name = "plans"

P = EXERCISE + "planes/"
N = PLAN
C = COMMITMENT

urlpatterns = [
    path("estadisticas/", views.national_statistics, name="national_statistics"),
    path(EXERCISE + "estadisticas/", views.exercise_statistics, name="exercise_statistics"),
    path(N + "estadisticas/", views.plan_statistics, name="plan_statistics"),
    path(P, views.plan_list, name="plan_list"),
    path(P + "nuevo/", views.plan_edit, name="plan_create"),
    path(N, views.plan_detail, name="plan_detail"),
    path(N + "editar/", views.plan_edit, name="plan_edit"),
    path(N + "historial/", views.plan_history, name="plan_history"),
    path(N + "importar/", views.plan_import, name="plan_import"),
    path(N + "exportar.<str:fmt>", views.plan_export, name="plan_export"),
    path(N + "etapas/nueva/", views.plan_stage_edit, name="plan_stage_create"),
    path(N + "etapas/<int:stage_id>/editar/", views.plan_stage_edit, name="plan_stage_edit"),
    path(N + "documentos/nuevo/", views.plan_document_add, name="plan_document_add"),
    path(
        N + "documentos/<int:document_id>/archivo",
        views.plan_document_file,
        name="plan_document_file",
    ),
    path(N + "ejes/", views.plan_axis_list, name="plan_axis_list"),
    path(N + "ejes/nuevo/", views.plan_axis_create, name="plan_axis_create"),
    path(N + "ejes/<int:axis_id>/nombre/", views.plan_axis_rename, name="plan_axis_rename"),
    path(N + "ejes/<int:axis_id>/mover/", views.plan_axis_move, name="plan_axis_move"),
    path(N + "ejes/<int:axis_id>/retiro/", views.plan_axis_retire, name="plan_axis_retire"),
    path(N + "compromisos/nuevo/", views.commitment_edit, name="commitment_create"),
    path(C + "editar/", views.commitment_edit, name="commitment_edit"),
    path(C + "ponderaciones/", views.commitment_weights, name="commitment_weights"),
    path(C + "estado/", views.commitment_status, name="commitment_status"),
    path(C + "hitos/nuevo/", views.milestone_edit, name="milestone_create"),
    path(C + "hitos/<int:milestone_number>/editar/", views.milestone_edit, name="milestone_edit"),
    path(C + "hitos/<int:milestone_number>/evidencia/", views.evidence_add, name="evidence_add"),
    path(C + "hitos/historial/", views.milestone_history, name="milestone_history"),
    path(C + "evidencias/<int:evidence_id>/archivo", views.evidence_file, name="evidence_file"),
    path(
        "organizaciones/<slug:organization_slug>/enlaces/",
        views.organization_liaisons,
        name="organization_liaisons",
    ),
    path(
        "organizaciones/<slug:organization_slug>/enlaces/<int:membership_id>/retirar/",
        views.organization_liaison_revoke,
        name="organization_liaison_revoke",
    ),
]
