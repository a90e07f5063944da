"""``{% kiosk_session_field %}``: the current kiosk session's form value (openarea/kiosk_guard.py).

Put it into every POST form that a kiosk page shows. On pages outside /kiosk/ (the public
quick check shares its templates) it renders nothing, unless the browser is a kiosk (its
error pages).
"""

from django import template
from django.utils.html import format_html

from openarea import kiosk_guard
from openarea.middleware import KIOSK_NAMESPACE

register = template.Library()


@register.simple_tag(takes_context=True)
def kiosk_session_field(context):
    request = context.get("request")
    if request is None or not hasattr(request, "session"):
        return ""  # the kiosk middleware's early 404 comes before sessions: its forms lead to the start anyway
    match = getattr(request, "resolver_match", None)
    on_kiosk_page = match is not None and match.namespace == KIOSK_NAMESPACE
    # A kiosk's error pages (outside the kiosk namespace) still offer the language and reset forms.
    if not on_kiosk_page and getattr(request, "kiosk", None) is None:
        return ""
    return format_html('<input type="hidden" name="{}" value="{}">', kiosk_guard.FIELD, kiosk_guard.form_value(request))
