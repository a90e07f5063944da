from django.db import migrations

from infopoint.lib.opening_hours import seed_concept_hours


def seed(apps, schema_editor):
    seed_concept_hours(apps.get_model("infopoint", "OpeningPeriod"))


class Migration(migrations.Migration):
    dependencies = [("infopoint", "0002_opening_hours")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
