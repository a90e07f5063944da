"""The offices the Infopoint refers people to, and the referrals themselves with their lifecycle."""

import uuid

from auditlog.registry import auditlog
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from infopoint.lib.audited_bulk import AuditedManager
from infopoint.lib.choices import ChoiceLabelsMixin
from infopoint.lib.stuttgart import District, Organisation
from intake.models import Interpreter
from referrals import lifecycle


class Benefit(models.TextChoices):
    # Translators: statutory names stay German; the bracket explains them.
    SGB2 = "sgb2", _("Bürgergeld / Grundsicherungsgeld (SGB II)")
    SGB12 = "sgb12", _("Sozialhilfe / Grundsicherung (SGB XII)")
    WOHNGELD = "wohngeld", _("Wohngeld (housing benefit)")
    ALG1 = "alg1", _("Arbeitslosengeld (ALG I)")
    KINDERZUSCHLAG = "kiz", _("Kinderzuschlag (child supplement)")
    KINDERGELD = "kindergeld", _("Kindergeld (child benefit)")
    UNTERHALTSVORSCHUSS = "uvg", _("Unterhaltsvorschuss (maintenance advance)")
    RENTE = "rente", _("pension")
    BAFOEG = "bafoeg", _("BAföG (student finance)")


# The screening engine's programme keys (screening-contract.md) and the benefit they are claimed as.
PROGRAM_BENEFITS = {
    "sgb2": Benefit.SGB2,
    "sgb12_ch3": Benefit.SGB12,
    "sgb12_ch4": Benefit.SGB12,
    "wohngeld": Benefit.WOHNGELD,
    "kiz": Benefit.KINDERZUSCHLAG,
    "kindergeld": Benefit.KINDERGELD,
    "uvg": Benefit.UNTERHALTSVORSCHUSS,
    "alg1": Benefit.ALG1,
    # Loans for debts (issue 19): a referral from a debt is about the benefit that gives the loan.
    "sgb2_debt_loan": Benefit.SGB2,
    "sgb12_debt_loan": Benefit.SGB12,
}
# A referral from a debt goes to advice of one of these kinds (``?office_kind=`` on the new referral).
# Issue 20: the Deutsche Rentenversicherung's advice, from the SGB II card where the Jobcenter may
# require an early old-age pension (§ 12a S. 2 Nr. 1 SGB II).
ADVICE_OFFICE_KINDS = ("schuldnerberatung", "energy_advice", "tenants_association", "rentenversicherung")


class OfficeKind(models.TextChoices):
    JOBCENTER = "jobcenter", "Jobcenter"
    SOZIALAMT = "sozialamt", "Sozialamt"
    WOHNGELDSTELLE = "wohngeldstelle", "Wohngeldstelle"
    FAMILIENKASSE = "familienkasse", "Familienkasse"
    JUGENDAMT = "jugendamt", _("Jugendamt (youth welfare office)")
    ARBEITSAGENTUR = "arbeitsagentur", _("Agentur für Arbeit (employment agency)")
    RENTENVERSICHERUNG = "rentenversicherung", _("Deutsche Rentenversicherung (pension insurance)")
    DEBT_ADVICE = "schuldnerberatung", _("debt advice")
    ENERGY_ADVICE = "energy_advice", _("Energieberatung (Stromspar-Check)")
    TENANTS_ASSOCIATION = "tenants_association", _("Mieterverein")
    HOUSING_EMERGENCY = "wohnungsnot", _("Fachstelle für Menschen in Wohnungsnot (housing emergency)")
    CHAMBER = "kammer", _("chamber (IHK, Handwerkskammer)")
    PSYCHOSOCIAL = "psychosozial", _("psychosocial counselling")
    OTHER = "other", _("other office")


