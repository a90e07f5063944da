"""The test suite's form renderer: each widget drawn in Python is also drawn by Django's templates.

A difference raises at once, in whatever test rendered the widget, so the whole suite (pages,
error pages, fuzzed forms, admin forms) checks infopoint/lib/form_renderer.py byte for byte.
"""

from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe

from infopoint.lib.form_renderer import PythonWidgetRenderer


class WidgetMarkupDiffers(AssertionError):
    pass


class CheckedWidgetRenderer(PythonWidgetRenderer):
    compared = 0  # widgets compared so far in this process

    def render(self, template_name, context, request=None):
        html = self.python_html(template_name, context)
        by_template = DjangoTemplates.render(self, template_name, context, request)
        if html is None:
            return by_template
        if html != by_template:
            raise WidgetMarkupDiffers(f"{template_name}:\nPython:   {html!r}\ntemplate: {by_template!r}")
        type(self).compared += 1
        return mark_safe(html)  # noqa: S308 - the same bytes as the template's escaped output
