from django.urls import path

from cocrea.monitoring import views

C = "ejercicios/<slug:slug>/planes/<int:number>/compromisos/<int:commitment>/"

urlpatterns = [
    path("informe-sombra/", views.national_shadow, name="national_shadow"),
    path("reglas-de-consistencia/", views.rules_catalogue, name="rules_catalogue"),
    path("ejercicios/<slug:slug>/informe-sombra/", views.exercise_shadow, name="exercise_shadow"),
    path(
        "ejercicios/<slug:slug>/planes/<int:number>/informe-sombra/",
        views.plan_shadow,
        name="plan_shadow",
    ),
    path(
        "ejercicios/<slug:slug>/planes/<int:number>/evaluaciones/",
        views.plan_assessments,
        name="plan_assessments",
    ),
    path(C + "evaluacion/", views.assessment_edit, name="assessment_edit"),
    path(C + "reportes/nuevo/", views.report_create, name="report_create"),
    path(C + "reportes/<int:corrects>/corregir/", views.report_create, name="report_correct"),
    path(C + "reportes/<int:report_id>/validar/", views.review_create, name="review_create"),
    path(C + "validaciones/<int:review_id>/responder/", views.review_answer, name="review_answer"),
]
