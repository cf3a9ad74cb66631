from django.core.management.base import BaseCommand

from cocrea.requests import timeline_services


class Command(BaseCommand):
    help = (
        "Recalcula los plazos de las solicitudes abiertas con los días inhábiles y las "
        "suspensiones vigentes (lo corre el proceso de fondo cada noche)."
    )

    def handle(self, *args: object, **options: object) -> None:
        changed = timeline_services.clocks_recompute_all()
        self.stdout.write(f"{changed} solicitudes con plazos recalculados.")
