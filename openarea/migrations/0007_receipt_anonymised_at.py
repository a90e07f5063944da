"""Receipts past their retention period lose their personal fields; the stub stays.

The immutability trigger of 0003 now lets through, besides ``visit_id`` to NULL, exactly one
more UPDATE: the one-time anonymisation (``anonymised_at`` set, applicant, items, remarks,
informal application, cancellation reason and contact link blanked, every other column
unchanged). The stored PDF may be deleted once its receipt is anonymised. Everything else is
still refused, so numbering and the stub stay as issued.
"""

from django.db import migrations, models

PERSONAL_COLUMNS = "ARRAY['applicant_name', 'items', 'remarks', 'informal_application', 'cancel_reason', 'visit_id', 'anonymised_at']"

ANONYMISABLE_SQL = f"""
CREATE OR REPLACE FUNCTION openarea_receipt_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND TG_TABLE_NAME = 'openarea_receipt' THEN
        IF (to_jsonb(NEW) -> 'visit_id') = 'null'::jsonb
           AND (to_jsonb(NEW) - 'visit_id') = (to_jsonb(OLD) - 'visit_id') THEN
            RETURN NEW;
        END IF;
        IF OLD.anonymised_at IS NULL AND NEW.anonymised_at IS NOT NULL
           AND NEW.applicant_name = '' AND NEW.items = '[]'::jsonb AND NEW.remarks = ''
           AND NEW.informal_application IS NULL AND NEW.cancel_reason = '' AND NEW.visit_id IS NULL
           AND (to_jsonb(NEW) - {PERSONAL_COLUMNS}) = (to_jsonb(OLD) - {PERSONAL_COLUMNS}) THEN
            RETURN NEW;
        END IF;
    END IF;
    IF TG_OP = 'DELETE' AND TG_TABLE_NAME = 'openarea_receiptdocument' THEN
        IF EXISTS (SELECT 1 FROM openarea_receipt WHERE id = OLD.receipt_id AND anonymised_at IS NOT NULL) THEN
            RETURN OLD;
        END IF;
    END IF;
    RAISE EXCEPTION 'receipts are immutable: % on % refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$;
"""

# The function as migration 0003 created it.
IMMUTABLE_SQL = """
CREATE OR REPLACE FUNCTION openarea_receipt_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND TG_TABLE_NAME = 'openarea_receipt' THEN
        IF (to_jsonb(NEW) -> 'visit_id') = 'null'::jsonb
           AND (to_jsonb(NEW) - 'visit_id') = (to_jsonb(OLD) - 'visit_id') THEN
            RETURN NEW;
        END IF;
    END IF;
    RAISE EXCEPTION 'receipts are immutable: % on % refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$;
"""


class Migration(migrations.Migration):

    dependencies = [
        ("openarea", "0006_yellowcard_yellow_card_created_idx"),
    ]

    operations = [
        migrations.AddField(
            model_name="receipt",
            name="anonymised_at",
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name="personal data erased"),
        ),
        migrations.RunSQL(ANONYMISABLE_SQL, IMMUTABLE_SQL),
    ]
