from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from infopoint.forms import FormTokenField, KernFormMixin
from intake.models import Channel, Clearing, Concern, ConsentScope, Event, Language, Visit, Visitor


class WalkInForm(KernFormMixin, forms.Form):
    """Everything optional but the language: a walk-in is recorded in seconds."""

    name = forms.CharField(label=_("Name (as the visitor wants to be called)"), max_length=200, required=False)
    description = forms.CharField(
        label=_("Or a description"), max_length=100, required=False, help_text=_("For example: woman with a red scarf")
    )
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices, initial=Language.GERMAN)
    concerns = forms.MultipleChoiceField(label=_("Concerns"), choices=Concern.choices, required=False, widget=forms.CheckboxSelectMultiple)
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices, initial=Channel.WALK_IN)
    clearing = forms.ChoiceField(label=_("Clearing"), choices=Clearing.choices, required=False)
    token = FormTokenField()


class VisitFinishForm(KernFormMixin, forms.ModelForm):
    class Meta:
        model = Visit
        fields = ["arrived_at", "channel", "language", "service", "concerns", "interpreter", "companion_present", "duration_minutes", "outcome", "clearing"]
        widgets = {"arrived_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["concerns"] = forms.MultipleChoiceField(
            label=_("Concerns"), choices=Concern.choices, required=False, widget=forms.CheckboxSelectMultiple
        )
        self.fields["service"].required = True
        self.fields["outcome"].required = True

    def clean_arrived_at(self):
        arrived = self.cleaned_data["arrived_at"]
        if arrived > timezone.now() + timedelta(minutes=5):
            raise forms.ValidationError(_("The contact cannot lie in the future."), code="future")
        return arrived

    def clean_duration_minutes(self):
        minutes = self.cleaned_data.get("duration_minutes")
        if minutes is not None and minutes > 600:
            raise forms.ValidationError(_("Please enter the duration in minutes (at most 600)."), code="too_long")
        return minutes


class VisitorProfileForm(KernFormMixin, forms.ModelForm):
    class Meta:
        model = Visitor
        fields = [
            "name", "description", "birth_year", "age_band", "district", "household_type",
            "migration_background", "languages", "contact", "consent_scope",
        ]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["languages"] = forms.MultipleChoiceField(
            label=_("Languages"), choices=Language.choices, required=False, widget=forms.CheckboxSelectMultiple,
            initial=self.instance.languages if self.instance else [],
        )

    def clean_birth_year(self):
        year = self.cleaned_data.get("birth_year")
        if year is not None and not 1900 <= year <= timezone.localdate().year:
            raise forms.ValidationError(_("Please enter a year between 1900 and this year."), code="range")
        return year

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("contact") and cleaned.get("consent_scope") != ConsentScope.CALLBACK:
            self.add_error("contact", _("A contact for call-backs may only be stored with the visitor's consent to call back."))
        return cleaned


class NoteForm(KernFormMixin, forms.Form):
    text = forms.CharField(label=_("Note"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    token = FormTokenField()


class FollowUpForm(KernFormMixin, forms.Form):
    task = forms.CharField(label=_("Task"), max_length=200, help_text=_("For example: call back, ask whether the application was filed"))
    due_on = forms.DateField(label=_("Due on"), widget=forms.DateInput(attrs={"type": "date"}))
    token = FormTokenField()

    def clean_due_on(self):
        due = self.cleaned_data["due_on"]
        if due < timezone.localdate():
            raise forms.ValidationError(_("The due date lies in the past."), code="past")
        return due


class VisitorSearchForm(KernFormMixin, forms.Form):
    query = forms.CharField(label=_("Find a visitor by name, description or code"), max_length=100, min_length=2)


class EventForm(KernFormMixin, forms.ModelForm):
    token = FormTokenField()

    class Meta:
        model = Event
        fields = ["kind", "date", "place", "district", "partner", "attendees", "languages"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["languages"] = forms.MultipleChoiceField(
            label=_("Languages"), choices=Language.choices, required=False, widget=forms.CheckboxSelectMultiple
        )

    def clean_attendees(self):
        attendees = self.cleaned_data["attendees"]
        if attendees > 5000:
            raise forms.ValidationError(_("Please check the number of attendees."), code="too_many")
        return attendees
