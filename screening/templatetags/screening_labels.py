from django import template

from screening.labels import DOCUMENT_LABELS, PROGRAM_LABELS, STATUS_LABELS, money_html

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
    """An amount in the page's language ("1.234,50 €" in German, "1,234.50 €" in English),
    isolated left-to-right so it reads right inside Arabic text."""
    return money_html(value)
