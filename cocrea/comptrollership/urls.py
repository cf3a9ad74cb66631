from django.urls import path

from cocrea.comptrollership import views

app_name = "comptrollership"

WORK = "contraloria-social/obras/<int:work_id>/"
urlpatterns = [
    path("contraloria-social/", views.comptrollership, name="comptrollership"),
    path("contraloria-social/mapa/", views.work_map, name="work_map"),
    path("contraloria-social/obras/mapa.geojson", views.work_points, name="work_points"),
    path(WORK, views.work_detail, name="work_detail"),
    path("contraloria-social/obras/nueva/", views.work_edit, name="work_new"),
    path(WORK + "editar/", views.work_edit, name="work_edit"),
    path(WORK + "comites/nuevo/", views.committee_edit, name="committee_new"),
    path(WORK + "comites/<int:committee_id>/", views.committee_edit, name="committee_edit"),
    path(WORK + "cedulas/nueva/", views.inspection_new, name="inspection_new"),
]
