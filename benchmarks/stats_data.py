"""Five years of case data for the statistics benchmark, generated inside PostgreSQL.

Every table is filled with ``INSERT … SELECT … FROM generate_series(…)`` so that a million
contacts take seconds, not minutes. The distributions follow what the concept expects at the
counter (concerns SGB II ~45 %, SGB XII ~40 %, clearing ~8 %, mostly German but many Turkish,
Arabic and Ukrainian conversations, …). Rows are inserted in time order, as a real counter
fills its tables. The caller runs this inside a transaction that it rolls back.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.contrib.auth.models import Group, User
from django.db import connection

from infopoint.lib.roles import GROUP_ADVISOR, GROUP_TEAMLEAD
from infopoint.lib.stuttgart import District
from infopoint.models import StaffProfile
from intake.models import CODE_ALPHABET, CODE_LENGTH
from referrals.models import Office

VISITORS = 100_000
VISITS = 1_000_000
REFERRALS = 200_000
RECEIPTS = 50_000
YELLOW_CARDS = 6_000
YEARS = 5
ADVISORS = 10
# Referrals go to the office responsible for their benefit: (benefit, share, office kind, offices).
REFERRAL_BENEFITS = [
    ("sgb2", 0.45, "jobcenter", 3),
    ("sgb12", 0.30, "sozialamt", 3),
    ("wohngeld", 0.15, "wohngeldstelle", 1),
    ("kiz", 0.05, "familienkasse", 1),
    ("alg1", 0.05, "arbeitsagentur", 1),
]
SAFE_LITERAL = re.compile(r"^[a-z0-9_-]*$")


def pick(random_column: str, weighted: list[tuple[str, float]]) -> str:
    """A SQL CASE that picks one value by the uniform random number in ``random_column``."""
    branches, bound = [], 0.0
    for value, weight in weighted[:-1]:
        assert SAFE_LITERAL.match(value), value
        bound += weight
        branches.append(f"WHEN {random_column} < {bound:.4f} THEN '{value}'")
    return f"CASE {' '.join(branches)} ELSE '{weighted[-1][0]}' END"


def randoms(count: int) -> str:
    return ", ".join(f"random() AS r{index}" for index in range(1, count + 1))


@dataclass
class Generated:
    seconds: dict[str, float] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)
    lead: User | None = None


def _weekdays(first: date, last: date) -> list[date]:
    days, day = [], first
    while day <= last:
        if day.weekday() < 5:
            days.append(day)
        day += timedelta(days=1)
    return days


def _staff() -> tuple[list[int], User]:
    advisor_group = Group.objects.get_or_create(name=GROUP_ADVISOR)[0]
    advisors = []
    for index in range(ADVISORS):
        user = User.objects.create(username=f"bench-stats-advisor-{index}")
        user.groups.add(advisor_group)
        StaffProfile.objects.create(user=user, organisation="jobcenter" if index % 2 else "sozialamt")
        advisors.append(user.pk)
    lead = User.objects.create(username="bench-stats-lead")
    lead.groups.add(Group.objects.get_or_create(name=GROUP_TEAMLEAD)[0])
    StaffProfile.objects.create(user=lead, organisation="sozialamt")
    return advisors, lead


def _offices() -> dict[str, list[int]]:
    by_benefit: dict[str, list[int]] = {}
    for benefit, _share, kind, count in REFERRAL_BENEFITS:
        by_benefit[benefit] = [
            Office.objects.create(
                name=f"Bench {kind.capitalize()} {number + 1}", kind=kind, street=f"Benchstraße {number + 1}", postcode="70173", is_active=False
            ).pk
            for number in range(count)
        ]
    return by_benefit


def _office_for(benefit_column: str, random_column: str, by_benefit: dict[str, list[int]]) -> str:
    branches = [
        f"WHEN '{benefit}' THEN (ARRAY{ids}::bigint[])[1 + floor({random_column} * {len(ids)})::int]"
        for benefit, ids in by_benefit.items()
    ]
    return f"CASE {benefit_column} {' '.join(branches)} END"


def _max_id(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT coalesce(max(id), 0) FROM {table}")  # noqa: S608 - our own table names
        return cursor.fetchone()[0]


# A valid, unique visitor code per row: g times a number coprime to 31, written in base 31 with
# the code alphabet (multiplication modulo 31**6 is a bijection, so no two rows share a code).
VISITOR_CODE_SQL = f"(SELECT string_agg(substr('{CODE_ALPHABET}', 1 + ((g::bigint * 7919 + 12345) %% 887503681 / power(31, k)::bigint %% 31)::int, 1), '' ORDER BY k) FROM generate_series(0, 5) k)"  # noqa: E501, S608 - a constant
assert len(CODE_ALPHABET) == 31 and CODE_LENGTH == 6

VISITOR_SQL = """
INSERT INTO intake_visitor (code, name, description, birth_year, district, languages, age_band, household_type,
                            migration_background, contact, consent_scope, consent_date, created_at)
