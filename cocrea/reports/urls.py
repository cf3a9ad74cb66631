from django.urls import path, register_converter

from cocrea.core.converters import choice_converter
from cocrea.reports import views, web, work_views

app_name = "reports"

register_converter(choice_converter("json", "xml"), "fmt")

V2 = "open311/v2/"
urlpatterns = [
    path(V2 + "discovery.<fmt:fmt>", views.discovery, name="open311_discovery"),
    path(V2 + "services.<fmt:fmt>", views.services_list, name="open311_services"),
    path(
        V2 + "services/<slug:category_code>.<fmt:fmt>",
        views.service_definition,
        name="open311_service",
    ),
    path(V2 + "requests.<fmt:fmt>", views.requests, name="open311_requests"),
    path(V2 + "requests/<int:report_id>.<fmt:fmt>", views.request_detail, name="open311_request"),
    path(V2 + "tokens/<str:token>.<fmt:fmt>", views.token, name="open311_token"),
]

urlpatterns += [
    path("reportes/", web.report_list, name="report_list"),
    path("reportes/nuevo/", web.report_new, name="report_new"),
    path("reportes/nuevo/<slug:category_code>/", web.report_file, name="report_file"),
    path("reportes/bandeja/", web.report_queue, name="report_queue"),
    path("reportes/estadisticas/", web.report_statistics, name="report_statistics"),
    path("reportes/<int:report_id>/", web.report_detail, name="report_detail"),
    path("reportes/<int:report_id>/moderar/", web.report_redact, name="report_redact"),
    path("fotos/<int:photo_id>.jpg", web.photo_file, name="photo_file"),
    path("fotos/<int:photo_id>/ocultar/", web.photo_hide, name="photo_hide"),
    path("contraloria-social/", web.comptrollership, name="comptrollership"),
    path("contraloria-social/obras/<int:work_id>/", web.work_detail, name="work_detail"),
    path("contraloria-social/obras/nueva/", work_views.work_edit, name="work_new"),
    path("contraloria-social/obras/<int:work_id>/editar/", work_views.work_edit, name="work_edit"),
    path(
        "contraloria-social/obras/<int:work_id>/comites/nuevo/",
        work_views.committee_edit,
        name="committee_new",
    ),
    path(
        "contraloria-social/obras/<int:work_id>/comites/<int:committee_id>/",
        work_views.committee_edit,
        name="committee_edit",
    ),
    path(
        "contraloria-social/obras/<int:work_id>/cedulas/nueva/",
        work_views.inspection_new,
        name="inspection_new",
    ),
]
