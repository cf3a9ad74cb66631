"""Themes of the open-data portal and the platform's own datasets (always current, real data)."""

from cocrea.demo.loader import upsert
from cocrea.opendata.models import Dataset, Group
from cocrea.opendata.services import platform_datasets_sync

GROUPS = {
    "gobierno-abierto": ("Gobierno abierto", "Planes de acción, compromisos y su seguimiento."),
    "participacion": ("Participación ciudadana", "Consultas, propuestas y mesas de trabajo."),
    "servicios-publicos": ("Servicios públicos", "Reportes ciudadanos y su atención."),
    "obra-publica": ("Obra pública", "Obras y su contraloría social."),
}
THEMES = {
    "ejercicios": "gobierno-abierto",
    "sesiones-secretariado": "gobierno-abierto",
    "planes": "gobierno-abierto",
    "compromisos": "gobierno-abierto",
    "hitos": "gobierno-abierto",
    "reportes-de-avance": "gobierno-abierto",
    "evaluaciones": "gobierno-abierto",
    "resultados-de-consultas": "participacion",
    "reportes-ciudadanos": "servicios-publicos",
    "obras-publicas": "obra-publica",
}


def load_open_data() -> None:
    groups = {
        name: upsert(Group, {"name": name}, {"title": title, "description": description})
        for name, (title, description) in GROUPS.items()
    }
    platform_datasets_sync()
    for dataset in Dataset.objects.exclude(source=""):
        dataset.groups.set([groups[THEMES[dataset.source]]])
