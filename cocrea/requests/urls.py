from django.urls import path

from cocrea.requests import moderation_views, stats_views, step_views, timeline_views, views

app_name = "requests"

REQUEST = "solicitudes/<int:request_id>/"
INSTITUTION = "solicitudes/instituciones/<slug:organization_slug>/"

urlpatterns = [
    # Filing, lists, search, a request's page and following (views.py)
    path("solicitudes/", views.request_list, name="request_list"),
    path("solicitudes/nueva/", views.request_new, name="request_new"),
    path("solicitudes/registrar/", views.request_record, name="request_record"),
    path(REQUEST, views.request_detail, name="request_detail"),
    path(REQUEST + "seguir/", views.request_follow, name="request_follow"),
    path(REQUEST + "pasos.json", views.request_events_json, name="request_events_json"),
    path(INSTITUTION, views.institution_detail, name="institution_detail"),
    path(INSTITUTION + "seguir/", views.institution_follow, name="institution_follow"),
    # The steps of either side: answers, clarifications, extensions, ratings, appeals (step_views.py)
    path(REQUEST + "pasos/<str:kind>/", step_views.step_new, name="step_new"),
    # Moderation: publishing, hiding and redacting personal data (moderation_views.py)
    path("solicitudes/moderacion/", moderation_views.moderation_queue, name="moderation_queue"),
    path(REQUEST + "moderar/", moderation_views.request_moderate, name="request_moderate"),
    path(REQUEST + "testar/", moderation_views.request_redact, name="request_redact"),
    path("solicitudes/correo/", moderation_views.inbound_list, name="inbound_list"),
    path("solicitudes/correo/<int:message_id>/", moderation_views.inbound_handle, name="inbound_handle"),
    # The legal timeline, days off and suspensions (timeline_views.py)
    path("solicitudes/plazos/", timeline_views.timeline, name="timeline"),
    path("solicitudes/plazos/<int:profile_id>/", timeline_views.profile_edit, name="profile_edit"),
    path("solicitudes/suspensiones/", timeline_views.suspension_list, name="suspension_list"),
    path("solicitudes/suspensiones/nueva/", timeline_views.suspension_new, name="suspension_new"),
    path(INSTITUTION + "unidad/", timeline_views.unit_edit, name="unit_edit"),
    path(INSTITUTION + "dias-inhabiles/", timeline_views.days_off, name="days_off"),
    # Statistics per institution and proactive-publication needs (stats_views.py)
    path("solicitudes/estadisticas/", stats_views.statistics, name="statistics"),
    path("solicitudes/estadisticas.csv", stats_views.statistics_csv, name="statistics_csv"),
    path("solicitudes/necesidades/", stats_views.need_list, name="need_list"),
    path(INSTITUTION + "necesidades/", stats_views.institution_needs, name="institution_needs"),
]  # fmt: skip
