"""manage.py flush, as the owner role, past the TRUNCATE triggers (issue 21; used by the tests).

Django empties the tables with TRUNCATE. The app role may not; and the BEFORE TRUNCATE triggers
of infopoint migration 0006 refuse it for everyone. Only here, as the owner and inside one
transaction, they are disabled for the flush and enabled again before the commit.
"""

from django.core.management.commands.flush import Command as DjangoFlush
from django.db import connections, transaction

from infopoint.lib import db_roles

TRUNCATE_TRIGGERS = {table: f"{table}_no_truncate" for table in db_roles.TRUNCATE_PROTECTED_TABLES}


class Command(DjangoFlush):
    def handle(self, **options):
        database = options["database"]
        with db_roles.as_owner(database):
            connection = connections[database]
            with connection.cursor() as cursor:
                cursor.execute("SELECT tgname FROM pg_trigger WHERE tgname = ANY(%s)", [list(TRUNCATE_TRIGGERS.values())])
                present = {row[0] for row in cursor.fetchall()}
            triggers = {table: name for table, name in TRUNCATE_TRIGGERS.items() if name in present}
            with transaction.atomic(using=database):
                with connection.cursor() as cursor:
                    for table, name in triggers.items():
                        cursor.execute(f'ALTER TABLE "{table}" DISABLE TRIGGER "{name}"')  # constants
                super().handle(**options)
                with connection.cursor() as cursor:
                    for table, name in triggers.items():
                        cursor.execute(f'ALTER TABLE "{table}" ENABLE TRIGGER "{name}"')  # constants
