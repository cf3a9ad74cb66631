"""The site's name in allauth's e-mails ("Te escribimos de Cocrea"), not Django's example.com."""

from django.db import migrations


def name_site(apps, schema_editor):
    site_model = apps.get_model("sites", "Site")
    # On a new database the sites app creates its example.com only after every migration, and
    # only when no site exists yet: creating ours first keeps that one from appearing.
    if not site_model.objects.exists():
        site_model.objects.create(pk=1, domain="localhost", name="Cocrea")
    site_model.objects.filter(pk=1, name="example.com").update(name="Cocrea")


def unname_site(apps, schema_editor):
    site_model = apps.get_model("sites", "Site")
    site_model.objects.filter(pk=1, name="Cocrea").update(name="example.com")


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0005_organization_admin_role"),
        ("sites", "0002_alter_domain_unique"),
    ]

    operations = [migrations.RunPython(name_site, unname_site)]
