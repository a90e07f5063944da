"""Printouts of receipts: the receipt itself, the stamp label, the informal application letter,
the power of attorney template and the forwarding cover sheet (all through infopoint.lib.pdf)."""

from __future__ import annotations

from datetime import date

import segno
from django.conf import settings
from django.utils import timezone, translation

from infopoint.lib.pdf import render_pdf
from openarea.models import Receipt
from openarea.receipts.informal import COMMON_PARAGRAPHS, INFORMAL_VARIANTS, POWER_OF_ATTORNEY_PARAGRAPHS, side_by_side

RTL_LANGUAGES = {"ar"}


def qr_data_uri(url: str) -> str:
    """The verification link as a QR code, embedded (no file, no network)."""
    return segno.make(url, error="m").svg_data_uri(scale=4, border=2, dark="#000")


def _sections(language: str) -> list[dict]:
    codes = ["de"] if language == "de" or language not in dict(settings.LANGUAGES) else ["de", language]
    return [{"code": code, "rtl": code in RTL_LANGUAGES} for code in codes]


def receipt_pdf(receipt: Receipt, *, verify_url: str) -> bytes:
    """The Eingangsbestätigung (or cancelling receipt), German with the key sentence also in the visitor's language."""
    context = {
        "receipt": receipt,
        "received_local": timezone.localtime(receipt.received_at),
        "verify_url": verify_url,
        "qr": qr_data_uri(verify_url),
        "sections": _sections(receipt.language),
    }
    with translation.override("de"):
        return render_pdf("openarea/receipts/receipt_pdf.html", context)


def stamp_label_pdf(receipt: Receipt) -> bytes:
    """A small label to stick on the papers: arrival, number, where they go."""
    context = {"receipt": receipt, "received_local": timezone.localtime(receipt.received_at)}
    with translation.override("de"):
        return render_pdf("openarea/receipts/label_pdf.html", context)


def informal_letter_pdf(receipt: Receipt) -> bytes:
    """The signed application letter: German, with the translation beside it."""
    data = receipt.informal_application or {}
    variant = INFORMAL_VARIANTS[data["variant"]]
    language = receipt.language if receipt.language in dict(settings.LANGUAGES) else "de"
    context = {
        "receipt": receipt,
        "data": data,
        "birth_date": date.fromisoformat(data["birth_date"]) if data.get("birth_date") else None,
        "received_local": timezone.localtime(receipt.received_at),
        "subject": side_by_side([variant.subject], language)[0],
        "paragraphs": side_by_side([*variant.paragraphs, *COMMON_PARAGRAPHS], language),
        "translation_language": None if language == "de" else language,
        "translation_rtl": language in RTL_LANGUAGES,
    }
    with translation.override("de"):
        return render_pdf("openarea/receipts/informal_letter_pdf.html", context)


def power_of_attorney_pdf(language: str) -> bytes:
    """A blank Vollmacht (§ 13 SGB X) to fill in by hand, German with a translation beside it."""
    context = {
        "paragraphs": side_by_side(POWER_OF_ATTORNEY_PARAGRAPHS, language),
        "translation_language": None if language == "de" else language,
        "translation_rtl": language in RTL_LANGUAGES,
    }
    with translation.override("de"):
        return render_pdf("openarea/receipts/power_of_attorney_pdf.html", context)


def forwarding_sheet_pdf(*, office, day: date, receipts: list[Receipt], printed_by: str) -> bytes:
    """The cover sheet for one office's envelope of the day (internal, German)."""
    context = {
        "office": office,
        "day": day,
        "receipts": receipts,
        "total_pages": sum(receipt.total_pages for receipt in receipts),
        "printed_by": printed_by,
        "printed_at": timezone.localtime(),
    }
    with translation.override("de"):
        return render_pdf("openarea/receipts/forwarding_sheet_pdf.html", context)
