from django import template
from django.utils.html import format_html

from infopoint.lib.money import format_money_de
from screening.labels import DOCUMENT_LABELS, PROGRAM_LABELS, STATUS_LABELS

register = template.Library()


@register.filter
def program_label(key):
    return PROGRAM_LABELS.get(key, key)


@register.filter
def document_label(key):
    return DOCUMENT_LABELS.get(key, key)


@register.filter
def status_label(key):
    return STATUS_LABELS.get(key, key)


@register.filter
def money(value):
    """An amount as "1.234,50 €", isolated left-to-right so it reads right inside Arabic text."""
    if value is None or value == "":
        return ""
    return format_html('<bdi dir="ltr" class="money">{}</bdi>', format_money_de(value))
