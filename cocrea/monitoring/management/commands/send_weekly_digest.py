from django.core.management.base import BaseCommand

from cocrea.monitoring.notifications import notifications_send, weekly_digest_queue


class Command(BaseCommand):
    help = "Pone en cola el resumen semanal de quienes siguen compromisos y envía la cola."

    def handle(self, *args: object, **options: object) -> None:
        queued = weekly_digest_queue()
        self.stdout.write(f"{queued} resúmenes en cola; {notifications_send()} avisos enviados.")
