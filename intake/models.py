"""Visitors and their contacts with the Infopoint (the data model grows with issue 5)."""

import secrets

from auditlog.registry import auditlog
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from infopoint.lib.audited_bulk import AuditedManager
from infopoint.lib.choices import ChoiceLabelsMixin
from infopoint.lib.stuttgart import District, Organisation

# No 0/O, 1/I/L: the code is read aloud and typed from a printed sheet.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 6


def new_visitor_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


class Language(models.TextChoices):
    GERMAN = "de", "Deutsch"
    ENGLISH = "en", "English"
    TURKISH = "tr", "Türkçe"
    ARABIC = "ar", "العربية"
    UKRAINIAN = "uk", "Українська"
    RUSSIAN = "ru", "Русский"
    OTHER = "other", _("another language")


class AgeBand(models.TextChoices):
    UNDER_25 = "u25", _("under 25")
    FROM_25 = "25_49", _("25 to 49")
    FROM_50 = "50_64", _("50 to 64")
    FROM_65 = "65_plus", _("65 and older")


class HouseholdType(models.TextChoices):
    SINGLE = "single", _("living alone")
    SINGLE_PARENT = "single_parent", _("single parent")
    COUPLE = "couple", _("couple without children")
    FAMILY = "family", _("couple with children")
    OTHER = "other", _("other household")


class MigrationBackground(models.TextChoices):
    YES = "yes", _("yes")
    NO = "no", _("no")
    NOT_SAID = "not_said", _("not said")


class ConsentScope(models.TextChoices):
    DAY_ONLY = "day_only", _("only today")
    CASE_HISTORY = "case_history", _("keep the case history")
    CALLBACK = "callback", _("keep the history and call back")


class Visitor(ChoiceLabelsMixin, models.Model):
    """A person who came to the Infopoint. Everything but the code is optional."""

    code = models.CharField(_("visitor code"), max_length=CODE_LENGTH, unique=True, default=new_visitor_code)
    name = models.CharField(_("name"), max_length=200, blank=True, help_text=_("Only if the visitor wants to give it."))
    description = models.CharField(
        _("description"), max_length=100, blank=True, help_text=_("For example: woman with a red scarf, if no name is given.")
    )
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    district = models.CharField(_("district of Stuttgart"), max_length=20, choices=District.choices, blank=True)
    languages = ArrayField(
        models.CharField(max_length=10, choices=Language.choices), verbose_name=_("languages"), default=list, blank=True
    )
    age_band = models.CharField(_("age band"), max_length=10, choices=AgeBand.choices, blank=True)
    household_type = models.CharField(_("household type"), max_length=20, choices=HouseholdType.choices, blank=True)
    migration_background = models.CharField(
        _("migration background (self-declared)"), max_length=10, choices=MigrationBackground.choices, blank=True
    )
    contact = models.CharField(_("phone or e-mail for call-backs"), max_length=200, blank=True)
    consent_scope = models.CharField(
        _("consent to store data"), max_length=20, choices=ConsentScope.choices, default=ConsentScope.DAY_ONLY
    )
    consent_date = models.DateField(_("consent given on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    objects = AuditedManager()

    class Meta:
        verbose_name = _("visitor")
        verbose_name_plural = _("visitors")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(birth_year__isnull=True) | models.Q(birth_year__gte=1900, birth_year__lte=2100),
                name="visitor_birth_year_plausible",
            ),
        ]

    def __str__(self):
        # Pseudonymous on purpose: this text is what the audit log shows.
        return f"visitor {self.code}"

    def get_absolute_url(self):
        return reverse("intake:visitor-detail", kwargs={"code": self.code})

    @property
    def display_name(self) -> str:
        return self.name or self.description or self.code


class Concern(models.TextChoices):
    SGB2 = "sgb2", _("Bürgergeld / Grundsicherungsgeld (SGB II)")
    SGB12 = "sgb12", _("Sozialhilfe / Grundsicherung (SGB XII)")
    WOHNGELD = "wohngeld", _("Wohngeld")
    ALG1 = "alg1", _("unemployment benefit (ALG I)")
    KIZ = "kiz", _("Kinderzuschlag")
    ENERGY = "energy", _("energy costs and back-payments")
    RENT_DEBTS = "rent_debts", _("rent debts")
    DEBTS = "debts", _("debts")
    CRISIS = "crisis", _("psychological crisis")
    OTHER = "other", _("other concern")