class Office(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=OfficeKind.choices)
    street = models.CharField(_("street and number"), max_length=200)
    postcode = models.CharField(_("postcode"), max_length=5)
    city = models.CharField(_("city"), max_length=100, default="Stuttgart")
    transit_stop = models.CharField(_("public transport stop"), max_length=200, blank=True, help_text=_("For example: U14 Rosenberg-/Seidenstraße"))
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    opening_hours = models.TextField(_("opening hours"), blank=True)
    benefits = ArrayField(
        models.CharField(max_length=20, choices=Benefit.choices), verbose_name=_("benefits"), default=list, blank=True
    )
    districts = ArrayField(
        models.CharField(max_length=20, choices=District.choices),
        verbose_name=_("districts"),
        default=list,
        blank=True,
        help_text=_("Leave empty if the office is responsible for the whole city."),
    )
    languages = ArrayField(models.CharField(max_length=10), verbose_name=_("languages spoken"), default=list, blank=True)
    checked_on = models.DateField(
        _("contact details checked on"),
        null=True,
        blank=True,
        help_text=_("Leave empty until someone has checked the details with the office."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("office")
        verbose_name_plural = _("offices")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def address(self) -> str:
        return f"{self.street}, {self.postcode} {self.city}"

    def district_labels(self) -> list[str]:
        labels = dict(District.choices)
        return [str(labels.get(code, code)) for code in self.districts]

    def language_labels(self) -> list[str]:
        labels = dict(settings.LANGUAGES)
        return [str(labels.get(code, code)) for code in self.languages]

    def benefit_labels(self) -> list[str]:
        labels = dict(Benefit.choices)
        return [str(labels.get(code, code)) for code in self.benefits]


class ReferralStatus(models.TextChoices):
    PLANNED = lifecycle.PLANNED, lifecycle.STATUS_LABELS[lifecycle.PLANNED]
    APPOINTMENT_MADE = lifecycle.APPOINTMENT_MADE, lifecycle.STATUS_LABELS[lifecycle.APPOINTMENT_MADE]
    ATTENDED = lifecycle.ATTENDED, lifecycle.STATUS_LABELS[lifecycle.ATTENDED]
    NOT_ATTENDED = lifecycle.NOT_ATTENDED, lifecycle.STATUS_LABELS[lifecycle.NOT_ATTENDED]
    APPLIED = lifecycle.APPLIED, lifecycle.STATUS_LABELS[lifecycle.APPLIED]
    GRANTED = lifecycle.GRANTED, lifecycle.STATUS_LABELS[lifecycle.GRANTED]
    REFUSED = lifecycle.REFUSED, lifecycle.STATUS_LABELS[lifecycle.REFUSED]
    WITHDRAWN = lifecycle.WITHDRAWN, lifecycle.STATUS_LABELS[lifecycle.WITHDRAWN]
    CLOSED = lifecycle.CLOSED, lifecycle.STATUS_LABELS[lifecycle.CLOSED]


class Urgency(models.TextChoices):
    NORMAL = "normal", _("normal")
    URGENT = "urgent", _("urgent (within a week)")
    TODAY = "today", _("today (no money, no food, eviction)")


class Escort(models.TextChoices):
    NONE = "", _("no escort")
    INFOPOINT = "infopoint", _("by the Infopoint")
    OUTREACH = "outreach", _("by the outreach service")
    PEER = "peer", _("by a peer")


class NonTakeUpReason(models.TextChoices):
    """Why someone does not apply: the evaluation must learn about non-take-up."""

    SHAME = "shame", _("shame")
    KNOWLEDGE = "knowledge", _("lack of knowledge")
    FORMS = "forms", _("overwhelmed by forms")
    DISTRUST = "distrust", _("distrust")
    LANGUAGE = "language", _("language")
    NOT_NEEDED = "not_needed", _("no longer needed")
    OTHER = "other", _("other reason")


class ShareableField(models.TextChoices):
    """The only facts a referral may pass on to the office, each only with the visitor's consent."""

    NAME = "name", _("name")
    BIRTH_YEAR = "birth_year", _("year of birth")
    DISTRICT = "district", _("district")
    HOUSEHOLD_TYPE = "household_type", _("household type")
    LANGUAGES = "languages", _("languages")
    CONTACT = "contact", _("contact for call-backs")
    SCREENING = "screening", _("result of the check")


class Referral(ChoiceLabelsMixin, models.Model):
    """A warm hand-over of a visitor to the office responsible for a benefit."""

    visitor = models.ForeignKey("intake.Visitor", on_delete=models.CASCADE, related_name="referrals", verbose_name=_("visitor"))
    visit = models.ForeignKey("intake.Visit", on_delete=models.SET_NULL, null=True, blank=True, related_name="referrals", verbose_name=_("contact"))
    screening_run = models.ForeignKey(
        "screening.ScreeningRun", on_delete=models.SET_NULL, null=True, blank=True, related_name="referrals", verbose_name=_("check")
    )
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="referrals", verbose_name=_("office"))
    benefit = models.CharField(_("benefit"), max_length=20, choices=Benefit.choices)
    reason = models.TextField(_("reason"), blank=True)
    urgency = models.CharField(_("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL)
    shared_fields = ArrayField(
        models.CharField(max_length=20, choices=ShareableField.choices), verbose_name=_("data handed over"), default=list, blank=True
    )
    sharing_purpose = models.CharField(_("purpose of handing over data"), max_length=200, blank=True)
    consent_on = models.DateField(_("consent to hand over data given on"), null=True, blank=True)
    escort = models.CharField(_("escort"), max_length=10, choices=Escort.choices, blank=True, default="")
    interpreter_language = models.CharField(_("interpreter needed for"), max_length=10, blank=True)
    interpreter_kind = models.CharField(_("kind of interpreting"), max_length=20, blank=True)
    appointment_at = models.DateTimeField(_("appointment"), null=True, blank=True)
    appointment_place = models.CharField(_("place of the appointment"), max_length=200, blank=True)
    appointment_contact = models.CharField(_("contact person"), max_length=200, blank=True)
    visitor_books_themselves = models.BooleanField(_("visitor books the appointment themselves"), default=False)
    status = models.CharField(_("status"), max_length=20, choices=ReferralStatus.choices, default=ReferralStatus.PLANNED)
    status_changed_at = models.DateTimeField(_("status changed"), default=timezone.now)
    closed_reason = models.CharField(_("reason for not applying"), max_length=20, choices=NonTakeUpReason.choices, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="referrals_created", verbose_name=_("created by"))
    organisation = models.CharField(_("organisation"), max_length=20, choices=Organisation.choices, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    # One referral per submitted form, even on a double click or a resent form (security.md I5).
    form_token = models.CharField(max_length=36, unique=True, null=True, blank=True, editable=False)

    objects = AuditedManager()

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["created_by", "status", "status_changed_at"], name="referral_follow_up_idx"),
            # "My referrals" (selectors.follow_up_list): an advisor's open referrals in their order.
            # Only the open ones (a sixth of all) and the columns the order needs, so that count
            # and order come from the index alone and only the shown page is read from the table.
            models.Index(
                fields=["created_by"], include=["id", "status", "appointment_at", "status_changed_at"],
                condition=~models.Q(status__in=sorted(lifecycle.FINISHED)), name="referral_open_creator_idx",
            ),  # fmt: skip
            # The monthly statistics count referrals by the month they were made.
            models.Index(fields=["created_at"], name="referral_created_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status=lifecycle.CLOSED) | ~models.Q(closed_reason=""), name="referral_closed_has_reason"
            ),
        ]

    def __str__(self):
        return f"referral {self.pk}"

    def interpreter_label(self) -> str:
        language = dict(settings.LANGUAGES).get(self.interpreter_language, self.interpreter_language)
        kind = dict(Interpreter.choices).get(self.interpreter_kind, self.interpreter_kind)
        return f"{language}, {kind}" if kind else str(language)

    def shared_field_labels(self) -> list[str]:
        labels = dict(ShareableField.choices)
        return [str(labels.get(code, code)) for code in self.shared_fields]

    @property
    def is_finished(self) -> bool:
        return self.status in lifecycle.FINISHED


class ReferralStatusChange(models.Model):
    """Who moved a referral to which status, and when."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="status_changes", verbose_name=_("referral"))
    from_status = models.CharField(_("from"), max_length=20, choices=ReferralStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=ReferralStatus.choices)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("changed by"))
    changed_at = models.DateTimeField(_("changed"), default=timezone.now)

    class Meta:
        ordering = ["changed_at", "pk"]
        indexes = [models.Index(fields=["to_status", "changed_at"], name="referral_change_stats_idx")]

    def __str__(self):
        return f"{self.from_status or '–'} → {self.to_status}"


# Free texts may name the visitor or a contact person: the log says that they changed, not to what.
auditlog.register(Referral, mask_fields=["reason", "sharing_purpose", "appointment_place", "appointment_contact"])


class ReferralEventKind(models.TextChoices):
    CALENDAR_SENT = "calendar_sent", _("calendar file sent to the visitor by e-mail")


class ReferralEvent(models.Model):
    """Something done with a referral that is not a change of status, for its history."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="events", verbose_name=_("referral"))
    kind = models.CharField(_("what happened"), max_length=20, choices=ReferralEventKind.choices)
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("done by"))
    done_at = models.DateTimeField(_("when"), default=timezone.now)
    # One e-mail per submitted form, even on a double click (security.md I5).
    form_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["done_at", "pk"]

    def __str__(self):
        return f"{self.kind} ({self.done_at:%Y-%m-%d})"


class OutcomeAnswer(models.TextChoices):
    """The one question asked about every referral at a call-back or the next visit."""

    ALREADY_HAD = "already_had", _("already had it")
    APPLIED = "applied", _("applied")
    TRIED_FAILED = "tried_failed", _("tried but failed")
    DID_NOTHING = "did_nothing", _("did nothing")


class OutcomeSource(models.TextChoices):
    CALL_BACK = "call_back", _("call-back")
    NEXT_VISIT = "next_visit", _("next visit")


class ReferralOutcome(models.Model):
    """What came of a referral, as the visitor told it; the evaluation learns about non-take-up."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="outcomes", verbose_name=_("referral"))
    answer = models.CharField(_("what came of it"), max_length=20, choices=OutcomeAnswer.choices)
    reason = models.CharField(_("reason"), max_length=20, choices=NonTakeUpReason.choices, blank=True)
    source = models.CharField(_("learned from"), max_length=20, choices=OutcomeSource.choices)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by"))
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)
    # One outcome per submitted form (security.md I5); a group form gives each row its own
    # token derived from the form's (see outcome_row_token).
    form_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    objects = AuditedManager()

    class Meta:
        verbose_name = _("outcome of a referral")
        verbose_name_plural = _("outcomes of referrals")
        ordering = ["recorded_at", "pk"]
        indexes = [models.Index(fields=["recorded_at"], name="referral_outcome_recorded_idx")]

    def __str__(self):
        return f"{self.answer} ({self.recorded_at:%Y-%m-%d})"


auditlog.register(ReferralOutcome)


def outcome_row_token(token, referral_id: int) -> uuid.UUID | None:
    """The one-time token of one referral's row in the group outcome form: derived from the
    form's token, so the same form sent again finds every row it recorded the first time."""
    return uuid.uuid5(uuid.UUID(str(token)), str(referral_id)) if token else None


class TalkPurpose(models.TextChoices):
    FOLLOW_UP = "follow_up", _("follow-up talk")
    FORMS = "forms", _("filling in forms together")


class CancelReason(models.TextChoices):
    VISITOR_CANCELLED = "visitor", _("the visitor cancelled")
    ADVISOR_ABSENT = "advisor", _("the advisor is not available")
    NOT_NEEDED = "not_needed", _("no longer needed")
    OTHER = "other", _("other reason")


class InfopointAppointment(models.Model):
    """A talk at the Infopoint itself, in a half-hour slot of one advisor.

    A cancelled talk stays (who cancelled, when, why) but frees its slot."""

    SLOT = timezone.timedelta(minutes=30)

    advisor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="infopoint_appointments", verbose_name=_("advisor"))
    visitor = models.ForeignKey("intake.Visitor", on_delete=models.CASCADE, related_name="infopoint_appointments", verbose_name=_("visitor"))
    starts_at = models.DateTimeField(_("starts at"))
    purpose = models.CharField(_("purpose"), max_length=20, choices=TalkPurpose.choices, default=TalkPurpose.FOLLOW_UP)
    organisation = models.CharField(_("organisation"), max_length=20, choices=Organisation.choices, blank=True)
    booked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("booked by"))
    booked_at = models.DateTimeField(_("booked"), default=timezone.now)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("cancelled by")
    )
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=20, choices=CancelReason.choices, blank=True)

    objects = AuditedManager()

    class Meta:
        verbose_name = _("appointment at the Infopoint")
        verbose_name_plural = _("appointments at the Infopoint")
        ordering = ["starts_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["advisor", "starts_at"], condition=models.Q(cancelled_at__isnull=True), name="one_talk_per_advisor_slot"
            ),
            models.CheckConstraint(
                condition=models.Q(cancelled_at__isnull=True) | ~models.Q(cancel_reason=""), name="infopoint_appointment_cancelled_has_reason"
            ),
        ]

    def __str__(self):
        return f"appointment {self.pk}"

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None


auditlog.register(InfopointAppointment)
