from django.urls import path

from cocrea.search import views

app_name = "search"

# Mounted at /buscar/ (capability.py).
urlpatterns = [path("", views.results, name="results")]
