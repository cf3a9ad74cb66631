from django.urls import path, re_path, register_converter

from cocrea.core.converters import choice_converter
from cocrea.opendata import ckan_views, data_views, views

app_name = "opendata"

register_converter(choice_converter("ttl", "jsonld", "rdf"), "rdf")

urlpatterns = [
    path("api/3/action/<str:action_name>", ckan_views.action, name="ckan_action"),
    path("api/action/<str:action_name>", ckan_views.action, name="ckan_action_short"),
    re_path(r"^api/3/?$", ckan_views.api_version, name="ckan_api"),
    # The rest of the CKAN API's prefixes answers CKAN's Not Found Error, not a web page.
    re_path(r"^api/(?:3/|action/)(?P<rest>.*)$", ckan_views.unknown_path),
    path("catalog.<rdf:fmt>", data_views.catalog, name="dcat_catalog"),
    path("dataset/<slug:dataset_name>.<rdf:fmt>", data_views.dataset_rdf, name="dcat_dataset"),
    path("datos/", views.dataset_list, name="dataset_list"),
    path("datos/abiertos.zip", data_views.bulk_download, name="bulk_download"),
    path("datos/nuevo/", views.dataset_edit, name="dataset_new"),
    path("datos/plataforma/<slug:source>.csv", data_views.platform_csv, name="platform_csv"),
    path("datos/<slug:dataset_name>/", views.dataset_detail, name="dataset_detail"),
    path("datos/<slug:dataset_name>/editar/", views.dataset_edit, name="dataset_edit"),
    path("datos/<slug:dataset_name>/recursos/nuevo/", views.resource_new, name="resource_new"),
    path(
        "datos/<slug:dataset_name>/recursos/<str:resource_id>/descargar/",
        data_views.resource_download,
        name="resource_download",
    ),
    path("datos/<slug:dataset_name>/publicacion/", views.publication_edit, name="publication_edit"),
    path("datos/<slug:dataset_name>/calificar/", views.publication_rate, name="publication_rate"),
]