SELECT {code}, '', '', NULL,
       CASE WHEN r1 < 0.12 THEN '' ELSE (%(districts)s::text[])[1 + floor(r2 * %(district_count)s)::int] END,
       ARRAY[]::varchar[], {age_band}, {household}, {migration}, '', 'day_only', NULL,
       %(first)s::timestamptz + (g::float8 / %(visitors)s) * (%(now)s::timestamptz - %(first)s::timestamptz)
FROM (SELECT g, {randoms} FROM generate_series(0, %(visitors)s - 1) g) s
"""

VISIT_SQL = """
INSERT INTO intake_visit (visitor_id, arrived_at, channel, status, concerns, service, interpreter, companion_present,
                          duration_minutes, outcome, clearing, from_kiosk, form_token, taken_at, finished_at, language,
                          organisation, advisor_id)
SELECT visitor_id, arrived_at, channel, status, concerns, service, interpreter, companion_present, duration_minutes,
       outcome, clearing, from_kiosk, NULL, arrived_at + interval '10 minutes', arrived_at + interval '40 minutes',
       language, organisation, advisor_id
FROM (
    SELECT %(first_visitor)s + floor({visitors} * power(r1, 1.3))::bigint AS visitor_id,
           LEAST((((%(days)s::date[])[1 + floor(g::float8 * %(day_count)s / %(visits)s)::int] + time '08:00'
                   + r2 * interval '9 hours') AT TIME ZONE 'Europe/Berlin'), %(now)s::timestamptz - interval '1 minute') AS arrived_at,
           {channel} AS channel, {status} AS status,
           array_remove(ARRAY[CASE WHEN r3 < 0.45 THEN 'sgb2' END, CASE WHEN r3 >= 0.42 AND r3 < 0.82 THEN 'sgb12' END,
                              CASE WHEN r4 < 0.15 THEN 'wohngeld' END, CASE WHEN r5 < 0.06 THEN 'kiz' END,
                              CASE WHEN r6 < 0.08 THEN 'energy' END, CASE WHEN r6 >= 0.90 THEN 'debts' END,
                              CASE WHEN r7 < 0.04 THEN 'rent_debts' END, CASE WHEN r7 >= 0.96 THEN 'other' END],
                        NULL)::varchar(20)[] AS concerns,
           {service} AS service, {interpreter} AS interpreter, r8 < 0.2 AS companion_present,
           (10 + floor(r8 * 50))::smallint AS duration_minutes, {outcome} AS outcome,
           CASE WHEN r11 < 0.08 THEN {clearing} ELSE '' END AS clearing, r13 < 0.05 AS from_kiosk,
           {language} AS language, CASE WHEN r12 < 0.5 THEN 'jobcenter' ELSE 'sozialamt' END AS organisation,
           (%(advisors)s::int[])[1 + floor(r12 * %(advisor_count)s)::int] AS advisor_id
    FROM (SELECT g, {randoms} FROM generate_series(0, %(visits)s - 1) g) s
) v
"""

# Each referral's path through the lifecycle, with the days after its creation on which each
# step is taken; only the steps already in the past are written (recent referrals are under way).
DECISION = "CASE WHEN r4 < 0.6 THEN ARRAY['granted'] WHEN r4 < 0.85 THEN ARRAY['refused'] WHEN r4 < 0.9 THEN ARRAY['withdrawn'] ELSE ARRAY[]::text[] END"
REFERRAL_PATH_SQL = f"""
CREATE TEMP TABLE bench_referral ON COMMIT DROP AS
SELECT *, LEAST(cardinality(path), CASE
           WHEN created_at + offsets[5] * interval '1 day' <= %(now)s THEN 5
           WHEN created_at + offsets[4] * interval '1 day' <= %(now)s THEN 4
           WHEN created_at + offsets[3] * interval '1 day' <= %(now)s THEN 3
           WHEN created_at + offsets[2] * interval '1 day' <= %(now)s THEN 2 ELSE 1 END) AS reached
