from django.urls import path

from cocrea.pages import views

app_name = "pages"

COMMITMENT = (
    "ejercicios/<slug:exercise_slug>/planes/<int:plan_number>/compromisos/<int:commitment_number>/"
)

urlpatterns = [
    path("", views.home, name="home"),
    path(
        "organizaciones/<slug:organization_slug>/",
        views.organization_detail,
        name="organization_detail",
    ),
    path(COMMITMENT, views.commitment_detail, name="commitment_detail"),
]
