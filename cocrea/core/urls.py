from django.urls import path

from cocrea.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("territorios/", views.territory_list, name="territory_list"),
    path("territorios/importar-municipios/", views.municipality_import, name="municipality_import"),
    path("organizaciones/", views.organization_list, name="organization_list"),
    path("organizaciones/nueva/", views.organization_edit, name="organization_create"),
    path(
        "organizaciones/<slug:organization_slug>/",
        views.organization_detail,
        name="organization_detail",
    ),
    path(
        "organizaciones/<slug:organization_slug>/editar/",
        views.organization_edit,
        name="organization_edit",
    ),
]
