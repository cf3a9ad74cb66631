import signal
import threading
from types import FrameType
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from cocrea.requests.mail_server import mail_controller


class Command(BaseCommand):
    help = (
        "Recibe por SMTP las respuestas de las instituciones a las solicitudes de información "
        "(las direcciones solicitud-<id>-<clave>@REQUESTS_MAIL_DOMAIN). Ver "
        "cocrea/requests/mail_server.py para ponerlo en producción."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--host",
            default=settings.REQUESTS_SMTP_HOST,
            help="Dirección donde escucha (REQUESTS_SMTP_HOST; 127.0.0.1 si no se dice).",
        )
        parser.add_argument(
            "--port",
            type=int,
            default=settings.REQUESTS_SMTP_PORT,
            help="Puerto (REQUESTS_SMTP_PORT; 8025 si no se dice).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        stop = threading.Event()

        def _stop(signum: int, frame: FrameType | None) -> None:
            stop.set()

        signal.signal(signal.SIGTERM, _stop)
        controller = mail_controller(host=options["host"], port=options["port"])
        controller.start()
        self.stdout.write(
            f"Recibiendo correo para @{settings.REQUESTS_MAIL_DOMAIN} en "
            f"{options['host']}:{options['port']}; Ctrl-C para detenerlo."
        )
        try:
            stop.wait()
        except KeyboardInterrupt:
            pass
        finally:
            controller.stop()
            self.stdout.write("Receptor de correo detenido.")
