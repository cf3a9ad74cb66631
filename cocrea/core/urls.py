from django.urls import path

from cocrea.core import views

app_name = "core"

urlpatterns = [
    path("territorios/", views.territory_list, name="territory_list"),
    path("territorios/importar-municipios/", views.municipality_import, name="municipality_import"),
    path("organizaciones/", views.organization_list, name="organization_list"),
    path("glosario/", views.glossary, name="glossary"),
    path("organizaciones/nueva/", views.organization_edit, name="organization_create"),
    path(
        "organizaciones/<slug:organization_slug>/editar/",
        views.organization_edit,
        name="organization_edit",
    ),
]
