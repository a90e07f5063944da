"""The e-mail that brings a referral's calendar file to the visitor, in their language and German."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.template.loader import render_to_string
from django.utils import translation

from intake.models import ConsentScope, Visitor
from referrals.ics import appointment_ics
from referrals.models import Referral


def calendar_email_address(visitor: Visitor) -> str:
    """The visitor's e-mail address, if they gave one and agreed to be contacted; otherwise ""."""
    if visitor.consent_scope != ConsentScope.CALLBACK or not visitor.contact:
        return ""
    try:
        validate_email(visitor.contact)
    except ValidationError:
        return ""  # a phone number
    return visitor.contact


def visitor_language(referral: Referral) -> str:
    """The conversation's language, else the first the visitor speaks, else German."""
    offered = dict(settings.LANGUAGES)
    candidates = [referral.visit.language if referral.visit else "", *referral.visitor.languages]
    return next((code for code in candidates if code in offered), "de")


def calendar_email(referral: Referral, *, to: str, host: str) -> EmailMessage:
    language = visitor_language(referral)
    languages = ["de"] if language == "de" else [language, "de"]
    context = {"referral": referral, "office": referral.office, "languages": languages, "contact_phone": settings.INFOPOINT_PHONE}
    subjects = []
    for code in languages:
        with translation.override(code):
            subjects.append(render_to_string("referrals/calendar_email_subject.txt", context).strip())
    message = EmailMessage(
        subject=" / ".join(subjects),
        body=render_to_string("referrals/calendar_email.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
    )
    message.attach(f"infopoint-termin-{referral.pk}.ics", appointment_ics(referral, host=host), "text/calendar")
    return message
