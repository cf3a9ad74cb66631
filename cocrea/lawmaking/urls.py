from django.urls import path

from cocrea.lawmaking import (
    compare_views,
    contribution_views,
    debate_views,
    export_views,
    text_views,
    views,
)

app_name = "lawmaking"

PROCESS = "leyes/<slug:process_slug>/"
VERSION = PROCESS + "versiones/<int:version_number>/"
CONTRIBUTION = PROCESS + "aportaciones/<int:contribution_id>/"
COMMENT = PROCESS + "comentarios/<int:comment_id>/"
QUESTION = PROCESS + "preguntas/<int:question_id>/"

urlpatterns = [
    # The process, its phases and its text (views.py)
    path("leyes/", views.process_list, name="process_list"),
    path("leyes/nuevo/", views.process_edit, name="process_new"),
    path("ejercicios/<slug:exercise_slug>/leyes/", views.exercise_processes, name="exercise_processes"),
    path(PROCESS, views.process_detail, name="process_detail"),
    path(PROCESS + "editar/", views.process_edit, name="process_edit"),
    path(PROCESS + "fases/<str:phase_kind>/", views.phase_edit, name="phase_edit"),
    path(PROCESS + "seguir/", views.process_follow, name="process_follow"),
    path(PROCESS + "cerrar/", views.process_close, name="process_close"),
    path(PROCESS + "historial/", views.process_history, name="process_history"),
    path(PROCESS + "texto/", views.text, name="text"),
    path(PROCESS + "texto/<slug:unit_key>/", contribution_views.unit_detail, name="unit_detail"),
    path(PROCESS + "versiones/", views.version_list, name="version_list"),
    path(VERSION, views.version_detail, name="version_detail"),
    # Importing a version and correcting its structure before publishing (text_views.py)
    path(PROCESS + "versiones/nueva/", text_views.version_new, name="version_new"),
    path(VERSION + "revisar/", text_views.version_review, name="version_review"),
    path(VERSION + "revisar/publicar/", text_views.version_publish, name="version_publish"),
    path(VERSION + "revisar/descartar/", text_views.version_discard, name="version_discard"),
    path(VERSION + "revisar/partes/nueva/", text_views.unit_edit, name="unit_new"),
    path(VERSION + "revisar/partes/<int:unit_id>/", text_views.unit_edit, name="unit_edit"),
    path(VERSION + "revisar/partes/<int:unit_id>/quitar/", text_views.unit_delete, name="unit_delete"),
    # after "revisar/": an article key never reads "revisar"
    path(VERSION + "<slug:unit_key>/", views.version_unit, name="version_unit"),
    # Differences between versions and the cuadro comparativo (compare_views.py)
    path(PROCESS + "comparar/", compare_views.compare, name="compare"),
    path(PROCESS + "cuadro-comparativo/", compare_views.comparative, name="comparative"),
    path(PROCESS + "cuadro-comparativo.pdf", compare_views.comparative_pdf, name="comparative_pdf"),
    path(PROCESS + "cuadro-comparativo.docx", compare_views.comparative_docx, name="comparative_docx"),
    # Contributions, their supports, comments, answers and moderation (contribution_views.py)
    path(PROCESS + "aportaciones/", contribution_views.contribution_list, name="contribution_list"),
    path(PROCESS + "texto/<slug:unit_key>/aportar/", contribution_views.contribution_new, name="contribution_new"),
    path(CONTRIBUTION, contribution_views.contribution_detail, name="contribution_detail"),
    path(CONTRIBUTION + "apoyar/", contribution_views.contribution_support, name="contribution_support"),
    path(CONTRIBUTION + "retirar-apoyo/", contribution_views.contribution_unsupport, name="contribution_unsupport"),
    path(CONTRIBUTION + "comentar/", contribution_views.comment_add, name="comment_add"),
    path(CONTRIBUTION + "responder/", contribution_views.contribution_answer, name="contribution_answer"),
    path(CONTRIBUTION + "reportar/", contribution_views.contribution_flag, name="contribution_flag"),
    path(CONTRIBUTION + "moderar/", contribution_views.contribution_moderate, name="contribution_moderate"),
    path(COMMENT + "reportar/", contribution_views.comment_flag, name="comment_flag"),
    path(COMMENT + "moderar/", contribution_views.comment_moderate, name="comment_moderate"),
    path(PROCESS + "moderacion/", contribution_views.moderation_queue, name="moderation_queue"),
    # Debate questions (debate_views.py)
    path(PROCESS + "preguntas/", debate_views.question_list, name="question_list"),
    path(PROCESS + "preguntas/nueva/", debate_views.question_edit, name="question_new"),
    path(QUESTION, debate_views.question_detail, name="question_detail"),
    path(QUESTION + "editar/", debate_views.question_edit, name="question_edit"),
    path(QUESTION + "responder/", debate_views.question_answer, name="question_answer"),
    # The end-of-process summary (export_views.py)
    path(PROCESS + "resumen.xlsx", export_views.summary_xlsx, name="summary_xlsx"),
    path(PROCESS + "resumen.csv", export_views.summary_csv, name="summary_csv"),
]  # fmt: skip
