"""A calendar file (RFC 5545) for a referral's appointment."""

from __future__ import annotations

from datetime import UTC, timedelta

from django.utils import timezone

from referrals.models import Referral

APPOINTMENT_LENGTH = timedelta(hours=1)


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n")


def _utc(moment) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def appointment_ics(referral: Referral, *, host: str) -> str:
    start = referral.appointment_at
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Infopoint Sozialleistungen Stuttgart//Referrals//DE",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:referral-{referral.pk}@{host}",
        f"DTSTAMP:{_utc(timezone.now())}",
        f"DTSTART:{_utc(start)}",
        f"DTEND:{_utc(start + APPOINTMENT_LENGTH)}",
        f"SUMMARY:{_escape(f'{referral.office.name}: {referral.get_benefit_display()}')}",
        f"LOCATION:{_escape(referral.appointment_place or referral.office.address)}",
    ]
    if referral.appointment_contact:
        lines.append(f"DESCRIPTION:{_escape(referral.appointment_contact)}")
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return "\r\n".join(lines) + "\r\n"
