"""Catalogue completeness: German complete, every language complete for what visitors see."""

import ast
import re
import subprocess
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation.template import templatize

from infopoint.lib.stuttgart import WEEKDAY_NAMES
from openarea.feedback.forms import AccessibilityFeedbackForm
from openarea.forms import ADVICE_TOPICS, AdviceRequestForm
from openarea.quick_check.questions import QUESTIONS
from openarea.receipts.informal import informal_visitor_texts

TEMPLATES = settings.BASE_DIR / "templates"
# Everything a visitor can see: the kiosk, error pages and what is printed for them.
VISITOR_TEMPLATES = [
    "base_kiosk.html",
    "base_public.html",
    "base_print.html",
    "openarea/visitor/*.html",
    "openarea/public/*.html",
    "openarea/quick_check/*.html",
    "includes/_opening_status.html",
    "openarea/kiosk/*.html",
    "openarea/_forms_list.html",
    "openarea/_form_heading.html",
    "openarea/_form_guide.html",
    "errors/*.html",
    "includes/_opening_hours.html",
    "referrals/_office_contact.html",
    "intake/visitor_sheet.html",
    "referrals/slip.html",
    "referrals/calendar_email.txt",
    "referrals/calendar_email_subject.txt",
    # Printed for visitors: the receipt, the signed informal application and the power of attorney.
    "openarea/receipts/receipt_pdf.html",
    "openarea/receipts/informal_letter_pdf.html",
    "openarea/receipts/power_of_attorney_pdf.html",
    # The accessibility statement, public and on the kiosk.
    "openarea/accessibility/*.html",
]


def _visible_texts(field) -> list:
    return [field.label, field.help_text, field.error_messages["required"]]


VISITOR_PYTHON_STRINGS = [
    settings.SITE_TITLE,
    *WEEKDAY_NAMES,
    *(text for question in QUESTIONS for text in (question.text, question.why, *(c.label for c in question.choices))),
    *(label for _topic, label in ADVICE_TOPICS),
    *(text for name in ("called_as", "language", "topic") for text in _visible_texts(AdviceRequestForm.base_fields[name])),
    *informal_visitor_texts(),
    *(text for field in AccessibilityFeedbackForm.base_fields.values() for text in (field.label, field.help_text) if text),
]
LANGUAGES = [code for code, _name in settings.LANGUAGES]

_CALL = re.compile(r"\b(n?p?gettext)\(((?:u?'(?:[^'\\]|\\.)*'(?:,\s*)?)+)")
_LITERAL = re.compile(r"u?'(?:[^'\\]|\\.)*'")


def _msgids_in(path: Path) -> set[str]:
    found = set()
    for function, args in _CALL.findall(templatize(path.read_text(encoding="utf-8"), origin=str(path))):
        literals = [ast.literal_eval(lit) for lit in _LITERAL.findall(args)]
        if function.startswith("p"):
            literals = literals[1:]  # drop the context
        found.update(literals)
    return found


def visitor_msgids() -> set[str]:
    with translation.override(None):  # no language: a lazy string shows its msgid
        # Plain strings (digits, proper names of languages) are not for translation.
        msgids = {str(text) for text in VISITOR_PYTHON_STRINGS if isinstance(text, Promise) and str(text)}
    for pattern in VISITOR_TEMPLATES:
        for path in TEMPLATES.glob(pattern):
            msgids |= _msgids_in(path)
    return msgids


def _catalogue(code: str) -> polib.POFile:
    path = settings.BASE_DIR / "locale" / code / "LC_MESSAGES" / "django.po"
    assert path.exists(), f"{path} is missing"
    return polib.pofile(str(path))


def test_the_extraction_finds_the_kiosk_welcome():
    assert "Welcome to the Infopoint Sozialleistungen" in visitor_msgids()
    assert "Error ID: %(error_id)s" in visitor_msgids()


PROJECT_PACKAGES = ["infopoint", "intake", "screening", "referrals", "openarea", "stats"]


def python_msgids() -> set[str]:
    """Every msgid marked in our Python code, extracted by xgettext as makemessages does."""
    files = [
        str(path)
        for package in PROJECT_PACKAGES
        for path in (settings.BASE_DIR / package).rglob("*.py")
        if "migrations" not in path.parts
    ]
    keywords = ["-k_", "-kgettext", "-kgettext_lazy", "-kngettext:1,2", "-kpgettext:1c,2", "-kpgettext_lazy:1c,2"]
    pot = subprocess.run(
        ["xgettext", "--language=Python", "--from-code=UTF-8", "-o", "-", *keywords, *files],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return {entry.msgid for entry in polib.pofile(pot)}


def all_template_msgids() -> set[str]:
    return {msgid for path in TEMPLATES.rglob("*.html") for msgid in _msgids_in(path)}


def test_the_german_catalogue_is_complete():
    catalogue = _catalogue("de")
    untranslated = [e.msgid for e in catalogue.untranslated_entries()]
    fuzzy = [e.msgid for e in catalogue.fuzzy_entries()]
    assert untranslated == [] and fuzzy == []


def _translated_msgids(catalogue: polib.POFile) -> set[str]:
    """Singular and plural msgids of every translated entry (extraction yields both)."""
    entries = catalogue.translated_entries()
    return {entry.msgid for entry in entries} | {entry.msgid_plural for entry in entries if entry.msgid_plural}


def test_the_german_catalogue_has_every_string_of_the_code():
    translated = _translated_msgids(_catalogue("de"))
    missing = sorted((python_msgids() | all_template_msgids()) - translated)
    assert missing == [], "run `make messages` and translate the new strings"


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_catalogue_is_complete_for_what_visitors_see(code):
    catalogue = _catalogue(code)
    translated = _translated_msgids(catalogue)
    fuzzy = {entry.msgid for entry in catalogue.fuzzy_entries()}
    needed = visitor_msgids()
    missing = sorted(needed - translated)
    assert missing == [], f"{code}: untranslated visitor strings"
    assert sorted(needed & fuzzy) == [], f"{code}: fuzzy visitor strings"


@pytest.mark.parametrize("code", LANGUAGES)
def test_translations_keep_their_placeholders(code):
    placeholder = re.compile(r"%\(\w+\)s")
    for entry in _catalogue(code).translated_entries():
        expected = sorted(placeholder.findall(entry.msgid))
        translations = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        for translated in translations:
            assert sorted(placeholder.findall(translated)) == expected, entry.msgid
