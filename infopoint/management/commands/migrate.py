"""manage.py migrate, as the owner role, then the app role's privileges (issue 21).

Django's own migrate runs unchanged, but with the credentials of ``DATABASE_MIGRATE_URL`` (the
embedded server: ``infopoint_owner``) on the ``default`` connection, so migrations, their
RunPython steps and the post_migrate handlers all act as the owner and the owner owns what
they create. Afterwards, still as the owner, ``infopoint.lib.db_roles.grant_app_privileges``
writes the retention periods the database functions read and grants the app role exactly what
it needs (README, "Database roles"). Running it again changes nothing.
"""

from django.core.management.commands.migrate import Command as DjangoMigrate
from django.db import connections

from infopoint.lib import db_roles


class Command(DjangoMigrate):
    help = DjangoMigrate.help + " Runs as the owner role (DATABASE_MIGRATE_URL) and grants the app role its privileges."

    def handle(self, *args, **options):
        database = options["database"]
        app = db_roles.app_user()
        with db_roles.as_owner(database):
            super().handle(*args, **options)
            if not options.get("plan") and not options.get("check_unapplied"):
                granted = db_roles.grant_app_privileges(connections[database], app)
                if options["verbosity"] >= 1 and granted:
                    self.stdout.write(f"  Privileges of the app role {app!r} granted ({len(granted)} statements).")
