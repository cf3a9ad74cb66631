"""Social comptrollership is its own app now (comptrollership's 0001): reports forgets its models
and points a complaint's work and an inspection photo's sheet at the models there.

State only: the tables, their rows and their foreign keys stay as they are.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('comptrollership', '0001_initial'),
        ('reports', '0005_photo_cleaned'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='report',
                    name='public_work',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='complaints', to='comptrollership.publicwork', verbose_name='obra pública (queja)'),
                ),
                migrations.AlterField(
                    model_name='photo',
                    name='inspection',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='photos', to='comptrollership.inspection'),
                ),
                migrations.AlterField(
                    model_name='historicalphoto',
                    name='inspection',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='comptrollership.inspection'),
                ),
                migrations.DeleteModel(name='HistoricalInspection'),
                migrations.DeleteModel(name='HistoricalCommittee'),
                migrations.DeleteModel(name='HistoricalPublicWork'),
                migrations.DeleteModel(name='Inspection'),
                migrations.DeleteModel(name='Committee'),
                migrations.DeleteModel(name='PublicWork'),
                migrations.DeleteModel(name='ReportedComptrollership'),
            ],
            database_operations=[],
        ),
    ]