class Service(models.TextChoices):
    OPEN_AREA = "open_area", _("open area")
    INFORMATION = "information", _("information")
    ADVICE = "advice", _("advice and check")
    ORIENTATION = "orientation", _("orientation help")
    E_SERVICES = "e_services", _("e-services")


class Interpreter(models.TextChoices):
    NONE = "none", _("no interpreter")
    COLLEAGUE = "colleague", _("colleague")
    TELEPHONE = "telephone", _("telephone interpreting")
    VIDEO = "video", _("video interpreting")
    IN_PERSON = "in_person", _("interpreter in person")


class Outcome(models.TextChoices):
    INFORMATION = "information", _("information given")
    SCREENING = "screening", _("screening done")
    REFERRAL = "referral", _("referral")
    HANDED_IN = "handed_in", _("application handed in")
    FILLED_IN = "filled_in", _("application filled in together")
    NOTHING = "nothing", _("nothing further")


class Clearing(models.TextChoices):
    """Questions that route a person at once to the responsible place (the Konzept's clearing)."""

    NONE = "", _("no clearing case")
    ALREADY_SGB2 = "already_sgb2", _("already receives SGB II → Jobcenter")
    ALREADY_SGB12 = "already_sgb12", _("already receives SGB XII → Sozialamt")
    ALREADY_WOHNGELD = "already_wohngeld", _("already receives Wohngeld → Wohngeldstelle")
    HOMELESS = "homeless", _("passing through or homeless → Fachstelle Wohnungsnot")
    CHAMBER = "chamber", _("self-employed with chamber membership → chamber")
    SGB9 = "sgb9", _("question on SGB IX (disability) → information and referral")


class Channel(models.TextChoices):
    WALK_IN = "walk_in", _("walk-in")
    PHONE = "phone", _("phone")
    EMAIL = "email", _("e-mail")
    CHAT = "chat", _("chat")
    ON_TOUR = "on_tour", _("Infopoint on Tour")
    GROUP_EVENT = "group_event", _("group event")


class VisitStatus(models.TextChoices):
    WAITING = "waiting", _("waiting")
    IN_CONVERSATION = "in_conversation", _("in conversation")
    DONE = "done", _("done")