FROM (
    SELECT nextval(pg_get_serial_sequence('referrals_referral', 'id')) AS id, v.id AS visit_id, v.visitor_id,
           LEAST(v.arrived_at + interval '25 minutes', %(now)s::timestamptz) AS created_at, s.*,
           ARRAY['planned'] || CASE
               WHEN r1 < 0.10 THEN ARRAY['closed']
               WHEN r1 < 0.25 THEN ARRAY['applied'] || {DECISION}
               ELSE ARRAY['appointment_made'] || CASE
                   WHEN r2 < 0.07 THEN ARRAY['closed']
                   WHEN r2 < 0.72 THEN ARRAY['attended'] || CASE WHEN r3 < 0.12 THEN ARRAY['closed'] ELSE ARRAY['applied'] || {DECISION} END
                   ELSE ARRAY['not_attended'] || CASE WHEN r3 < 0.4 THEN ARRAY['applied'] || {DECISION}
                                                      WHEN r3 < 0.7 THEN ARRAY['closed'] ELSE ARRAY[]::text[] END
               END
           END AS path,
           ARRAY[0, 3 + 11 * r5, 10 + 20 * r5, 20 + 25 * r5, 50 + 60 * r5] AS offsets
    FROM (SELECT g, %(first_visit)s + floor(random() * %(visits)s)::bigint AS picked_visit, {{randoms}}
          FROM generate_series(1, %(referrals)s) g) s
    JOIN intake_visit v ON v.id = s.picked_visit
) p
"""  # noqa: S608 - built from this module's constants, no input

REFERRAL_SQL = """
INSERT INTO referrals_referral (id, visitor_id, visit_id, screening_run_id, office_id, benefit, reason, urgency, shared_fields,
                                sharing_purpose, consent_on, escort, interpreter_language, interpreter_kind, appointment_at,
                                appointment_place, appointment_contact, visitor_books_themselves, status, status_changed_at,
                                closed_reason, created_by_id, organisation, created_at)
SELECT id, visitor_id, visit_id, NULL, {office}, benefit, '', 'normal', '{{}}', '', NULL, '', '', '',
       CASE WHEN 'appointment_made' = ANY(path[1:reached]) THEN created_at + (offsets[2] + 7) * interval '1 day' END,
       '', '', false, path[reached], created_at + offsets[reached] * interval '1 day',
       CASE WHEN path[reached] = 'closed' THEN {reason} ELSE '' END,
       (%(advisors)s::int[])[1 + floor(r7 * %(advisor_count)s)::int],
       CASE WHEN benefit = 'sgb2' THEN 'jobcenter' ELSE 'sozialamt' END, created_at
FROM (SELECT *, {benefit} AS benefit FROM bench_referral) b
ORDER BY created_at
"""

STATUS_CHANGE_SQL = """
INSERT INTO referrals_referralstatuschange (referral_id, from_status, to_status, changed_by_id, changed_at)
SELECT b.id, coalesce(b.path[step - 1], ''), b.path[step], (%(advisors)s::int[])[1 + floor(b.r7 * %(advisor_count)s)::int],
       b.created_at + b.offsets[step] * interval '1 day'
FROM bench_referral b, generate_series(1, b.reached) step
ORDER BY 5
"""

OUTCOME_SQL = """
INSERT INTO referrals_referraloutcome (referral_id, answer, reason, source, recorded_by_id, recorded_at)
SELECT id, answer, CASE WHEN answer IN ('did_nothing', 'tried_failed') THEN {reason} ELSE '' END,
       CASE WHEN r1 < 0.6 THEN 'call_back' ELSE 'next_visit' END,
       (%(advisors)s::int[])[1 + floor(r7 * %(advisor_count)s)::int], recorded_at
