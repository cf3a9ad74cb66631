from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "cocrea.search"
    verbose_name = "Búsqueda"
