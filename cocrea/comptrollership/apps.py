from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComptrollershipConfig(AppConfig):
    name = "cocrea.comptrollership"
    label = "comptrollership"
    verbose_name = _("Contraloría social")
