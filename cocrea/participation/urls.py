from django.urls import path

from cocrea.participation import views

E = "ejercicios/<slug:slug>/consultas/"
C = E + "<slug:consultation>/"
P = C + "propuestas/<int:proposal_id>/"

urlpatterns = [
    path(E, views.consultation_list, name="consultation_list"),
    path(E + "nueva/", views.consultation_edit, name="consultation_create"),
    path(C, views.consultation_detail, name="consultation_detail"),
    path(C + "editar/", views.consultation_edit, name="consultation_edit"),
    path(C + "propuestas/nueva/", views.proposal_create, name="proposal_create"),
    path(P, views.proposal_detail, name="proposal_detail"),
    path(P + "apoyo/", views.support, name="proposal_support"),
    path(P + "moderar/", views.moderate, name="proposal_moderate"),
    path(P + "respuesta/", views.respond, name="proposal_respond"),
]