FROM (SELECT *, {answer} AS answer, created_at + (21 + 40 * r8) * interval '1 day' AS recorded_at FROM bench_referral) b
WHERE r9 < 0.30 AND recorded_at <= %(now)s
ORDER BY recorded_at
"""

RECEIPT_COLUMNS = """year, number, received_at, kind, cancels_id, cancel_reason, applicant_name, benefit, office_id, office_name,
    office_address, items, remarks, originals_returned, channel, language, informal_application, issued_by_id,
    issued_by_name, organisation, visit_id, verification_code, form_token, content_digest"""

RECEIPT_SQL = f"""
INSERT INTO openarea_receipt ({RECEIPT_COLUMNS})
SELECT year, %(number_offset)s + row_number() OVER (PARTITION BY year ORDER BY received_at, g), received_at, 'receipt', NULL, '',
       'Bench Person ' || g, benefit, o.id, o.name, o.street || ', ' || o.postcode || ' ' || o.city,
       %(items)s::jsonb, '', r3 < 0.5,
       CASE WHEN r4 < 0.8 THEN 'in_person' WHEN r4 < 0.9 THEN 'companion' ELSE 'drop_box' END, 'de', NULL,
       advisor_id, 'Bench Advisor', 'sozialamt', CASE WHEN r5 < 0.6 THEN %(first_visit)s + floor(g::float8 * %(visits)s / %(receipts)s)::bigint END,
       md5('bench-receipt-' || g), NULL, md5('bench-digest-' || g) || md5('bench-digest-2-' || g)
FROM (
    SELECT *, extract(year FROM received_at AT TIME ZONE 'Europe/Berlin')::int AS year, {{office}} AS office_id
    FROM (
        SELECT g, r1, r2, r3, r4, r5, r6, {{benefit}} AS benefit,
               (%(advisors)s::int[])[1 + floor(r3 * %(advisor_count)s)::int] AS advisor_id,
               LEAST((((%(days)s::date[])[1 + floor(g::float8 * %(day_count)s / %(receipts)s)::int] + time '08:30'
                       + r2 * interval '8 hours') AT TIME ZONE 'Europe/Berlin'), %(now)s::timestamptz - interval '1 minute') AS received_at
        FROM (SELECT g, {{randoms}} FROM generate_series(0, %(receipts)s - 1) g) s
    ) t
) r
JOIN referrals_office o ON o.id = r.office_id
ORDER BY received_at
"""  # noqa: S608 - built from this module's constants, no input

# About 1 % of the receipts are corrected by a cancelling receipt the same day (the original stays);
# it takes the next numbers of its year, as the app numbers receipts and cancellations in one series.
CANCELLATION_SQL = f"""
INSERT INTO openarea_receipt ({RECEIPT_COLUMNS})
SELECT year, (SELECT max(number) FROM openarea_receipt n WHERE n.year = c.year) + row_number() OVER (PARTITION BY year ORDER BY id),
       received_at + interval '5 minutes',
       'cancellation', id, 'Falscher Name', applicant_name, benefit, office_id, office_name, office_address, items, '',
       false, channel, language, NULL, issued_by_id, issued_by_name, organisation, NULL, md5('bench-cancel-' || id), NULL,
       content_digest
FROM (SELECT *, random() AS r FROM openarea_receipt WHERE id > %(first_receipt)s) c
WHERE r < 0.01
"""  # noqa: S608 - built from this module's constants, no input

FORWARDING_SQL = """
INSERT INTO openarea_forwarding (receipt_id, forwarded_on, way, forwarded_by_id, recorded_at)
SELECT id, forwarded_on, CASE WHEN r3 < 0.5 THEN 'internal_mail' WHEN r3 < 0.8 THEN 'email' WHEN r3 < 0.95 THEN 'portal' ELSE 'in_person' END,
       issued_by_id, (forwarded_on + time '15:00') AT TIME ZONE 'Europe/Berlin'
FROM (
    SELECT id, issued_by_id, r2, r3,
           (received_at AT TIME ZONE 'Europe/Berlin')::date + CASE WHEN r1 < 0.55 THEN 0 WHEN r1 < 0.85 THEN 1 WHEN r1 < 0.95 THEN 3 ELSE 6 END AS forwarded_on
    FROM (SELECT id, issued_by_id, received_at, random() AS r1, random() AS r2, random() AS r3
          FROM openarea_receipt WHERE id > %(first_receipt)s AND kind = 'receipt') s
) f
WHERE r2 < 0.96 AND forwarded_on <= %(today)s
"""

YELLOW_CARD_SQL = """
INSERT INTO openarea_yellowcard (kind, text, contact_name, contact_phone, contact_email, language, created_at, status, answer_note, form_token)
SELECT CASE WHEN r1 < 0.45 THEN 'complaint' WHEN r1 < 0.8 THEN 'praise' ELSE 'suggestion' END,
       'Bench card', '', '', '', (ARRAY['de', 'de', 'de', 'tr', 'ar', 'uk', 'ru', 'en'])[1 + floor(r2 * 8)::int],
       %(first)s::timestamptz + (g::float8 / %(cards)s) * (%(now)s::timestamptz - %(first)s::timestamptz),
       CASE WHEN g > %(cards)s - 40 AND r3 < 0.5 THEN 'new' WHEN g > %(cards)s - 80 AND r3 < 0.5 THEN 'in_progress' ELSE 'answered' END,
       '', NULL
