"""Themes of the open-data portal and the platform's own datasets (always current, real data)."""

from cocrea.core.capabilities import open_table
from cocrea.core.demo import upsert
from cocrea.opendata.models import Dataset, Group
from cocrea.opendata.services import platform_datasets_sync

GROUPS = {
    "gobierno-abierto": ("Gobierno abierto", "Planes de acción, compromisos y su seguimiento."),
    "participacion": ("Participación ciudadana", "Consultas, propuestas y mesas de trabajo."),
    "servicios-publicos": ("Servicios públicos", "Reportes ciudadanos y su atención."),
    "obra-publica": ("Obra pública", "Obras y su contraloría social."),
}


def load() -> None:
    groups = {
        name: upsert(Group, {"name": name}, {"title": title, "description": description})
        for name, (title, description) in GROUPS.items()
    }
    platform_datasets_sync()
    for dataset in Dataset.objects.exclude(source=""):
        table = open_table(dataset.source)
        theme = groups.get(table.theme) if table else None
        dataset.groups.set([theme] if theme else [])
