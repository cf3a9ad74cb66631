from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import ngettext

from cocrea.reports.filing import filing_photos_purge


class Command(BaseCommand):
    help = "Borra las fotos de reportes que se empezaron y no se enviaron (más de dos días)."

    def handle(self, *args: Any, **options: Any) -> None:
        deleted = filing_photos_purge()
        self.stdout.write(ngettext("%d foto borrada", "%d fotos borradas", deleted) % deleted)
