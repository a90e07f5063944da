"""Least-privilege database roles (issue 21; README, "Database roles").

Two roles in every setup:

* the **owner** (``DATABASE_MIGRATE_URL``; embedded: ``infopoint_owner``) runs ``migrate``, owns
  every table, sequence and function, and makes backups and restores;
* the **app** (``DATABASE_URL``; embedded: ``infopoint_app``) is what the running Infopoint
  connects as: LOGIN, no superuser, owns nothing, may not CREATE in the schema.

Design: ``DATABASES`` has one alias, ``default``, with the app's credentials. ``settings.DATABASE_OWNER``
holds the owner's. ``manage.py migrate`` (infopoint/management/commands/migrate.py) runs as the
owner: ``as_owner()`` swaps the credentials of the ``default`` connection for the length of the
command (so migrations, RunPython and post_migrate handlers all write as the owner), then
``grant_app_privileges()`` grants the app role what it needs, as the owner. ``flush``, ``backup``
and ``restore`` do the same. One alias keeps every other part of Django unaware of the roles
(ATOMIC_REQUESTS, health checks, the test database's name).

What the app role gets (``grant_sql``):

* SELECT, INSERT, UPDATE, DELETE on every table, except:
* ``auditlog_logentry``, ``openarea_receipt``, ``openarea_receiptdocument``: SELECT and INSERT
  only; two column grants for Django's ``on_delete=SET_NULL``, both held in check by the row
  triggers: UPDATE of ``openarea_receipt.visit_id`` (a deleted contact, the erasure's
  unlinking; the trigger of openarea 0003/0007 lets only ``visit_id`` → NULL through) and of
  ``auditlog_logentry.actor_id`` (deleting a staff account; the trigger refuses every UPDATE of
  an entry, so only accounts without entries can go);
* ``openarea_receiptcounter``: SELECT only; numbers come from ``openarea_receipt_draw_number()``;
* ``infopoint_retention_period`` and ``django_migrations``: SELECT only;
* USAGE and SELECT on sequences (never UPDATE: no ``setval``); EXECUTE on the three functions.

TRUNCATE, REFERENCES and TRIGGER are never granted; DDL is impossible because the app owns
nothing and may not CREATE in the schema. Default privileges make tables the owner creates
later follow the general rule; the protected tables are named here and revoked again after
every migrate.

This module must not import Django at module level: the embedded server's start uses it.
"""

from __future__ import annotations

import contextlib
import re

# Tables whose rows the app may only add and read.
INSERT_ONLY_TABLES = ("auditlog_logentry", "openarea_receipt", "openarea_receiptdocument")
READ_ONLY_TABLES = ("openarea_receiptcounter", "infopoint_retention_period", "django_migrations")
# BEFORE TRUNCATE triggers (infopoint migration 0006) on these: a second line behind the privileges.
TRUNCATE_PROTECTED_TABLES = (*INSERT_ONLY_TABLES, "openarea_receiptcounter")
APP_FUNCTIONS = (
    "openarea_receipt_draw_number(text, integer)",
    "openarea_receipt_anonymise(bigint, timestamptz)",
    "infopoint_audit_log_expire(timestamptz)",
)

# Called by the triggers, as the caller: harmless, executable by the app.
HELPER_FUNCTIONS = ("infopoint_is_owner_session()", "infopoint_audit_log_cutoff()", "openarea_receipt_cutoff()")


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _identifier(name: str) -> str:
    """A role name as it may appear in SQL text; anything unusual is refused, not quoted."""
    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", name):
        raise ValueError(f"unusual role name {name!r}: use lower-case letters, digits and _")
    return name


def embedded_role_sql(owner: str, app: str) -> list[str]:
    """Create both roles on the embedded server, idempotently (run as the superuser)."""
    owner, app = _identifier(owner), _identifier(app)
    return [
        f"""DO $$ BEGIN
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{owner}') THEN
                CREATE ROLE {_quote(owner)} LOGIN CREATEDB;
            END IF;
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{app}') THEN
                CREATE ROLE {_quote(app)} LOGIN;
            END IF;
        END $$""",  # noqa: S608 - checked identifiers
        f"ALTER ROLE {_quote(owner)} LOGIN CREATEDB NOSUPERUSER NOCREATEROLE NOREPLICATION NOBYPASSRLS",
        f"ALTER ROLE {_quote(app)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS",
    ]


def hand_over_sql(conn, database: str, owner: str) -> list[str]:
    """Statements that give ``owner`` the database and everything in its public schema (run as superuser)."""
    statements = [f"ALTER DATABASE {_quote(database)} OWNER TO {_quote(owner)}"]
    rows = conn.execute(
        """
        SELECT CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                              ELSE 'TABLE' END, c.relname
          FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
           AND pg_get_userbyid(c.relowner) <> %s
           AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i')))
        """,
        [owner],
    ).fetchall()
    statements += [f"ALTER {kind} public.{_quote(name)} OWNER TO {_quote(owner)}" for kind, name in rows]
    functions = conn.execute(
        """
        SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
         WHERE n.nspname = 'public' AND pg_get_userbyid(p.proowner) <> %s
        """,
        [owner],
    ).fetchall()
    statements += [f"ALTER FUNCTION {signature} OWNER TO {_quote(owner)}" for (signature,) in functions]
    return statements


