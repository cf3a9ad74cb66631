from typing import Any

from django.core.management.base import BaseCommand

from cocrea.reports.photos import photos_clean_pending


class Command(BaseCommand):
    help = "Limpia las fotos recibidas por Open311 (sin metadatos) y borra los originales."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{photos_clean_pending()} fotos procesadas")
