from datetime import datetime
from datetime import time as dt_time

from django import forms
from django.conf import settings
from django.contrib.auth.models import User
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from infopoint.forms import FormTokenField, KernFormMixin, validate_plausible_year
from intake.models import Interpreter
from referrals import lifecycle
from referrals.appointments.selectors import slot_times
from referrals.models import (
    CancelReason,
    NonTakeUpReason,
    Office,
    OutcomeAnswer,
    OutcomeSource,
    Referral,
    ReferralStatus,
    ShareableField,
)


class ReferralForm(KernFormMixin, forms.ModelForm):
    # One referral per submitted form, even on a double click (security.md I5).
    token = FormTokenField()
    shared_fields = forms.MultipleChoiceField(
        label=_("Data handed over"), choices=ShareableField.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    interpreter_language = forms.ChoiceField(
        label=_("Interpreter needed for"), choices=[("", _("no interpreter needed")), *settings.LANGUAGES], required=False
    )
    interpreter_kind = forms.ChoiceField(
        label=_("Kind of interpreting"), choices=[("", "–"), *[c for c in Interpreter.choices if c[0] != Interpreter.NONE]], required=False
    )

    class Meta:
        model = Referral
        fields = [
            "benefit", "office", "urgency", "reason", "shared_fields", "sharing_purpose", "consent_on", "escort",
            "interpreter_language", "interpreter_kind", "appointment_at", "appointment_place", "appointment_contact",
            "visitor_books_themselves",
        ]  # fmt: skip
        widgets = {
            "reason": forms.Textarea(attrs={"rows": 3}),
            "consent_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "appointment_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = Office.objects.filter(is_active=True)
        self.fields["appointment_at"].validators.append(validate_plausible_year)
        self.fields["consent_on"].validators.append(validate_plausible_year)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("shared_fields") and not cleaned.get("consent_on"):
            self.add_error("consent_on", _("Data may only be handed over with the visitor's consent: enter the day it was given."))
        if cleaned.get("consent_on") and cleaned["consent_on"] > timezone.localdate():
            self.add_error("consent_on", _("This date lies in the future."))
        if cleaned.get("interpreter_language") and not cleaned.get("interpreter_kind"):
            self.add_error("interpreter_kind", _("Please choose how the interpreting is done."))
        return cleaned


class ReferralMoveForm(KernFormMixin, forms.Form):
    to = forms.ChoiceField(label=_("New status"), choices=ReferralStatus.choices)
    closed_reason = forms.ChoiceField(
        label=_("Reason for not applying"), choices=[("", "–"), *NonTakeUpReason.choices], required=False
    )
    appointment_at = forms.DateTimeField(
        label=_("Appointment"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        validators=[validate_plausible_year],
    )

    def __init__(self, *args, referral: Referral, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(ReferralStatus.choices)
        self.fields["to"].choices = [(status, labels[status]) for status in lifecycle.allowed_next(referral.status)]


class OutcomeForm(KernFormMixin, forms.Form):
    # One outcome per submitted form, even on a double click (security.md I5).
    token = FormTokenField()
    answer = forms.ChoiceField(label=_("What came of it?"), choices=OutcomeAnswer.choices, widget=forms.RadioSelect)
    reason = forms.ChoiceField(label=_("Why?"), choices=[("", "–"), *NonTakeUpReason.choices], required=False)
    source = forms.ChoiceField(label=_("Learned from"), choices=OutcomeSource.choices, initial=OutcomeSource.CALL_BACK)


class OutcomeRowForm(KernFormMixin, forms.Form):
    """One referral's row in the outcome form for all of a visitor's open referrals; a row left
    at "not asked" records nothing."""

    answer = forms.ChoiceField(
        label=_("What came of it?"),
        choices=[("", _("not asked")), *OutcomeAnswer.choices],
        required=False,
        initial="",
        widget=forms.RadioSelect,
    )
    reason = forms.ChoiceField(label=_("Why?"), choices=[("", "–"), *NonTakeUpReason.choices], required=False)

    def __init__(self, *args, referral: Referral, **kwargs):
        super().__init__(*args, prefix=f"referral-{referral.pk}", **kwargs)
        self.referral = referral


class OutcomeSourceForm(KernFormMixin, forms.Form):
    # One token for the whole group form; each row's outcome carries a token derived from it.
    token = FormTokenField()
    source = forms.ChoiceField(label=_("Learned from"), choices=OutcomeSource.choices, initial=OutcomeSource.CALL_BACK)


class AppointmentCancelForm(KernFormMixin, forms.Form):
    reason = forms.ChoiceField(label=_("Why is the talk cancelled?"), choices=[("", "–"), *CancelReason.choices])


class AppointmentMoveForm(KernFormMixin, forms.Form):
    advisor = forms.ModelChoiceField(label=_("Advisor"), queryset=User.objects.none(), empty_label=None)
    day = forms.DateField(label=_("New day"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    time = forms.ChoiceField(label=_("New time"))

    def __init__(self, *args, advisors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["advisor"].queryset = advisors
        self.fields["advisor"].label_from_instance = lambda user: user.get_full_name() or user.get_username()
        self.fields["time"].choices = [("", "–"), *((time, time) for time in slot_times())]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("day") and cleaned.get("time"):
            hour, minute = (int(part) for part in cleaned["time"].split(":"))
            moment = datetime.combine(cleaned["day"], dt_time(hour, minute), tzinfo=timezone.get_current_timezone())
            cleaned["starts_at"] = moment
        return cleaned
