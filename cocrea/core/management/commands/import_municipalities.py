import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cocrea.core.services import ImportRejected, municipalities_import


class Command(BaseCommand):
    help = "Importa municipios desde un CSV de INEGI (CVE_ENT, CVE_MUN, NOM_MUN): todo o nada."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="Ruta del archivo CSV")

    def handle(self, *args: object, path: Path, **options: object) -> None:
        try:
            with path.open("rb") as stream:
                result = municipalities_import(stream=stream, actor=None)
        except OSError as unreadable:
            message = f"No se pudo leer {path}: {unreadable.strerror}"
            raise CommandError(message) from unreadable
        except ImportRejected as rejected:
            for error in rejected.errors:
                self.stderr.write(str(error))
            self.stderr.write(f"No se importó nada ({len(rejected.errors)} errores).")
            sys.exit(1)
        self.stdout.write(f"{result.created} nuevos, {result.updated} actualizados.")
