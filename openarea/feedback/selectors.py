from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from openarea.models import CardStatus, YellowCard


def yellow_card_list(*, status: str = "", kind: str = "") -> QuerySet[YellowCard]:
    """The inbox, newest first, optionally narrowed by status and kind."""
    cards = YellowCard.objects.all()
    if status:
        cards = cards.filter(status=status)
    if kind:
        cards = cards.filter(kind=kind)
    return cards.order_by("-created_at", "-pk")


def yellow_card_get(*, pk: int) -> YellowCard:
    return get_object_or_404(YellowCard, pk=pk)


def new_card_count() -> int:
    return YellowCard.objects.filter(status=CardStatus.NEW).count()
