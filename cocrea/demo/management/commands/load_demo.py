from django.core.management.base import BaseCommand

from cocrea.demo.services import demo_load


class Command(BaseCommand):
    help = "Carga los datos de demostración tomados de las fuentes (idempotente)."

    def handle(self, *args: object, **options: object) -> None:
        counts = demo_load()
        summary = ", ".join(f"{name}: {n}" for name, n in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Datos de demostración cargados ({summary})."))
