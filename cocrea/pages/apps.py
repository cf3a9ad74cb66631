from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "cocrea.pages"
    label = "pages"
    verbose_name = _("Páginas que reúnen varias capacidades")
