from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from infopoint.forms import FormTokenField, KernFormMixin
from intake.models import Concern


class KioskEnrolForm(KernFormMixin, forms.Form):
    # One device per submitted form, even on a double click (security.md I5).
    token = FormTokenField()
    name = forms.CharField(
        label=_("Name of this kiosk"),
        max_length=100,
        help_text=_("For example: Kiosk 1 by the window"),
    )

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Please give the kiosk a name."), code="blank")
        return name


# Topics a visitor can pick on the kiosk: the intake concerns, in words a visitor uses.
ADVICE_TOPICS = [
    (Concern.SGB2, _("Bürgergeld / Grundsicherungsgeld (Jobcenter)")),
    (Concern.SGB12, _("Sozialhilfe or Grundsicherung in old age (Sozialamt)")),
    (Concern.WOHNGELD, _("Wohngeld (help with the rent)")),
    (Concern.KIZ, _("Money for children (Kinderzuschlag, Kindergeld)")),
    (Concern.ALG1, _("Unemployment benefit (Arbeitslosengeld)")),
    (Concern.ENERGY, _("Energy costs or back-payments")),
    (Concern.RENT_DEBTS, _("Rent debts")),
    (Concern.DEBTS, _("Debts")),
    (Concern.OTHER, _("Something else")),
]
# The quick check's programmes, as the topic that fits them.
TOPIC_OF_PROGRAM = {"sgb2": Concern.SGB2, "sgb12_ch3": Concern.SGB12, "sgb12_ch4": Concern.SGB12, "wohngeld": Concern.WOHNGELD,
                    "kiz": Concern.KIZ, "kindergeld": Concern.KIZ, "uvg": Concern.KIZ, "alg1": Concern.ALG1,
                    "energy": Concern.ENERGY}  # a high bill or a threatened cut-off (the "bills" question)


class AdviceRequestForm(forms.Form):
    """A visitor on the kiosk asks to talk to someone; they are called by what they type here."""

    called_as = forms.CharField(
        label=_("Your first name, or how we can recognise you"),
        help_text=_("For example: Ayşe, or: man with the blue jacket"),
        max_length=60,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "words", "spellcheck": "false", "class": "kern-form-input__input"}),
        error_messages={"required": _("Please tell us how we can find you: a first name or a short description.")},
    )
    language = forms.ChoiceField(
        label=_("In which language would you like to talk?"),
        choices=settings.LANGUAGES + [("other", _("another language"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose a language.")},
    )
    topic = forms.ChoiceField(
        label=_("What is it about?"),
        choices=ADVICE_TOPICS,
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose what it is about.")},
    )
    token = FormTokenField()

    def clean_called_as(self):
        called_as = " ".join(self.cleaned_data["called_as"].split())
        if not called_as:
            raise forms.ValidationError(_("Please tell us how we can find you: a first name or a short description."), code="blank")
        return called_as
