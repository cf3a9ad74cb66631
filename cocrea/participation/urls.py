from django.urls import path

from cocrea.core.routes import EXERCISE
from cocrea.participation import table_views, views

app_name = "participation"

E = EXERCISE + "consultas/"
C = E + "<slug:consultation_slug>/"
P = C + "propuestas/<int:proposal_id>/"

K = "comentarios/<str:kind>/<slug:exercise_slug>/<str:container>/<int:item>/"

urlpatterns = [
    path(K, views.comment_post, name="comment_post"),
    path(K + "<int:comment_id>/moderar/", views.comment_moderate, name="comment_moderate"),
    path(K + "<int:comment_id>/reportar/", views.comment_flag, name="comment_flag"),
    path(EXERCISE + "moderacion/", views.moderation_queue, name="moderation_queue"),
    path(
        EXERCISE + "moderacion/<str:kind>/<int:item_id>/",
        views.moderation_handle,
        name="moderation_handle",
    ),
    path(E, views.consultation_list, name="consultation_list"),
    path(E + "nueva/", views.consultation_edit, name="consultation_create"),
    path(C, views.consultation_detail, name="consultation_detail"),
    path(C + "editar/", views.consultation_edit, name="consultation_edit"),
    path(C + "propuestas/nueva/", views.proposal_create, name="proposal_create"),
    path(C + "sistematizacion/", views.systematization, name="systematization"),
    path(C + "sugerencias/", views.suggestions, name="suggestions"),
    path(C + "ejes/", views.axis_list, name="axis_list"),
    path(C + "ejes/nuevo/", views.axis_create, name="axis_create"),
    path(C + "ejes/<int:axis_id>/nombre/", views.axis_rename, name="axis_rename"),
    path(C + "ejes/<int:axis_id>/mover/", views.axis_move, name="axis_move"),
    path(C + "ejes/<int:axis_id>/retiro/", views.axis_retire, name="axis_retire"),
    path(C + "resultados.<str:fmt>", views.results, name="consultation_results"),
    path(C + "problematicas/nueva/", views.problem_edit, name="problem_create"),
    path(C + "problematicas/<int:problem_id>/", views.problem_detail, name="problem_detail"),
    path(C + "problematicas/<int:problem_id>/editar/", views.problem_edit, name="problem_edit"),
    path(C + "problematicas/<int:problem_id>/agrupar/", views.problem_group, name="problem_group"),
    path(C + "mesas/nueva/", table_views.table_edit, name="table_create"),
    path(C + "mesas/<int:table_id>/", table_views.table_detail, name="table_detail"),
    path(C + "mesas/<int:table_id>/editar/", table_views.table_edit, name="table_edit"),
    path(C + "mesas/<int:table_id>/minuta.pdf", table_views.table_minutes, name="table_minutes"),
    path(P, views.proposal_detail, name="proposal_detail"),
    path(P + "apoyo/", views.support, name="proposal_support"),
    path(P + "editar/", views.proposal_edit, name="proposal_edit"),
    path(P + "moderar/", views.moderate, name="proposal_moderate"),
    path(P + "reportar/", views.flag, name="proposal_flag"),
    path(P + "respuesta/", views.respond, name="proposal_respond"),
]
