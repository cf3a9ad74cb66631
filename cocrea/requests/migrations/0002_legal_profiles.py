"""Ships the legal timeline's defaults (data/legal_profiles.json): the general law's terms and
Jalisco's response term. A copy of `timeline_services.profiles_load_defaults`' loop, kept here
because a migration must not import app code that may change."""

import datetime as dt
import json
from pathlib import Path

from django.db import migrations

DEFAULTS = Path(__file__).resolve().parent.parent / "data" / "legal_profiles.json"


def _profiles():
    return json.loads(DEFAULTS.read_text(encoding="utf-8"))["profiles"]


def _territory(Territory, iso):
    if not iso:
        return None, True
    territory = Territory.objects.filter(iso_code=iso).first()
    return territory, territory is not None


def load_profiles(apps, schema_editor):
    Territory = apps.get_model("core", "Territory")
    LegalProfile = apps.get_model("requests", "LegalProfile")
    LegalTerm = apps.get_model("requests", "LegalTerm")
    for item in _profiles():
        territory, found = _territory(Territory, item["territory_iso"])
        if not found:
            continue  # the state is not loaded yet: `load_legal_profiles` adds it later
        since = item["in_force_since"]
        profile, _ = LegalProfile.objects.get_or_create(
            territory=territory,
            defaults={
                "law_name": item["law_name"],
                "law_url": item["law_url"],
                "in_force_since": dt.date.fromisoformat(since) if since else None,
                "notes": item["notes"],
            },
        )
        for term in item["terms"]:
            LegalTerm.objects.get_or_create(
                profile=profile,
                step=term["step"],
                defaults={
                    key: term[key] for key in ("working_days", "article", "quote", "is_verified")
                },
            )


def unload_profiles(apps, schema_editor):
    LegalProfile = apps.get_model("requests", "LegalProfile")
    InformationRequest = apps.get_model("requests", "InformationRequest")
    TransparencyUnit = apps.get_model("requests", "TransparencyUnit")
    names = [item["law_name"] for item in _profiles()]
    used = set(InformationRequest.objects.values_list("profile_id", flat=True))
    used |= set(TransparencyUnit.objects.values_list("profile_id", flat=True))
    LegalProfile.objects.filter(law_name__in=names).exclude(pk__in=used).delete()


class Migration(migrations.Migration):
    dependencies = [("requests", "0001_initial")]
    operations = [migrations.RunPython(load_profiles, unload_profiles)]
