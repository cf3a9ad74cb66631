from django.urls import path

from cocrea.core.routes import COMMITMENT, EXERCISE, PLAN
from cocrea.monitoring import views

app_name = "monitoring"

C = COMMITMENT

urlpatterns = [
    path("informe-sombra/", views.national_shadow, name="national_shadow"),
    path("tablero/", views.national_dashboard, name="national_dashboard"),
    path(EXERCISE + "tablero/", views.exercise_dashboard, name="exercise_dashboard"),
    path(EXERCISE + "estandares/", views.exercise_standards, name="exercise_standards"),
    path(EXERCISE + "vigilancia/", views.exercise_watch, name="exercise_watch"),
    path(EXERCISE + "vigilancia/revisar/", views.exercise_checks_run, name="exercise_checks_run"),
    path(
        EXERCISE + "estandares/<str:standard_code>/atestiguar/",
        views.standard_attest,
        name="standard_attest",
    ),
    path(PLAN + "tablero/", views.plan_dashboard, name="plan_dashboard"),
    path(
        "organizaciones/<slug:organization_slug>/tablero/",
        views.organization_dashboard,
        name="organization_dashboard",
    ),
    path("reglas-de-consistencia/", views.rules_catalogue, name="rules_catalogue"),
    path(EXERCISE + "informe-sombra/", views.exercise_shadow, name="exercise_shadow"),
    path(PLAN + "informe-sombra/", views.plan_shadow, name="plan_shadow"),
    path(PLAN + "evaluaciones/", views.plan_assessments, name="plan_assessments"),
    path(C + "evaluacion/", views.assessment_edit, name="assessment_edit"),
    path(C + "seguir/", views.follow, name="follow"),
    path("cuentas/avisos/", views.notification_settings, name="notification_settings"),
    path(C + "reportes/nuevo/", views.report_create, name="report_create"),
    path(
        C + "reportes/<int:corrected_report_id>/corregir/",
        views.report_create,
        name="report_correct",
    ),
    path(C + "reportes/<int:report_id>/validar/", views.review_create, name="review_create"),
    path(C + "validaciones/<int:review_id>/responder/", views.review_answer, name="review_answer"),
]
