from django.core.management.base import BaseCommand

from cocrea.lawmaking import notices


class Command(BaseCommand):
    help = (
        "Pone en cola los avisos de las fases de procesos legislativos que empezaron "
        "(lo corre el proceso de fondo; correrlo dos veces no repite avisos)."
    )

    def handle(self, *args: object, **options: object) -> None:
        self.stdout.write(f"{notices.phases_queue()} avisos de fases en cola.")
