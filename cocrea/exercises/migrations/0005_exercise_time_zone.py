from django.db import migrations, models

ZONES = [
    ("America/Mexico_City", "Tiempo del centro (Ciudad de México)"),
    ("America/Cancun", "Tiempo del sureste (Quintana Roo)"),
    ("America/Mazatlan", "Tiempo del Pacífico (Baja California Sur, Sinaloa, Nayarit)"),
    ("America/Hermosillo", "Tiempo del Pacífico sin horario de verano (Sonora)"),
    ("America/Tijuana", "Tiempo del noroeste (Baja California)"),
    ("America/Chihuahua", "Tiempo del centro (Chihuahua)"),
    ("America/Ciudad_Juarez", "Tiempo de la frontera norte (Ciudad Juárez)"),
]
STATE_TIME_ZONES = {
    "02": "America/Tijuana",
    "03": "America/Mazatlan",
    "08": "America/Chihuahua",
    "18": "America/Mazatlan",
    "23": "America/Cancun",
    "25": "America/Mazatlan",
    "26": "America/Hermosillo",
}


def zone_by_state(apps, schema_editor):
    Exercise = apps.get_model("exercises", "Exercise")
    for exercise in Exercise.objects.select_related("territory"):
        zone = STATE_TIME_ZONES.get(exercise.territory.inegi_code[:2])
        if zone:
            Exercise.objects.filter(pk=exercise.pk).update(time_zone=zone)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("exercises", "0004_secretariatmember_account"),
    ]

    operations = [
        migrations.AddField(
            model_name="exercise",
            name="time_zone",
            field=models.CharField(
                choices=ZONES,
                default="America/Mexico_City",
                help_text="Las fechas y horas del ejercicio se muestran en esta zona.",
                max_length=40,
                verbose_name="zona horaria",
            ),
        ),
        migrations.AddField(
            model_name="historicalexercise",
            name="time_zone",
            field=models.CharField(
                choices=ZONES,
                default="America/Mexico_City",
                help_text="Las fechas y horas del ejercicio se muestran en esta zona.",
                max_length=40,
                verbose_name="zona horaria",
            ),
        ),
        migrations.RunPython(zone_by_state, migrations.RunPython.noop),
    ]