def grant_sql(app: str, owner: str, *, tables: set[str] | None = None, functions: set[str] | None = None) -> list[str]:
    """The app role's privileges, granted by the owner after every migrate (idempotent).

    ``tables`` / ``functions``: those that exist (a partial migrate may not have made all)."""
    app_q, owner_q = _quote(app), _quote(owner)
    statements = [
        f"REVOKE CREATE ON SCHEMA public FROM PUBLIC, {app_q}",
        f"GRANT USAGE ON SCHEMA public TO {app_q}",
        f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {app_q}",
        f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {app_q}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {app_q}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {app_q}",
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner_q} IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {app_q}",
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner_q} IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO {app_q}",
        # Functions stay executable by PUBLIC (PostgreSQL's default): the helpers the triggers
        # call run as the caller. The SECURITY DEFINER ones are revoked from PUBLIC below.
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner_q} GRANT EXECUTE ON FUNCTIONS TO PUBLIC",
    ]
    for table in INSERT_ONLY_TABLES:
        if tables is None or table in tables:
            statements.append(f"REVOKE UPDATE, DELETE ON public.{table} FROM {app_q}")
    if tables is None or "openarea_receipt" in tables:
        statements.append(f"GRANT UPDATE (visit_id) ON public.openarea_receipt TO {app_q}")
    if tables is None or "auditlog_logentry" in tables:
        # Deleting a staff account makes Django run UPDATE … SET actor_id = NULL, even for no
        # rows; the row trigger refuses it for every existing entry (an account named in the
        # log is deactivated instead), so the column grant changes no entry.
        statements.append(f"GRANT UPDATE (actor_id) ON public.auditlog_logentry TO {app_q}")
    for table in READ_ONLY_TABLES:
        if tables is None or table in tables:
            statements.append(f"REVOKE INSERT, UPDATE, DELETE ON public.{table} FROM {app_q}")
    for function in HELPER_FUNCTIONS:
        if functions is None or function in functions:
            statements.append(f"GRANT EXECUTE ON FUNCTION public.{function} TO {app_q}")
    for function in APP_FUNCTIONS:
        if functions is not None and function not in functions:
            continue
        statements.append(f"REVOKE ALL ON FUNCTION public.{function} FROM PUBLIC")
        statements.append(f"GRANT EXECUTE ON FUNCTION public.{function} TO {app_q}")
    return statements


def retention_sql(*, receipt_years: int, audit_log_days: int) -> list[tuple[str, list]]:
    """The retention periods the SECURITY DEFINER functions read (only the owner writes them)."""
    upsert = (
        "INSERT INTO infopoint_retention_period (name, value) VALUES (%s, %s) "
        "ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value"
    )
    return [(upsert, ["receipt_years", receipt_years]), (upsert, ["audit_log_days", audit_log_days])]


# --- Django side ---------------------------------------------------------------------------


def owner_credentials() -> dict:
    from django.conf import settings  # noqa: PLC0415

    return dict(settings.DATABASE_OWNER)


def roles_are_separate() -> bool:
    owner = owner_credentials()
    return bool(owner.get("USER")) and owner["USER"] != app_user()


@contextlib.contextmanager
def as_owner(alias: str = "default"):
    """Let the ``alias`` connection of this process connect as the owner until the block ends.

    The connection is closed before and after, so nothing of the app's session carries over.
    Only for management commands and test set-up: other threads using the alias meanwhile
    would connect as the owner too."""
    from django.db import connections  # noqa: PLC0415

    connection = connections[alias]
    owner = {key: value for key, value in owner_credentials().items() if value not in (None, "")}
    if not owner:
        yield connection
        return
    saved = {key: connection.settings_dict.get(key) for key in owner}
    if saved == owner:  # already the owner (a test marked db_owner, a single-URL setup)
        yield connection
        return
    if connection.in_atomic_block:
        raise RuntimeError("as_owner() cannot switch a connection inside a transaction")
    connection.close()
    connection.settings_dict.update(owner)
    try:
        yield connection
    finally:
        connection.close()
        connection.settings_dict.update(saved)


def app_user() -> str:
    """The role the app connects as (read before ``as_owner()`` swaps the credentials)."""
    from django.conf import settings  # noqa: PLC0415

    return settings.DATABASE_APP_USER


def grant_app_privileges(connection, app: str) -> list[str]:
    """Run as the owner after migrate: retention periods and the app role's privileges."""
    from django.conf import settings  # noqa: PLC0415

    done = []
    tables = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        if "infopoint_retention_period" in tables:
            for statement, params in retention_sql(
                receipt_years=settings.INFOPOINT_RETENTION_RECEIPT_YEARS, audit_log_days=settings.INFOPOINT_LOG_RETENTION_DAYS
            ):
                cursor.execute(statement, params)
        cursor.execute("SELECT current_user")
        (owner,) = cursor.fetchone()
        if not app or app == owner:
            return done
        functions = set()
        for function in (*APP_FUNCTIONS, *HELPER_FUNCTIONS):
            cursor.execute("SELECT to_regprocedure(%s) IS NOT NULL", [f"public.{function}"])
            if cursor.fetchone()[0]:
                functions.add(function)
        for statement in grant_sql(app, owner, tables=tables, functions=functions):
            cursor.execute(statement)
            done.append(statement)
    return done
