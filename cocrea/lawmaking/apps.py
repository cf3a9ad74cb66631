from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LawmakingConfig(AppConfig):
    name = "cocrea.lawmaking"
    label = "lawmaking"
    verbose_name = _("Cocreación de leyes")
