import time

from django.core.management.base import BaseCommand

from cocrea.monitoring.services import checks_run_all


class Command(BaseCommand):
    help = "Evalúa las reglas de consistencia de todos los compromisos (para correr cada noche)."

    def handle(self, *args: object, **options: object) -> None:
        start = time.monotonic()
        checked, found = checks_run_all()
        seconds = time.monotonic() - start
        self.stdout.write(
            f"{checked} compromisos revisados, {found} inconsistencias abiertas ({seconds:.1f} s)."
        )
