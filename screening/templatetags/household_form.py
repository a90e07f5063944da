"""Form inputs for the dynamic household form, in KERN UX markup with the error at the field."""

from django import template

register = template.Library()


@register.inclusion_tag("screening/_input.html", takes_context=True)
def field(context, name, label, kind="text", options=None, hint="", autofocus=False, width=""):
    form = context["form"]
    values = context.get("flat_values")
    if values is None:
        values = context["flat_values"] = form.flat_values()
    value = values.get(name, "")
    return {
        "name": name,
        "id": f"f-{name}",
        "label": label,
        "kind": kind,
        "value": value,
        "values": value if isinstance(value, list) else [],
        "options": options or [],
        "hint": hint,
        "error": form.errors.get(name, ""),
        "autofocus": autofocus or form.focus == name,
        "width": width,
    }
