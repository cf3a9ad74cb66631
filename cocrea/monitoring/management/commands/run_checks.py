import time

from django.core.management.base import BaseCommand
from django.utils.translation import ngettext

from cocrea.monitoring.services import checks_run_all


class Command(BaseCommand):
    help = "Evalúa las reglas de consistencia de todos los compromisos (para correr cada noche)."

    def handle(self, *args: object, **options: object) -> None:
        start = time.monotonic()
        checked, found = checks_run_all()
        seconds = time.monotonic() - start
        revised = ngettext("%(n)s compromiso revisado", "%(n)s compromisos revisados", checked) % {
            "n": checked
        }
        opened = ngettext(
            "%(n)s inconsistencia abierta", "%(n)s inconsistencias abiertas", found
        ) % {"n": found}
        self.stdout.write(f"{revised}, {opened} ({seconds:.1f} s).")
