"""The table of the shared "stats" cache (settings.CACHES), created as ``createcachetable`` does.

A migration rather than a deployment step, so that every database that is migrated has it.
``createcachetable`` skips tables that already exist; the test runner calls it as well.
"""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("stats", "0001_initial")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
