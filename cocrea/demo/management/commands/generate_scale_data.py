import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction
from tqdm import tqdm

from cocrea.demo import scale


class Command(BaseCommand):
    help = (
        "Genera datos sintéticos (etiquetados «sintético») a escala pequeña o nacional: "
        "ejercicios, planes, compromisos, hitos, propuestas, apoyos, comentarios, reportes y "
        "conjuntos de datos. Necesita PostgreSQL. Si ya existen, los reutiliza."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", choices=sorted(scale.SCALES), default="small")

    def handle(self, *args: Any, **options: Any) -> None:
        if connection.vendor != "postgresql":
            raise CommandError(
                "generate_scale_data escribe millones de renglones con SQL de PostgreSQL "
                "(generate_series): use DATABASE_URL=postgres://…"
            )
        if scale.exists():
            self.stdout.write("Los datos sintéticos ya existen: se reutilizan.")
            return
        chosen = scale.SCALES[options["scale"]]
        start = time.monotonic()
        state: dict[str, Any] = {}
        steps = scale.steps(chosen)
        with transaction.atomic():
            bar = tqdm(steps, desc="datos sintéticos", unit="paso", file=self.stderr)
            for label, step in bar:
                bar.set_postfix_str(label)
                step(state)
        if not connection.in_atomic_block:  # VACUUM cannot run in a transaction (e.g. a test's)
            with connection.cursor() as cursor:
                # The visibility map lets indexes answer alone (index-only scans).
                cursor.execute("VACUUM ANALYZE")
        took = time.monotonic() - start
        self.stdout.write(f"Datos sintéticos ({options['scale']}) generados en {took:.0f} s.")
