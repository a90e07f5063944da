"""Least-privilege roles (issue 21): what the app role may do to receipts and the audit log.

The app role (infopoint/lib/db_roles.py) may only INSERT and SELECT on the audit log, the
receipts and their stored PDFs, and only SELECT the receipt counter. What it needs beyond
that goes through three functions that run with the owner's rights (``SECURITY DEFINER``,
fixed ``search_path``) and decide for themselves:

* ``openarea_receipt_draw_number(series)`` locks the counter row of the current year (Berlin
  time, the database's clock), increments it and returns year, number and the time of issue;
* ``openarea_receipt_anonymise(receipt, at)`` blanks a receipt and deletes its PDF, but only
  if the receipt is older than the receipt retention period;
* ``infopoint_audit_log_expire(before)`` deletes audit-log entries older than the log
  retention period; a ``before`` younger than that is refused.

The periods live in ``infopoint_retention_period``, which only the owner writes (after each
``migrate``, from INFOPOINT_RETENTION_RECEIPT_YEARS and INFOPOINT_LOG_RETENTION_DAYS). Nobody
announces a cut-off any more: the ``set_config('infopoint.audit_retention_before', …)`` of 0005
is no longer trusted; the audit-log trigger computes the cut-off itself.

An INSERT into ``openarea_receipt`` by anyone but the owner must carry the number just drawn
(the counter's value for its year), a time of issue within two minutes of the database's
clock and the matching year: no back-dated receipts, no numbers outside the counter. The
owner is exempt (pg_restore's data load runs before the trigger exists anyway; test fixtures
that travel in time issue receipts as the owner).

``BEFORE TRUNCATE`` triggers refuse TRUNCATE of the protected tables, for everyone: a second
line behind the privileges (row triggers do not fire on TRUNCATE). ``manage.py flush`` (tests)
disables them for its own transaction, as the owner.
"""

from django.db import migrations

