"""The yellow-card inbox for the team lead (and administration)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from infopoint.lib.audit import log_read
from openarea.feedback import selectors, services
from openarea.feedback.forms import CardFilterForm, CardUpdateForm

CARDS_PER_PAGE = 50


@require_safe
def card_list(request):
    filters = CardFilterForm(request.GET)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    cards = selectors.yellow_card_list(status=chosen.get("status", ""), kind=chosen.get("kind", ""))
    page = Paginator(cards, CARDS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "openarea/feedback/card_list.html", {"page": page, "filters": filters})


def _detail_page(request, card, form=None, status=200):
    if card.has_contact:
        log_read(actor=request.user, instance=card, purpose="yellow-card-detail")
    context = {
        "card": card,
        "form": form or CardUpdateForm(initial={"status": card.status, "answer_note": card.answer_note}),
        "changes": card.status_changes.select_related("changed_by"),
    }
    return render(request, "openarea/feedback/card_detail.html", context, status=status)


@require_safe
def card_detail(request, card):
    return _detail_page(request, selectors.yellow_card_get(pk=card))


@require_POST
def card_update(request, card):
    card = selectors.yellow_card_get(pk=card)
    form = CardUpdateForm(request.POST)
    if not form.is_valid():
        return _detail_page(request, card, form, status=400)
    services.yellow_card_update(card=card, actor=request.user, **form.cleaned_data)
    messages.success(request, _("The yellow card has been updated."))
    return redirect("openarea:card-detail", card=card.pk)
