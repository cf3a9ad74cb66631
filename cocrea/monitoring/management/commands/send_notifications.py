from django.core.management.base import BaseCommand, CommandParser

from cocrea.monitoring.notifications import notifications_send


class Command(BaseCommand):
    help = "Envía los avisos en cola (lo corre el proceso de fondo, nunca una petición web)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--limit", type=int, default=1000)

    def handle(self, *args: object, limit: int, **options: object) -> None:
        self.stdout.write(f"{notifications_send(limit=limit)} avisos enviados.")
