from typing import Any

from django.core.management.base import BaseCommand

from cocrea.opendata import bulk, services


class Command(BaseCommand):
    help = "Actualiza los conjuntos de datos de la plataforma y genera /datos/abiertos.zip."

    def handle(self, *args: Any, **options: Any) -> None:
        count = services.platform_datasets_sync()
        path = bulk.build()
        self.stdout.write(f"{count} conjuntos de la plataforma; paquete en {path}")
