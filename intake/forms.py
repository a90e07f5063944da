from django import forms
from django.utils.translation import gettext_lazy as _

from infopoint.forms import KernFormMixin
from intake.models import Channel, Concern, Language, Visit

COMMON_CONCERNS = [Concern.SGB2, Concern.SGB12, Concern.WOHNGELD, Concern.KIZ, Concern.ENERGY, Concern.OTHER]


class WalkInForm(KernFormMixin, forms.Form):
    """Everything optional but the language: a walk-in is recorded in seconds."""

    name = forms.CharField(label=_("Name (as the visitor wants to be called)"), max_length=200, required=False)
    description = forms.CharField(
        label=_("Or a description"), max_length=100, required=False, help_text=_("For example: woman with a red scarf")
    )
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices, initial=Language.GERMAN)
    concerns = forms.MultipleChoiceField(
        label=_("Concern"), choices=[(c.value, c.label) for c in COMMON_CONCERNS], required=False, widget=forms.CheckboxSelectMultiple
    )
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices, initial=Channel.WALK_IN)


class VisitFinishForm(KernFormMixin, forms.ModelForm):
    class Meta:
        model = Visit
        fields = ["service", "concerns", "interpreter", "companion_present", "duration_minutes", "outcome"]
        widgets = {"concerns": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["concerns"] = forms.MultipleChoiceField(
            label=_("Concerns"), choices=Concern.choices, required=False, widget=forms.CheckboxSelectMultiple
        )
        self.fields["service"].required = True
        self.fields["outcome"].required = True

    def clean_duration_minutes(self):
        minutes = self.cleaned_data.get("duration_minutes")
        if minutes is not None and minutes > 600:
            raise forms.ValidationError(_("Please enter the duration in minutes (at most 600)."), code="too_long")
        return minutes
