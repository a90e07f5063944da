"""Django's simple form widgets drawn in Python, byte for byte as its own templates draw them.

Why: Django renders every widget, every ``<option>`` and every attribute list as a template
include. The visitor page's details form (12 fields, 43 options, 64 attribute lists) spent about
15 ms in those includes, a third of the page (issue 11). Here the same markup comes from a few
string joins. Escaping, localisation and whitespace follow the templates exactly: the test
settings draw every widget the suite renders both ways and compare the bytes
(``tests/checked_form_renderer.py``), and ``tests/infopoint/test_form_renderer.py`` adds the
edge cases.

Only Django's own templates named below are replaced; any other template (a widget of the
admin, a custom option template, multi-widgets, file inputs) still goes through the template
engine. Like Django's default renderer, this one does not look at the project's templates, so
an override of these widget templates would need ``TemplatesSetting`` and this module removed.
"""

from django.forms.renderers import DjangoTemplates
from django.utils.formats import localize
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeData, mark_safe
from django.utils.timezone import template_localtime

_WIDGETS = "django/forms/widgets/"
_INPUT = _WIDGETS + "input.html"
_INPUT_OPTION = _WIDGETS + "input_option.html"
_SELECT_OPTION = _WIDGETS + "select_option.html"
_MULTIPLE_INPUT = _WIDGETS + "multiple_input.html"

# Templates whose whole text is ``{% include "django/forms/widgets/input.html" %}`` and a newline.
_INCLUDES_INPUT = frozenset(
    _WIDGETS + name + ".html"
    for name in ("text", "email", "number", "password", "hidden", "date", "datetime", "time", "url", "search", "tel", "color", "checkbox")
)  # fmt: skip
_INCLUDES_INPUT_OPTION = frozenset({_WIDGETS + "checkbox_option.html", _WIDGETS + "radio_option.html"})
_INCLUDES_MULTIPLE_INPUT = frozenset({_WIDGETS + "checkbox_select.html", _WIDGETS + "radio.html"})


def _text(value) -> str:
    """``{{ value }}``: local time, localised numbers and dates, escaped unless marked safe."""
    return conditional_escape(localize(template_localtime(value)))


def _formatted(value) -> str:
    """``{{ value|stringformat:'s' }}``: the filter keeps a safe input safe and the rest is escaped."""
    try:
        formatted = str(value)
    except (ValueError, TypeError):
        formatted = ""
    return formatted if isinstance(value, SafeData) else escape(formatted)


def _attrs(attrs: dict) -> str:
    """attrs.html: ``False`` leaves the attribute out, ``True`` writes its name alone."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        parts.append(" " + _text(name))
        if value is not True:
            parts.append('="' + _formatted(value) + '"')
    return "".join(parts)


def _input(widget: dict) -> str:
    value = ""
    if widget.get("value") != None:  # noqa: E711 - the template compares with !=, so do we
        value = ' value="' + _formatted(widget["value"]) + '"'
    return f'<input type="{_text(widget.get("type", ""))}" name="{_text(widget.get("name", ""))}"{value}{_attrs(widget["attrs"])}>\n'


def _input_option(widget: dict) -> str:
    if not widget.get("wrap_label"):
        return _input(widget) + "\n"
    label_id = widget["attrs"].get("id")
    label_for = f' for="{_text(label_id)}"' if label_id else ""
    return f"<label{label_for}>{_input(widget)} {_text(widget.get('label', ''))}</label>\n"


def _select_option(widget: dict) -> str:
    return f'<option value="{_formatted(widget["value"])}"{_attrs(widget["attrs"])}>{_text(widget.get("label", ""))}</option>\n'


def _select(widget: dict) -> str:
    parts = [f'<select name="{_text(widget.get("name", ""))}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_text(group_name)}">')
        for option in group_choices:
            parts.append("\n  " + _select_option(option))
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>\n")
    return "".join(parts)


def _multiple_input(widget: dict) -> str:
    id_ = widget["attrs"].get("id")
    css_class = widget["attrs"].get("class")
    parts = ["<div"]
    if id_:
        parts.append(f' id="{_text(id_)}"')
    if css_class:
        parts.append(f' class="{_text(css_class)}"')
    parts.append(">")
    for group, options, _index in widget["optgroups"]:
        if group:
            parts.append(f"\n  <div><label>{_text(group)}</label>")
        for option in options:
            parts.append("<div>\n    " + _input_option(option) + "\n</div>")
        if group:
            parts.append("\n  </div>")
    parts.append("\n</div>\n")
    return "".join(parts)


def _textarea(widget: dict) -> str:
    value = _text(widget["value"]) if widget.get("value") else ""
    return f'<textarea name="{_text(widget.get("name", ""))}"{_attrs(widget["attrs"])}>\n{value}</textarea>\n'


def _options_drawn_with(widget: dict, templates: frozenset) -> bool:
    """Whether every option uses one of Django's own option templates (a custom one goes to the engine)."""
    return all(option.get("template_name") in templates for _g, options, _i in widget["optgroups"] for option in options)


class PythonWidgetRenderer(DjangoTemplates):
    """Django's default form renderer, with the simple widgets drawn in Python (see the module)."""

    def render(self, template_name, context, request=None):
        html = self.python_html(template_name, context)
        if html is None:
            return super().render(template_name, context, request)
        return mark_safe(html)  # noqa: S308 - every value in it went through _text or _formatted

    def python_html(self, template_name: str, context) -> str | None:
        """The widget's markup, or None when its template is not one of those drawn here."""
        widget = context.get("widget") if isinstance(context, dict) and len(context) == 1 else None
        html = self._python_render(template_name, widget) if isinstance(widget, dict) else None
        return None if html is None else html.strip()  # as BaseRenderer.render strips the template's output

    @staticmethod
    def _python_render(template_name: str, widget: dict) -> str | None:
        if template_name == _INPUT:
            return _input(widget)
        if template_name in _INCLUDES_INPUT:
            return _input(widget) + "\n"
        if template_name == _SELECT_OPTION:
            return _select_option(widget)
        if template_name == _INPUT_OPTION:
            return _input_option(widget)
        if template_name in _INCLUDES_INPUT_OPTION:
            return _input_option(widget) + "\n"
        if template_name == _WIDGETS + "select.html" and _options_drawn_with(widget, frozenset({_SELECT_OPTION})):
            return _select(widget)
        if template_name in _INCLUDES_MULTIPLE_INPUT and _options_drawn_with(widget, _INCLUDES_INPUT_OPTION):
            return _multiple_input(widget) + "\n"
        if template_name == _MULTIPLE_INPUT and _options_drawn_with(widget, _INCLUDES_INPUT_OPTION):
            return _multiple_input(widget)
        if template_name == _WIDGETS + "textarea.html":
            return _textarea(widget)
        return None
