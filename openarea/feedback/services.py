"""Writes of the yellow card: a visitor hands one in, the team lead works through it."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from openarea.models import YellowCard, YellowCardStatusChange


def yellow_card_submit(
    *, kind: str, text: str, language: str, contact_name: str = "", contact_phone: str = "", contact_email: str = "", token=None
) -> tuple[YellowCard, bool]:
    """A new card from the kiosk, status "new". No actor: visitors are anonymous by design.

    Returns the card and whether it is new: the same form sent twice gives the first card."""
    if token:
        already = YellowCard.objects.filter(form_token=str(token)).first()
        if already:
            return already, False
    try:
        with transaction.atomic():
            return _card_create(kind, text, language, contact_name, contact_phone, contact_email, token), True
    except IntegrityError:
        if not token:
            raise
        return YellowCard.objects.get(form_token=str(token)), False


def _card_create(kind, text, language, contact_name, contact_phone, contact_email, token) -> YellowCard:
    card = YellowCard(
        form_token=str(token) if token else None,
        kind=kind,
        text=text.strip(),
        language=language,
        contact_name=contact_name.strip(),
        contact_phone=contact_phone.strip(),
        contact_email=contact_email.strip(),
    )
    card.full_clean()
    card.save()
    return card


@transaction.atomic
def yellow_card_update(*, card: YellowCard, actor, status: str, answer_note: str) -> YellowCard:
    """Change status and internal note; each change of status is recorded with who and when."""
    card = YellowCard.objects.select_for_update().get(pk=card.pk)
    if status != card.status:
        YellowCardStatusChange.objects.create(card=card, from_status=card.status, to_status=status, changed_by=actor)
        card.status = status
    card.answer_note = answer_note.strip()
    card.full_clean()
    card.save()
    return card


# Marks the card in the team lead's inbox: barrier reports must be answered (BITV 2.0 § 7).
ACCESSIBILITY_CARD_PREFIX = "Barrierefreiheit"


def accessibility_feedback_submit(
    *, where: str, text: str, language: str, contact_name: str = "", contact_email: str = "", contact_phone: str = "", token=None
) -> tuple[YellowCard, bool]:
    """A barrier reported on the accessibility statement, stored as a yellow card (suggestion)."""
    from openarea.models import CardKind

    where = " ".join(where.split())
    heading = f"{ACCESSIBILITY_CARD_PREFIX} – {where}" if where else ACCESSIBILITY_CARD_PREFIX
    return yellow_card_submit(
        kind=CardKind.SUGGESTION,
        text=f"{heading}:\n{text.strip()}",
        language=language,
        contact_name=contact_name,
        contact_phone=contact_phone,
        contact_email=contact_email,
        token=token,
    )
