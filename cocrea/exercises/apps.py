from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExercisesConfig(AppConfig):
    name = "cocrea.exercises"
    label = "exercises"
    verbose_name = _("Ejercicios y secretariados")
