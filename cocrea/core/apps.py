from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "cocrea.core"
    label = "core"
    verbose_name = _("Núcleo: territorios, organizaciones y cuentas")

    def ready(self) -> None:
        from cocrea.core import checks  # noqa: F401  (registers the limits' check)
        from cocrea.core.capabilities import autodiscover

        autodiscover()
