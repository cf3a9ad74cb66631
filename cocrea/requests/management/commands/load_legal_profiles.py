from django.core.management.base import BaseCommand

from cocrea.requests import timeline_services


class Command(BaseCommand):
    help = (
        "Carga los perfiles legales y plazos incluidos (ley general y entidades) que falten; "
        "nunca sobrescribe un plazo ya editado."
    )

    def handle(self, *args: object, **options: object) -> None:
        loaded = timeline_services.profiles_load_defaults()
        self.stdout.write(f"{loaded} perfiles legales en su lugar.")
