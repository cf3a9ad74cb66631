"""The moved models' content types follow them from reports to comptrollership, so that their
permissions (and the groups given them), admin log entries and history keep pointing at them."""

from django.conf import settings
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
    for model in MOVED:
        kept = ContentType.objects.using(db).filter(app_label=source, model=model).first()
        if kept is None:
            continue
        fresh = ContentType.objects.using(db).filter(app_label=target, model=model).first()
        if fresh is not None:
            # A `migrate` run in between (say, back and forth) made an empty one for the
            # target: its grants and log entries join the kept one, which keeps its id.
            _merge_into(apps, db, fresh=fresh, kept=kept)
        kept.app_label = target
        kept.save(update_fields=['app_label'])


def _merge_into(apps, db, *, fresh, kept):
    Permission = apps.get_model('auth', 'Permission')
    Group = apps.get_model('auth', 'Group')
    User = apps.get_model(settings.AUTH_USER_MODEL)
    LogEntry = apps.get_model('admin', 'LogEntry')
    kept_perms = {p.codename: p for p in Permission.objects.using(db).filter(content_type=kept)}
    throughs = (Group.permissions.through, User.user_permissions.through)
    for perm in Permission.objects.using(db).filter(content_type=fresh):
        same = kept_perms.get(perm.codename)
        if same is None:
            perm.content_type = kept
            perm.save(update_fields=['content_type'])
            continue
        for through in throughs:
            owner = next(f.name for f in through._meta.fields if f.name not in ('id', 'permission'))
            for row in through.objects.using(db).filter(permission=perm):
                through.objects.using(db).get_or_create(
                    **{owner: getattr(row, owner), 'permission': same}
                )
    LogEntry.objects.using(db).filter(content_type=fresh).update(content_type=kept)
    fresh.delete()  # with the permissions left on it, whose grants now point at the kept ones


def forwards(apps, schema_editor):
    _relabel(apps, schema_editor, 'reports', 'comptrollership')


def backwards(apps, schema_editor):
    _relabel(apps, schema_editor, 'comptrollership', 'reports')


class Migration(migrations.Migration):

    dependencies = [
        ('comptrollership', '0001_initial'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('auth', '0012_alter_user_first_name_max_length'),
        ('admin', '0003_logentry_add_action_flag_choices'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ('reports', '0006_comptrollership_moves_out'),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
