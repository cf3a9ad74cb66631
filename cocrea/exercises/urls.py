from django.urls import path

from cocrea.core.routes import EXERCISE
from cocrea.exercises import views

app_name = "exercises"

E = EXERCISE

urlpatterns = [
    path("ejercicios/", views.exercise_list, name="exercise_list"),
    path("ejercicios/nuevo/", views.exercise_create, name="exercise_create"),
    path(E, views.exercise_detail, name="exercise_detail"),
    path(E + "editar/", views.exercise_edit, name="exercise_edit"),
    path(E + "etapa/", views.exercise_stage, name="exercise_stage"),
    path(E + "historial/", views.exercise_history, name="exercise_history"),
    path(E + "roles/", views.exercise_roles, name="exercise_roles"),
    path(E + "instituciones/nueva/", views.institution_create, name="institution_create"),
    path(
        E + "roles/<int:membership_id>/retirar/",
        views.exercise_role_revoke,
        name="exercise_role_revoke",
    ),
    path(E + "secretariado/", views.secretariat, name="secretariat"),
    path(E + "secretariado/nuevo/", views.secretariat_edit, name="secretariat_create"),
    path(
        E + "secretariado/<int:secretariat_id>/editar/",
        views.secretariat_edit,
        name="secretariat_edit",
    ),
    path(
        E + "secretariado/<int:secretariat_id>/historial/",
        views.secretariat_history,
        name="secretariat_history",
    ),
    path(E + "integrantes/nuevo/", views.member_edit, name="member_create"),
    path(E + "integrantes/<int:member_id>/editar/", views.member_edit, name="member_edit"),
    path(E + "integrantes/<int:member_id>/historial/", views.member_history, name="member_history"),
    path(E + "sesiones/", views.session_list, name="session_list"),
    path(E + "sesiones/nueva/", views.session_edit, name="session_create"),
    path(E + "sesiones/<int:session_id>/", views.session_detail, name="session_detail"),
    path(E + "sesiones/<int:session_id>/editar/", views.session_edit, name="session_edit"),
    path(E + "sesiones/<int:session_id>/acta.pdf", views.session_minutes, name="session_minutes"),
    path(E + "sesiones/<int:session_id>/historial/", views.session_history, name="session_history"),
    path(
        E + "sesiones/<int:session_id>/acuerdos/nuevo/",
        views.agreement_edit,
        name="agreement_create",
    ),
    path(
        E + "sesiones/<int:session_id>/acuerdos/<int:agreement_id>/editar/",
        views.agreement_edit,
        name="agreement_edit",
    ),
]
