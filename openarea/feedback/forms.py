from django import forms
from django.utils.translation import gettext_lazy as _

from infopoint.forms import FormTokenField, KernFormMixin
from openarea.models import CardKind, CardStatus

_OFF = {"autocomplete": "off"}


class YellowCardForm(KernFormMixin, forms.Form):
    """The kiosk's yellow card. Contact details count only if the visitor asks for an answer."""

    token = FormTokenField()
    kind = forms.ChoiceField(label=_("What would you like to give us?"), choices=CardKind.choices, widget=forms.RadioSelect)
    text = forms.CharField(
        label=_("Your message"),
        max_length=3000,
        widget=forms.Textarea(attrs={**_OFF, "rows": 5, "spellcheck": "false"}),
    )
    wants_answer = forms.TypedChoiceField(
        label=_("Would you like an answer?"),
        choices=[("no", _("No, I stay anonymous")), ("yes", _("Yes, please contact me"))],
        coerce=lambda value: value == "yes",
        initial="no",
        widget=forms.RadioSelect,
    )
    contact_name = forms.CharField(label=_("Your name"), max_length=100, required=False, widget=forms.TextInput(attrs=_OFF))
    contact_phone = forms.CharField(label=_("Your phone number"), max_length=40, required=False, widget=forms.TextInput(attrs={**_OFF, "inputmode": "tel"}))
    contact_email = forms.EmailField(label=_("Your e-mail address"), required=False, widget=forms.EmailInput(attrs=_OFF))

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("Please write a few words."), code="blank")
        return text

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("wants_answer"):
            # Anonymous means anonymous: whatever was typed into the contact fields is dropped.
            for field in ("contact_name", "contact_phone", "contact_email"):
                cleaned[field] = ""
            return cleaned
        if not cleaned.get("contact_name", "").strip() and "contact_name" not in self.errors:
            self.add_error("contact_name", _("Please tell us your name so that we can answer you."))
        if not cleaned.get("contact_phone", "").strip() and not cleaned.get("contact_email") and "contact_email" not in self.errors:
            self.add_error("contact_phone", _("Please give a phone number or an e-mail address."))
        return cleaned


class CardFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=[("", _("all"))] + CardStatus.choices, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", _("all"))] + CardKind.choices, required=False)


class CardUpdateForm(KernFormMixin, forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=CardStatus.choices)
    answer_note = forms.CharField(
        label=_("Internal note on the answer"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For the team only, e.g. who answered how and when. Never shown to visitors."),
    )


class AccessibilityFeedbackForm(KernFormMixin, forms.Form):
    """A barrier reported from the accessibility statement (BITV 2.0 § 7 feedback channel)."""

    token = FormTokenField()
    where = forms.CharField(
        label=_("Where did you meet the barrier?"),
        help_text=_("For example the page, the form or the document."),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs=_OFF),
    )
    text = forms.CharField(
        label=_("What did not work for you?"),
        max_length=2500,
        widget=forms.Textarea(attrs={**_OFF, "rows": 5}),
    )
    contact_name = forms.CharField(label=_("Your name"), max_length=100, required=False, widget=forms.TextInput(attrs=_OFF))
    contact_email = forms.EmailField(label=_("Your e-mail address"), required=False, widget=forms.EmailInput(attrs=_OFF))
    contact_phone = forms.CharField(label=_("Your phone number"), max_length=40, required=False, widget=forms.TextInput(attrs={**_OFF, "inputmode": "tel"}))

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("Please describe the barrier in a few words."), code="blank")
        return text
