"""Seeds the theme catalogue (17 themes of the 2020 local-exercise figures) and the 17 SDGs."""

import json
from pathlib import Path

from django.db import migrations
from django.utils.text import slugify

CATALOGUES = Path(__file__).resolve().parent.parent / "data" / "catalogues.json"


def seed(apps, schema_editor):
    Theme = apps.get_model("plans", "Theme")
    Goal = apps.get_model("plans", "SustainableDevelopmentGoal")
    data = json.loads(CATALOGUES.read_text(encoding="utf-8"))
    for name in data["themes"]:
        Theme.objects.get_or_create(slug=slugify(name), defaults={"name": name})
    for goal in data["sdgs"]:
        Goal.objects.update_or_create(number=goal["number"], defaults={"name": goal["name"]})


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