FORWARD_SQL = """
CREATE TABLE infopoint_retention_period (
    name text PRIMARY KEY,
    value integer NOT NULL CHECK (value > 0)
);
INSERT INTO infopoint_retention_period (name, value) VALUES ('receipt_years', 3), ('audit_log_days', 1095);

CREATE FUNCTION infopoint_is_owner_session() RETURNS boolean LANGUAGE sql STABLE
SET search_path = public, pg_temp AS $$
    SELECT pg_has_role(session_user, c.relowner, 'USAGE') FROM pg_class c WHERE c.oid = 'public.openarea_receipt'::regclass
$$;

CREATE FUNCTION infopoint_audit_log_cutoff() RETURNS timestamptz LANGUAGE sql VOLATILE
SET search_path = public, pg_temp AS $$
    SELECT clock_timestamp() - make_interval(days => (SELECT value FROM infopoint_retention_period WHERE name = 'audit_log_days'))
$$;

CREATE FUNCTION openarea_receipt_cutoff() RETURNS timestamptz LANGUAGE sql VOLATILE
SET search_path = public, pg_temp AS $$
    SELECT clock_timestamp() - make_interval(years => (SELECT value FROM infopoint_retention_period WHERE name = 'receipt_years'))
$$;

-- The audit-log row trigger: no set_config() trust; deletion only of entries past the period.
CREATE OR REPLACE FUNCTION infopoint_auditlog_refuse_change() RETURNS trigger LANGUAGE plpgsql
SET search_path = public, pg_temp AS $$
BEGIN
    IF TG_OP = 'DELETE' AND OLD."timestamp" < infopoint_audit_log_cutoff() THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit log entries are unchangeable: % of entry % refused', TG_OP, OLD.id
        USING ERRCODE = 'integrity_constraint_violation',
              HINT = 'Only infopoint_audit_log_expire() deletes entries older than the log period; deactivate staff accounts instead of deleting them.';
END;
$$;

CREATE FUNCTION infopoint_audit_log_expire(p_before timestamptz DEFAULT NULL) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    cutoff timestamptz := infopoint_audit_log_cutoff();
    deleted bigint;
BEGIN
    IF cutoff IS NULL THEN
        RAISE EXCEPTION 'no audit-log retention period configured' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF p_before IS NOT NULL AND p_before > cutoff THEN
        RAISE EXCEPTION 'audit-log entries younger than the retention period are kept: cut-off % refused, % at the latest', p_before, cutoff
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    DELETE FROM auditlog_logentry WHERE "timestamp" < coalesce(p_before, cutoff);
    GET DIAGNOSTICS deleted = ROW_COUNT;
    RETURN deleted;
END;
$$;

CREATE FUNCTION openarea_receipt_anonymise(p_receipt bigint, p_at timestamptz DEFAULT NULL,
                                           OUT anonymised boolean, OUT document_deleted boolean)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    cutoff timestamptz := openarea_receipt_cutoff();
    received timestamptz;
BEGIN
    anonymised := false;
    document_deleted := false;
    SELECT received_at INTO received FROM openarea_receipt WHERE id = p_receipt AND anonymised_at IS NULL FOR UPDATE;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    IF cutoff IS NULL OR received >= cutoff THEN
        RAISE EXCEPTION 'receipt % is younger than the receipt retention period and keeps its content', p_receipt
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    UPDATE openarea_receipt
       SET applicant_name = '', items = '[]'::jsonb, remarks = '', informal_application = NULL,
           cancel_reason = '', visit_id = NULL, anonymised_at = coalesce(p_at, clock_timestamp())
     WHERE id = p_receipt AND anonymised_at IS NULL;
    anonymised := FOUND;
    DELETE FROM openarea_receiptdocument WHERE receipt_id = p_receipt;
    document_deleted := FOUND;
END;
$$;

CREATE FUNCTION openarea_receipt_draw_number(p_series text, p_year integer DEFAULT NULL,
                                             OUT year integer, OUT number integer, OUT received_at timestamptz)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    v_year integer := extract(year FROM clock_timestamp() AT TIME ZONE 'Europe/Berlin')::integer;
    v_number integer;
    v_time timestamptz;
    owner_chooses boolean := p_year IS NOT NULL AND infopoint_is_owner_session();
BEGIN
    -- Only the owner (test fixtures travelling in time) may choose the year.
    IF owner_chooses THEN
        v_year := p_year;
    END IF;
    LOOP
        INSERT INTO openarea_receiptcounter AS c (series, year, last_number) VALUES (p_series, v_year, 0)
            ON CONFLICT ON CONSTRAINT receipt_counter_one_per_series_year DO NOTHING;
        UPDATE openarea_receiptcounter AS c SET last_number = c.last_number + 1
         WHERE c.series = p_series AND c.year = v_year
        RETURNING c.last_number INTO v_number;
        v_time := clock_timestamp();
        IF owner_chooses THEN
            v_time := NULL;  -- the owner chose the year: the caller's clock gives the time
            EXIT;
        END IF;
        EXIT WHEN extract(year FROM v_time AT TIME ZONE 'Europe/Berlin')::integer = v_year;
        -- Local midnight of New Year passed while we waited for the lock: give the number back
        -- (we still hold the row) and draw from the new year's counter.
        UPDATE openarea_receiptcounter AS c SET last_number = c.last_number - 1
         WHERE c.series = p_series AND c.year = v_year;
        v_year := extract(year FROM v_time AT TIME ZONE 'Europe/Berlin')::integer;
    END LOOP;
    year := v_year;
    number := v_number;
    received_at := v_time;
END;
$$;

-- No back-dated receipts and no numbers outside the counter (the owner is exempt, see above).
CREATE FUNCTION openarea_receipt_check_insert() RETURNS trigger LANGUAGE plpgsql
SET search_path = public, pg_temp AS $$
DECLARE
    drawn integer;
BEGIN
    IF infopoint_is_owner_session() THEN
        RETURN NEW;
    END IF;
    IF NEW.received_at < clock_timestamp() - interval '2 minutes' OR NEW.received_at > clock_timestamp() + interval '2 minutes' THEN
        RAISE EXCEPTION 'a receipt is issued now: time of issue % refused', NEW.received_at
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF NEW.year <> extract(year FROM NEW.received_at AT TIME ZONE 'Europe/Berlin')::integer THEN
        RAISE EXCEPTION 'receipt year % does not match its time of issue', NEW.year USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    SELECT last_number INTO drawn FROM openarea_receiptcounter WHERE series = 'infopoint' AND year = NEW.year;
    IF drawn IS DISTINCT FROM NEW.number THEN
        RAISE EXCEPTION 'receipt number % was not drawn from the counter', NEW.number USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER openarea_receipt_issued_now BEFORE INSERT ON openarea_receipt
    FOR EACH ROW EXECUTE FUNCTION openarea_receipt_check_insert();

CREATE FUNCTION infopoint_refuse_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'TRUNCATE of % refused: its rows are unchangeable', TG_TABLE_NAME
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$;
CREATE TRIGGER auditlog_logentry_no_truncate BEFORE TRUNCATE ON auditlog_logentry
    FOR EACH STATEMENT EXECUTE FUNCTION infopoint_refuse_truncate();
CREATE TRIGGER openarea_receipt_no_truncate BEFORE TRUNCATE ON openarea_receipt
    FOR EACH STATEMENT EXECUTE FUNCTION infopoint_refuse_truncate();
CREATE TRIGGER openarea_receiptdocument_no_truncate BEFORE TRUNCATE ON openarea_receiptdocument
    FOR EACH STATEMENT EXECUTE FUNCTION infopoint_refuse_truncate();
CREATE TRIGGER openarea_receiptcounter_no_truncate BEFORE TRUNCATE ON openarea_receiptcounter
    FOR EACH STATEMENT EXECUTE FUNCTION infopoint_refuse_truncate();

REVOKE ALL ON FUNCTION infopoint_audit_log_expire(timestamptz) FROM PUBLIC;
REVOKE ALL ON FUNCTION openarea_receipt_anonymise(bigint, timestamptz) FROM PUBLIC;
REVOKE ALL ON FUNCTION openarea_receipt_draw_number(text, integer) FROM PUBLIC;
"""

