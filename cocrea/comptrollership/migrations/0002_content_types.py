"""The moved models' content types follow them from reports to comptrollership, so that their
permissions (and the groups given them), admin log entries and history keep pointing at them."""

from django.db import migrations

MOVED = [
    'publicwork',
    'committee',
    'inspection',
    'reportedcomptrollership',
    'historicalpublicwork',
    'historicalcommittee',
    'historicalinspection',
]


def _relabel(apps, schema_editor, source, target):
    ContentType = apps.get_model('contenttypes', 'ContentType')
    db = schema_editor.connection.alias
    types = ContentType.objects.using(db)
    # A content type the target app already has (created by a later `migrate`) is left alone;
    # `remove_stale_contenttypes` clears the old one.
    taken = set(types.filter(app_label=target, model__in=MOVED).values_list('model', flat=True))
    types.filter(app_label=source, model__in=MOVED).exclude(model__in=taken).update(
        app_label=target
    )


def forwards(apps, schema_editor):
    _relabel(apps, schema_editor, 'reports', 'comptrollership')


def backwards(apps, schema_editor):
    _relabel(apps, schema_editor, 'comptrollership', 'reports')


class Migration(migrations.Migration):

    dependencies = [
        ('comptrollership', '0001_initial'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('reports', '0006_comptrollership_moves_out'),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