FROM (SELECT g, random() AS r1, random() AS r2, random() AS r3 FROM generate_series(0, %(cards)s - 1) g) s
"""

KIOSK_USAGE_SQL = """
INSERT INTO openarea_kioskusage (day, kind, key, count)
SELECT day, kind, '', floor(random() * weight)::int
FROM unnest(%(days)s::date[]) day,
     (VALUES ('form_printed', 30), ('online_application_opened', 12), ('quick_check_started', 25),
             ('quick_check_completed', 15), ('quick_check_printed', 6), ('advice_requested', 10),
             ('feedback_given', 3), ('receipt_checked', 4)) AS kinds(kind, weight)
ON CONFLICT (day, kind, key) DO NOTHING
"""

# The indexes that back no constraint (primary and unique keys stay, they check the data).
PLAIN_INDEXES_SQL = """
SELECT indexname, indexdef FROM pg_indexes
WHERE schemaname = current_schema() AND tablename = ANY(%s)
  AND NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conindid = format('%%I', indexname)::regclass)
ORDER BY tablename, indexname
"""
INDEXED_LATER = ["intake_visit", "referrals_referral", "referrals_referralstatuschange", "referrals_referraloutcome"]

TABLES = [
    "intake_visitor", "intake_visit", "referrals_referral", "referrals_referralstatuschange", "referrals_referraloutcome",
    "openarea_receipt", "openarea_forwarding", "openarea_yellowcard", "openarea_kioskusage",
]  # fmt: skip


def generate(now: datetime) -> Generated:
    """Fill the case tables with five years up to ``now``; returns seconds and rows per step."""
    result = Generated()
    today = now.date()
    first = today.replace(year=today.year - YEARS)
    days = _weekdays(first, today)
    advisors, result.lead = _staff()
    offices = _offices()
    benefit = pick("r6", [(name, share) for name, share, _kind, _count in REFERRAL_BENEFITS])
    reason = pick("r11", [("shame", 0.2), ("knowledge", 0.2), ("forms", 0.2), ("distrust", 0.1), ("language", 0.1), ("not_needed", 0.15), ("other", 0.05)])
    params = {
        "now": now, "today": today, "first": datetime(first.year, first.month, first.day, tzinfo=now.tzinfo),
        "days": days, "day_count": len(days), "advisors": advisors, "advisor_count": len(advisors),
        "visitors": VISITORS, "visits": VISITS, "referrals": REFERRALS, "receipts": RECEIPTS, "cards": YELLOW_CARDS,
        "districts": [code for code, _label in District.choices if code != "outside"] + ["outside"],
        "district_count": len(District.choices),
        "items": json.dumps([{"kind": "application_form", "description": "Hauptantrag", "pages": 6}]),
    }  # fmt: skip
    steps = [
        ("visitors", "intake_visitor", VISITOR_SQL.format(
            randoms=randoms(5), code=VISITOR_CODE_SQL,
            age_band=pick("r3", [("u25", 0.18), ("25_49", 0.45), ("50_64", 0.22), ("65_plus", 0.1), ("", 0.05)]),
            household=pick("r4", [("single", 0.4), ("single_parent", 0.15), ("couple", 0.12), ("family", 0.2), ("other", 0.05), ("", 0.08)]),
            migration=pick("r5", [("yes", 0.48), ("no", 0.32), ("not_said", 0.1), ("", 0.1)]),
        )),
        ("visits", "intake_visit", VISIT_SQL.format(
            randoms=randoms(13), visitors=VISITORS,
            channel=pick("r9", [("walk_in", 0.6), ("phone", 0.2), ("email", 0.08), ("chat", 0.04), ("on_tour", 0.05), ("group_event", 0.03)]),
            status=pick("r10", [("waiting", 0.01), ("in_conversation", 0.01), ("done", 0.98)]),
            service=pick("r5", [("advice", 0.45), ("information", 0.25), ("orientation", 0.15), ("e_services", 0.08), ("open_area", 0.05), ("", 0.02)]),
            interpreter=pick("r4", [("none", 0.8), ("colleague", 0.08), ("telephone", 0.05), ("video", 0.04), ("in_person", 0.03)]),
            outcome=pick("r6", [("information", 0.35), ("screening", 0.2), ("referral", 0.2), ("handed_in", 0.08), ("filled_in", 0.07), ("nothing", 0.1)]),
            clearing=pick("r11 * 12.5", [("already_sgb2", 0.35), ("already_sgb12", 0.25), ("already_wohngeld", 0.15), ("homeless", 0.1), ("chamber", 0.05), ("sgb9", 0.1)]),
            language=pick("r7", [("de", 0.6), ("tr", 0.1), ("ar", 0.1), ("uk", 0.08), ("ru", 0.05), ("en", 0.04), ("other", 0.03)]),
        )),
        ("referral paths", None, REFERRAL_PATH_SQL.format(randoms=randoms(11))),
        ("referrals", "referrals_referral", REFERRAL_SQL.format(office=_office_for("benefit", "r10", offices), reason=reason, benefit=benefit)),
        ("status changes", "referrals_referralstatuschange", STATUS_CHANGE_SQL),
        ("outcomes", "referrals_referraloutcome", OUTCOME_SQL.format(
            reason=reason,
            answer=pick("r10", [("applied", 0.4), ("did_nothing", 0.3), ("tried_failed", 0.15), ("already_had", 0.15)]),
        )),
        ("receipts", "openarea_receipt", RECEIPT_SQL.format(
            randoms=randoms(6), benefit=pick("r1", [("sgb2", 0.4), ("sgb12", 0.3), ("wohngeld", 0.2), ("kiz", 0.05), ("alg1", 0.05)]),
            office=_office_for("benefit", "r6", offices),
        )),
        ("cancelling receipts", "openarea_receipt", CANCELLATION_SQL),
        ("forwardings", "openarea_forwarding", FORWARDING_SQL),
        ("yellow cards", "openarea_yellowcard", YELLOW_CARD_SQL),
        ("kiosk usage", "openarea_kioskusage", KIOSK_USAGE_SQL),
    ]  # fmt: skip
    with connection.cursor() as cursor:
        # Loading takes longer than the app's 30-second statement limit, and is faster with the
        # plain indexes built once afterwards (dropped and rebuilt inside the rolled-back transaction).
        cursor.execute("SET LOCAL statement_timeout = 0; SET LOCAL maintenance_work_mem = '256MB'")
        # Foreign keys checked as each statement ends, not queued for a commit that never comes.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(PLAIN_INDEXES_SQL, [INDEXED_LATER])
        plain_indexes = cursor.fetchall()
        for index_name, _definition in plain_indexes:
            cursor.execute(f'DROP INDEX "{index_name}"')
        cursor.execute("SELECT setseed(0.2026)")
        for name, table, sql in steps:
            if name == "visits":
                params["first_visitor"] = _first_new_id("intake_visitor", VISITORS)
            if name == "referral paths":
                params["first_visit"] = _first_new_id("intake_visit", VISITS)
            if name in ("receipts", "cancelling receipts"):
                cursor.execute("SELECT coalesce(max(number), 0) FROM openarea_receipt")
                params["number_offset"] = cursor.fetchone()[0]
            if name == "receipts":
                params["first_receipt"] = _max_id("openarea_receipt")
            start = time.perf_counter()
            cursor.execute(sql, params)
            result.seconds[name] = time.perf_counter() - start
            if table:
                result.rows[name] = cursor.rowcount
        start = time.perf_counter()
        for _index_name, definition in plain_indexes:
            cursor.execute(definition)
        result.seconds["indexes"] = time.perf_counter() - start
        start = time.perf_counter()
        for table in TABLES:
            cursor.execute(f"ANALYZE {table}")
        result.seconds["analyze"] = time.perf_counter() - start
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    return result


def _first_new_id(table: str, count: int) -> int:
    """The first id of the rows just inserted into ``table`` in one statement (ids are consecutive)."""
    return _max_id(table) - count + 1