# Back to 0005's trigger function (with its set_config exception) and without the new objects.
BACKWARD_SQL = """
DROP TRIGGER IF EXISTS openarea_receiptcounter_no_truncate ON openarea_receiptcounter;
DROP TRIGGER IF EXISTS openarea_receiptdocument_no_truncate ON openarea_receiptdocument;
DROP TRIGGER IF EXISTS openarea_receipt_no_truncate ON openarea_receipt;
DROP TRIGGER IF EXISTS auditlog_logentry_no_truncate ON auditlog_logentry;
DROP FUNCTION IF EXISTS infopoint_refuse_truncate();
DROP TRIGGER IF EXISTS openarea_receipt_issued_now ON openarea_receipt;
DROP FUNCTION IF EXISTS openarea_receipt_check_insert();
DROP FUNCTION IF EXISTS openarea_receipt_draw_number(text, integer);
DROP FUNCTION IF EXISTS openarea_receipt_anonymise(bigint, timestamptz);
DROP FUNCTION IF EXISTS infopoint_audit_log_expire(timestamptz);
CREATE OR REPLACE FUNCTION infopoint_auditlog_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    retention_before text := current_setting('infopoint.audit_retention_before', true);
BEGIN
    IF TG_OP = 'DELETE' AND coalesce(retention_before, '') <> ''
       AND OLD."timestamp" < retention_before::timestamptz THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit log entries are unchangeable: % of entry % refused', TG_OP, OLD.id
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$;
DROP FUNCTION IF EXISTS openarea_receipt_cutoff();
DROP FUNCTION IF EXISTS infopoint_audit_log_cutoff();
DROP FUNCTION IF EXISTS infopoint_is_owner_session();
DROP TABLE IF EXISTS infopoint_retention_period;
"""


class Migration(migrations.Migration):

    dependencies = [
        ("infopoint", "0005_audit_log_unchangeable"),
        ("openarea", "0009_alter_printableform_office_kind"),
    ]

    operations = [migrations.RunSQL(FORWARD_SQL, BACKWARD_SQL)]
