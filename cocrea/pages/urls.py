from django.urls import path

from cocrea.core.routes import COMMITMENT
from cocrea.pages import views

app_name = "pages"


urlpatterns = [
    path("", views.home, name="home"),
    path(
        "organizaciones/<slug:organization_slug>/",
        views.organization_detail,
        name="organization_detail",
    ),
    path(COMMITMENT, views.commitment_detail, name="commitment_detail"),
]