class Visit(ChoiceLabelsMixin, models.Model):
    """One contact: a visitor came (or called, wrote, …) on a day."""

    visitor = models.ForeignKey(Visitor, on_delete=models.CASCADE, related_name="visits", verbose_name=_("visitor"))
    arrived_at = models.DateTimeField(_("arrived"), default=timezone.now, db_index=True)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices, default=Channel.WALK_IN)
    status = models.CharField(_("status"), max_length=20, choices=VisitStatus.choices, default=VisitStatus.WAITING)
    concerns = ArrayField(
        models.CharField(max_length=20, choices=Concern.choices), verbose_name=_("concerns"), default=list, blank=True
    )
    service = models.CharField(_("service given"), max_length=20, choices=Service.choices, blank=True)
    interpreter = models.CharField(_("interpreter"), max_length=20, choices=Interpreter.choices, default=Interpreter.NONE)
    companion_present = models.BooleanField(_("companion present"), default=False)
    duration_minutes = models.PositiveSmallIntegerField(_("duration in minutes"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    clearing = models.CharField(_("clearing"), max_length=20, choices=Clearing.choices, blank=True, default="")
    # Asked for advice on a kiosk in the open area: shown as such on the waiting list and counted.
    from_kiosk = models.BooleanField(_("asked on a kiosk"), default=False)
    # One contact per submitted form, even on a double click (security.md I5).
    form_token = models.CharField(max_length=36, unique=True, null=True, blank=True, editable=False)
    taken_at = models.DateTimeField(_("taken from the waiting list"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    language = models.CharField(
        _("language of the conversation"), max_length=10, choices=Language.choices, default=Language.GERMAN
    )
    organisation = models.CharField(_("organisation"), max_length=20, choices=Organisation.choices, blank=True)
    advisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="visits",
        verbose_name=_("advisor"),
    )

    objects = AuditedManager()

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        ordering = ["arrived_at"]
        # "Advised for the first time this year" looks up a visitor's earlier contacts.
        indexes = [
            models.Index(fields=["visitor", "arrived_at"], name="visit_visitor_arrived_idx"),
            # stats.counting.ADVISED_SQL (people advised, new in the year): the year's finished,
            # non-clearing contacts read from the index alone (139 -> 50 ms at 1,000,000 contacts).
            models.Index(
                fields=["arrived_at"],
                include=["visitor", "concerns"],
                condition=models.Q(status="done", clearing=""),
                name="visit_advised_arrived_idx",
            ),
        ]

    def __str__(self):
        return f"visit {self.pk}"

    @property
    def concern_labels(self) -> list[str]:
        labels = dict(Concern.choices)
        return [str(labels.get(code, code)) for code in self.concerns]


class CaseNote(models.Model):
    """A short note on a visitor, visible to the advisors of the author's organisation."""

    visitor = models.ForeignKey(Visitor, on_delete=models.CASCADE, related_name="notes", verbose_name=_("visitor"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("author"))
    organisation = models.CharField(_("organisation"), max_length=20, choices=Organisation.choices, blank=True)
    text = models.TextField(_("note"), max_length=2000)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    # One record per submitted form, even on a double click or a resent form (security.md I5).
    form_token = models.CharField(max_length=36, unique=True, null=True, blank=True, editable=False)

    objects = AuditedManager()

    class Meta:
        verbose_name = _("case note")
        verbose_name_plural = _("case notes")
        ordering = ["-created_at"]

    def __str__(self):
        return f"case note {self.pk}"


class FollowUp(models.Model):
    """A Wiedervorlage: something to do for a visitor by a due date."""

    visitor = models.ForeignKey(Visitor, on_delete=models.CASCADE, related_name="follow_ups", verbose_name=_("visitor"))
    task = models.CharField(_("task"), max_length=200)
    due_on = models.DateField(_("due on"))
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="follow_ups", verbose_name=_("assigned to")
    )
    organisation = models.CharField(_("organisation"), max_length=20, choices=Organisation.choices, blank=True)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    # One record per submitted form, even on a double click or a resent form (security.md I5).
    form_token = models.CharField(max_length=36, unique=True, null=True, blank=True, editable=False)
    # Set by the re-screening (issue 20): the recalculation the advisor is asked to look at.
    screening_run = models.ForeignKey(
        "screening.ScreeningRun", on_delete=models.SET_NULL, null=True, blank=True, related_name="follow_ups",
        verbose_name=_("recalculation"),
    )

    objects = AuditedManager()

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["due_on"]

    def __str__(self):
        return f"follow-up {self.pk}"


auditlog.register(Visitor, mask_fields=["name", "birth_year", "description", "contact", "code"])
auditlog.register(CaseNote, mask_fields=["text"])
auditlog.register(FollowUp, mask_fields=["task"])
auditlog.register(Visit)


class EventKind(models.TextChoices):
    INFORMATION = "information", _("information event at the Infopoint")
    ON_TOUR = "on_tour", _("Infopoint on Tour in a district")
    SENSITISATION = "sensitisation", _("sensitisation session for professionals")


class Event(models.Model):
    """A group event; it holds no personal data, only counts for the statistics."""

    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200)
    district = models.CharField(_("district of Stuttgart"), max_length=20, choices=District.choices, blank=True)
    partner = models.CharField(_("partner organisation"), max_length=200, blank=True)
    attendees = models.PositiveIntegerField(_("number of attendees"))
    languages = ArrayField(
        models.CharField(max_length=10, choices=Language.choices), verbose_name=_("languages"), default=list, blank=True
    )
    organisation = models.CharField(_("organisation"), max_length=20, choices=Organisation.choices, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by"))
    # One record per submitted form, even on a double click or a resent form (security.md I5).
    form_token = models.CharField(max_length=36, unique=True, null=True, blank=True, editable=False)

    objects = AuditedManager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-date"]

    def __str__(self):
        return f"event {self.pk}"


auditlog.register(Event)
