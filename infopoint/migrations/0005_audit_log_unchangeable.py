"""Audit-log entries cannot be changed or deleted, not even below the application (issue 10).

A PostgreSQL trigger on ``auditlog_logentry`` refuses every UPDATE and DELETE, with exactly one
exception: the retention job (``infopoint/retention.py``) deleting entries older than the
configured period. It announces itself for its own transaction only with
``set_config('infopoint.audit_retention_before', <cut-off>, true)``; the trigger then lets a
DELETE through for entries older than that cut-off and for nothing else.

``LogEntry.actor`` is ``on_delete=SET_NULL``: deleting a staff account that has entries would
blank who did what, so that UPDATE is refused too. Staff accounts are deactivated instead; the
admin says so before anyone tries (infopoint/admin.py). Once the retention has removed all of
an account's entries it can be deleted.
"""

from django.db import migrations

UNCHANGEABLE_SQL = """
CREATE OR REPLACE FUNCTION infopoint_auditlog_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    retention_before text := current_setting('infopoint.audit_retention_before', true);
BEGIN
    IF TG_OP = 'DELETE' AND coalesce(retention_before, '') <> ''
       AND OLD."timestamp" < retention_before::timestamptz THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit log entries are unchangeable: % of entry % refused', TG_OP, OLD.id
        USING ERRCODE = 'integrity_constraint_violation',
              HINT = 'Only the retention job deletes entries older than the log period; deactivate staff accounts instead of deleting them.';
END;
$$;
CREATE TRIGGER auditlog_logentry_unchangeable BEFORE UPDATE OR DELETE ON auditlog_logentry
    FOR EACH ROW EXECUTE FUNCTION infopoint_auditlog_refuse_change();
"""

DROP_SQL = """
DROP TRIGGER IF EXISTS auditlog_logentry_unchangeable ON auditlog_logentry;
DROP FUNCTION IF EXISTS infopoint_auditlog_refuse_change();
"""


class Migration(migrations.Migration):

    dependencies = [
        ("auditlog", "0017_add_actor_email"),
        ("infopoint", "0004_login_throttle"),
    ]

    operations = [migrations.RunSQL(UNCHANGEABLE_SQL, DROP_SQL)]
