"""Widgets drawn in Python (infopoint/lib/form_renderer.py) are the bytes Django's templates draw.

The whole suite compares every widget it renders (tests/checked_form_renderer.py); these are the
edge cases the project's own forms may not reach: escaping, safe strings, lazy and localised
labels, option groups, boolean attributes, empty values, and the widgets left to the templates.
"""

import datetime
from decimal import Decimal

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

import infopoint.settings as production_settings
from infopoint.lib.form_renderer import PythonWidgetRenderer
from tests import factories
from tests.checked_form_renderer import CheckedWidgetRenderer, WidgetMarkupDiffers

NASTY = "Müller & \"Söhne\" <b>'x'</b>"
GROUPED = [
    ("", "– please choose –"),
    (gettext_lazy("Districts"), [(1, "Mitte"), (2, NASTY), (1000, 1000)]),
    ("Other", [("x", mark_safe("<i>safe</i>")), ("y", gettext_lazy("Other"))]),
]


def _both(widget: forms.Widget, name: str, value, attrs=None) -> tuple[str, str]:
    python = widget.render(name, value, attrs=attrs, renderer=PythonWidgetRenderer())
    by_template = widget.render(name, value, attrs=attrs, renderer=DjangoTemplates())
    return python, by_template


CASES = [
    ("text with markup in value and attributes", forms.TextInput(attrs={"placeholder": NASTY, "data-x": 5}), NASTY),
    ("text without value", forms.TextInput(), None),
    ("text with a safe value", forms.TextInput(), mark_safe("<b>ok</b>")),
    ("true and false attributes", forms.TextInput(attrs={"required": True, "disabled": False, "autofocus": True}), "a"),
    ("lazy attribute", forms.TextInput(attrs={"aria-label": gettext_lazy("Search")}), ""),
    ("number with a decimal", forms.NumberInput(attrs={"step": "0.01"}), Decimal("1234.50")),
    ("date", forms.DateInput(attrs={"type": "date"}), datetime.date(2026, 11, 25)),
    ("hidden", forms.HiddenInput(), "token-1"),
    ("password never shows its value", forms.PasswordInput(), "secret"),
    ("email", forms.EmailInput(), "a@example.org"),
    ("checkbox checked", forms.CheckboxInput(), True),
    ("checkbox unchecked", forms.CheckboxInput(attrs={"class": "kern-form-check__checkbox"}), False),
    ("textarea with markup and leading newline", forms.Textarea(attrs={"rows": 3}), "\n</textarea><script>x</script>"),
    ("empty textarea", forms.Textarea(), ""),
    ("textarea without value", forms.Textarea(), None),
    ("select with groups", forms.Select(choices=GROUPED), 2),
    ("select without a choice", forms.Select(choices=GROUPED), None),
    ("select multiple", forms.SelectMultiple(choices=GROUPED), [1, "x"]),
    ("yes/no/unknown", forms.NullBooleanSelect(), None),
    ("radio with groups", forms.RadioSelect(choices=GROUPED), "y"),
    ("radio without id", forms.RadioSelect(choices=[("a", NASTY), ("b", "B")]), "a"),
    ("checkboxes with groups", forms.CheckboxSelectMultiple(choices=GROUPED), [2, 1000]),
    ("checkboxes with a class", forms.CheckboxSelectMultiple(attrs={"class": "boxes"}, choices=[(1, "a")]), []),
]


@pytest.mark.parametrize(("widget", "value"), [(w, v) for _n, w, v in CASES], ids=[n for n, _w, _v in CASES])
@pytest.mark.parametrize("language", ["de", "ar"])
@pytest.mark.parametrize("attrs", [None, {"id": "id_field", "aria-describedby": "id_field_helptext"}], ids=["no-id", "id"])
def test_widget_markup_is_the_templates_byte_for_byte(widget, value, language, attrs, settings):
    settings.USE_THOUSAND_SEPARATOR = True  # localised numbers in labels must match too
    with translation.override(language):
        drawn = PythonWidgetRenderer().python_html(widget.template_name, widget.get_context("field", value, attrs))
        python, by_template = _both(widget, "field", value, attrs)
    assert drawn is not None, "drawn by the template, not in Python"
    assert python == by_template


def test_a_check_box_of_a_list_drawn_on_its_own_matches_the_template():
    class Languages(forms.Form):
        languages = forms.MultipleChoiceField(choices=[("de", "Deutsch"), ("ar", NASTY)], widget=forms.CheckboxSelectMultiple)

    python_form = Languages(initial={"languages": ["ar"]}, renderer=PythonWidgetRenderer())
    template_form = Languages(initial={"languages": ["ar"]}, renderer=DjangoTemplates())
    python_tags = [choice.tag() for choice in python_form["languages"]]
    template_tags = [choice.tag() for choice in template_form["languages"]]
    assert python_tags == template_tags
    option = python_form["languages"].subwidgets[1]
    assert PythonWidgetRenderer().python_html(option.template_name, {"widget": {**option.data, "wrap_label": False}})
    assert 'checked' in python_tags[1]


@pytest.mark.parametrize(
    "widget",
    [forms.ClearableFileInput(), forms.SplitDateTimeWidget(), forms.SelectDateWidget(years=[2026])],
    ids=["file", "split-date-time", "select-date"],
)
def test_widgets_not_drawn_in_python_still_render_through_their_templates(widget):
    assert PythonWidgetRenderer().python_html(widget.template_name, widget.get_context("f", None, None)) is None
    python, by_template = _both(widget, "f", None)
    assert python == by_template


def test_a_select_with_its_own_option_template_is_left_to_the_templates():
    widget = forms.Select(choices=[(1, "a")])
    widget.option_template_name = "django/forms/widgets/radio_option.html"
    context = widget.get_context("f", 1, None)
    assert PythonWidgetRenderer().python_html(widget.template_name, context) is None


def test_the_test_suite_fails_when_python_and_template_markup_differ():
    class Broken(CheckedWidgetRenderer):
        def python_html(self, template_name, context):
            html = super().python_html(template_name, context)
            return None if html is None else html.replace("<input", "<input data-broken")

    with pytest.raises(WidgetMarkupDiffers, match="data-broken"):
        forms.TextInput().render("f", "x", renderer=Broken())


def test_the_suite_compares_widgets_and_production_draws_them_in_python(advisor_client):
    visitor = factories.VisitFactory().visitor
    before = CheckedWidgetRenderer.compared
    response = advisor_client.get(reverse("intake:visitor-detail", kwargs={"code": visitor.code}))
    assert response.status_code == 200
    assert CheckedWidgetRenderer.compared > before + 20
    assert production_settings.FORM_RENDERER == "infopoint.lib.form_renderer.PythonWidgetRenderer"
