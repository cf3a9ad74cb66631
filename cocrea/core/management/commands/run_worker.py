from typing import Any

from apscheduler.schedulers.blocking import BlockingScheduler
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from cocrea.core import worker
from cocrea.core.capabilities import jobs


class Command(BaseCommand):
    help = (
        "Proceso de fondo: envía avisos, genera la descarga masiva de datos abiertos, corre las "
        "reglas de consistencia cada noche y el resumen semanal. Puede haber varios: cada tarea "
        "la corre uno a la vez."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--list", action="store_true", help="Muestra el calendario y sale.")
        parser.add_argument("--once", metavar="TAREA", help="Corre una tarea ahora y sale.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["list"]:
            for job in jobs():
                self.stdout.write(f"{job.command}: {job.trigger} {job.schedule} — {job.why}")
            return
        if options["once"]:
            chosen = [job for job in jobs() if job.command == options["once"]]
            if not chosen:
                names = ", ".join(job.command for job in jobs())
                raise CommandError(f"Tarea desconocida: {options['once']}. Tareas: {names}.")
            if not worker.run(chosen[0]):
                raise CommandError(f"{options['once']} no corrió (otro proceso la tiene o falló).")
            return
        scheduler = BlockingScheduler(timezone=settings.TIME_ZONE)
        for job in jobs():
            scheduler.add_job(
                worker.run, job.trigger, args=[job], id=job.command, coalesce=True,
                max_instances=1, misfire_grace_time=300, **job.schedule,
            )  # fmt: skip
        self.stdout.write("Trabajador en marcha; Ctrl-C para detenerlo.")
        scheduler.start()
