from django.urls import path, re_path, register_converter

from cocrea.core.converters import choice_converter
from cocrea.reports import filing, open311_views, views

app_name = "reports"

register_converter(choice_converter("json", "xml"), "fmt")

V2 = "open311/v2/"
CATEGORY = "reportes/categorias/<slug:category_code>/"
urlpatterns = [
    path(V2 + "discovery.<fmt:fmt>", open311_views.discovery, name="open311_discovery"),
    path(V2 + "services.<fmt:fmt>", open311_views.services_list, name="open311_services"),
    path(
        V2 + "services/<slug:category_code>.<fmt:fmt>",
        open311_views.service_definition,
        name="open311_service",
    ),
    path(V2 + "requests.<fmt:fmt>", open311_views.requests, name="open311_requests"),
    path(
        V2 + "requests/<int:report_id>.<fmt:fmt>",
        open311_views.request_detail,
        name="open311_request",
    ),
    path(V2 + "tokens/<str:token>.<fmt:fmt>", open311_views.token, name="open311_token"),
    # Anything else under /open311/v2/ is GeoReport's 404 (JSON unless it asks for .xml).
    path(V2 + "<path:path>.<fmt:fmt>", open311_views.unknown, name="open311_unknown"),
    re_path(r"^open311/v2/(?P<path>.*)$", open311_views.unknown, {"fmt": "json"}),
]

urlpatterns += [
    path("reportes/", views.report_list, name="report_list"),
    path("reportes/nuevo/", filing.report_new, name="report_new"),
    path("reportes/nuevo/<slug:category_code>/", filing.report_file, name="report_file"),
    path(
        "reportes/nuevo/<slug:category_code>/<slug:step>/", filing.report_step, name="report_step"
    ),
    path("reportes/bandeja/", views.report_queue, name="report_queue"),
    path("reportes/estadisticas/", views.report_statistics, name="report_statistics"),
    path("reportes/<int:report_id>/", views.report_detail, name="report_detail"),
    path("reportes/<int:report_id>/moderar/", views.report_redact, name="report_redact"),
    path("reportes/categorias/", views.category_list, name="category_list"),
    path("reportes/categorias/nueva/", views.category_edit, name="category_new"),
    path(CATEGORY, views.category_detail, name="category_detail"),
    path(CATEGORY + "editar/", views.category_edit, name="category_edit"),
    path(CATEGORY + "preguntas/nueva/", views.attribute_edit, name="attribute_new"),
    path(CATEGORY + "preguntas/<int:attribute_id>/", views.attribute_edit, name="attribute_edit"),
    path(
        CATEGORY + "preguntas/<int:attribute_id>/quitar/",
        views.attribute_delete,
        name="attribute_delete",
    ),
    path("reportes/dias-inhabiles/", views.holiday_list, name="holiday_list"),
    path(
        "reportes/dias-inhabiles/<int:holiday_id>/quitar/",
        views.holiday_delete,
        name="holiday_delete",
    ),
    path("fotos/<int:photo_id>.jpg", views.photo_file, name="photo_file"),
    path("fotos/<int:photo_id>/ocultar/", views.photo_hide, name="photo_hide"),
]

# Maps (map_views.py): the public map of reports and the place picker's address lookup.
from cocrea.reports import map_views  # noqa: E402

urlpatterns += [
    path("reportes/mapa/", map_views.report_map, name="report_map"),
    path("reportes/mapa.geojson", map_views.report_points, name="report_points"),
    path("reportes/lugar/", map_views.place_lookup, name="place_lookup"),
]
