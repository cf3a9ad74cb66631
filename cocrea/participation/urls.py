from django.urls import path

from cocrea.core.routes import EXERCISE
from cocrea.participation import (
    axis_views,
    comment_views,
    moderation_views,
    systematization_views,
    table_views,
    views,
)

app_name = "participation"

E = EXERCISE + "consultas/"
C = E + "<slug:consultation_slug>/"
P = C + "propuestas/<int:proposal_id>/"

K = "comentarios/<str:kind>/<slug:exercise_slug>/<str:container>/<int:item>/"

urlpatterns = [
    path(K, comment_views.comment_post, name="comment_post"),
    path(K + "<int:comment_id>/moderar/", comment_views.comment_moderate, name="comment_moderate"),
    path(K + "<int:comment_id>/reportar/", comment_views.comment_flag, name="comment_flag"),
    path(EXERCISE + "moderacion/", moderation_views.moderation_queue, name="moderation_queue"),
    path(
        EXERCISE + "moderacion/<str:kind>/<int:item_id>/",
        moderation_views.moderation_handle,
        name="moderation_handle",
    ),
    path(E, views.consultation_list, name="consultation_list"),
    path(E + "nueva/", views.consultation_edit, name="consultation_create"),
    path(C, views.consultation_detail, name="consultation_detail"),
    path(C + "editar/", views.consultation_edit, name="consultation_edit"),
    path(C + "propuestas/nueva/", views.proposal_create, name="proposal_create"),
    path(C + "sistematizacion/", systematization_views.systematization, name="systematization"),
    path(C + "sugerencias/", systematization_views.suggestions, name="suggestions"),
    path(C + "ejes/", axis_views.axis_list, name="axis_list"),
    path(C + "ejes/nuevo/", axis_views.axis_create, name="axis_create"),
    path(C + "ejes/<int:axis_id>/nombre/", axis_views.axis_rename, name="axis_rename"),
    path(C + "ejes/<int:axis_id>/mover/", axis_views.axis_move, name="axis_move"),
    path(C + "ejes/<int:axis_id>/retiro/", axis_views.axis_retire, name="axis_retire"),
    path(C + "resultados.<str:fmt>", systematization_views.results, name="consultation_results"),
    path(C + "problematicas/nueva/", systematization_views.problem_edit, name="problem_create"),
    path(
        C + "problematicas/<int:problem_id>/",
        systematization_views.problem_detail,
        name="problem_detail",
    ),
    path(
        C + "problematicas/<int:problem_id>/editar/",
        systematization_views.problem_edit,
        name="problem_edit",
    ),
    path(
        C + "problematicas/<int:problem_id>/agrupar/",
        systematization_views.problem_group,
        name="problem_group",
    ),
    path(C + "mesas/nueva/", table_views.table_edit, name="table_create"),
    path(C + "mesas/<int:table_id>/", table_views.table_detail, name="table_detail"),
    path(C + "mesas/<int:table_id>/editar/", table_views.table_edit, name="table_edit"),
    path(C + "mesas/<int:table_id>/minuta.pdf", table_views.table_minutes, name="table_minutes"),
    path(P, views.proposal_detail, name="proposal_detail"),
    path(P + "apoyo/", views.support, name="proposal_support"),
    path(P + "editar/", views.proposal_edit, name="proposal_edit"),
    path(P + "moderar/", moderation_views.moderate, name="proposal_moderate"),
    path(P + "reportar/", moderation_views.flag, name="proposal_flag"),
    path(P + "respuesta/", views.respond, name="proposal_respond"),
]
