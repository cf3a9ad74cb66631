"""Ships the national level and the 32 states (INEGI and ISO 3166-2:MX) with the code."""

import json
from pathlib import Path

from django.db import migrations
from django.utils.text import slugify

CATALOGUE = Path(__file__).resolve().parent.parent / "data" / "entidades_federativas.json"


def load_states(apps, schema_editor):
    Territory = apps.get_model("core", "Territory")
    nation, _ = Territory.objects.update_or_create(
        inegi_code="00",
        defaults={"level": "national", "name": "México", "official_name": "Estados Unidos Mexicanos",
                  "iso_code": "MX", "slug": "mexico", "parent": None},
    )
    for item in json.loads(CATALOGUE.read_text(encoding="utf-8"))["items"]:
        Territory.objects.update_or_create(
            inegi_code=item["clave_inegi"],
            defaults={"level": "state", "name": item["nombre"],
                      "official_name": item.get("nombre_oficial", ""), "iso_code": item["iso"],
                      "slug": slugify(item["nombre"]), "parent": nation},
        )


def unload_states(apps, schema_editor):
    Territory = apps.get_model("core", "Territory")
    Territory.objects.filter(level="state", children__isnull=True).delete()
    Territory.objects.filter(level="national", children__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(load_states, unload_states)]
