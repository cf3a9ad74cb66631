from django.core.management.base import BaseCommand, CommandError, CommandParser

from cocrea.core.models import Organization
from cocrea.core.services import api_key_create


class Command(BaseCommand):
    help = (
        "Crea una llave de API para una institución (escritura por API). "
        "La llave se imprime en la última línea y no se vuelve a mostrar."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--organization", required=True, help="Identificador (slug) de la institución"
        )
        parser.add_argument("--name", default="", help="Para qué sistema es la llave")

    def handle(self, *args: object, organization: str, name: str, **options: object) -> None:
        found = Organization.objects.filter(slug=organization).first()
        if found is None:
            raise CommandError(f"No existe la organización «{organization}».")
        key, raw = api_key_create(organization=found, name=name)
        created = f"Llave creada para {found.name} (prefijo {key.prefix})."
        self.stdout.write(f"{created} Guárdala: no se mostrará otra vez.")
        self.stdout.write(raw)
