from auditlog.registry import auditlog
from django.conf import settings
from django.contrib.auth.models import User, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from infopoint.lib.audited_bulk import AuditedManager, AuditedQuerySet
from infopoint.lib.stuttgart import Organisation


class StaffProfile(models.Model):
    """What the Infopoint needs to know about a staff account beyond Django's user."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_profile")
    organisation = models.CharField(
        _("organisation"),
        max_length=20,
        choices=Organisation.choices,
        help_text=_("Advisors see only the case data of their own organisation."),
    )

    objects = AuditedManager()

    class Meta:
        verbose_name = _("staff profile")
        verbose_name_plural = _("staff profiles")

    def __str__(self):
        # Pseudonymous on purpose: this text ends up in the audit log.
        return f"staff-profile-{self.pk}"


auditlog.register(StaffProfile)
# Staff accounts and their role groups: who may see what must be traceable (security.md B9, G5).
auditlog.register(User, exclude_fields=["password", "last_login"], m2m_fields={"groups"})


class AuditedUserManager(UserManager.from_queryset(AuditedQuerySet)):
    """Django's user manager with the bulk-write guard of every audited model.

    Django's own ``User`` is kept (no custom user model), so the manager is swapped in here."""

    # For migrations this is still Django's UserManager: nothing to migrate in django.contrib.auth.
    def deconstruct(self):
        return False, "django.contrib.auth.models.UserManager", None, (), {}

    def __eq__(self, other):
        return isinstance(other, UserManager) and self._constructor_args == other._constructor_args

    __hash__ = UserManager.__hash__


User.add_to_class("objects", AuditedUserManager())


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class OpeningPeriod(models.Model):
    """One opening period of the Infopoint in a normal week (a day may have several)."""

    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    objects = AuditedManager()

    class Meta:
        verbose_name = _("opening period")
        verbose_name_plural = _("opening hours")
        ordering = ["weekday", "opens"]
        constraints = [
            models.CheckConstraint(condition=models.Q(closes__gt=models.F("opens")), name="opening_period_closes_after_it_opens"),
            models.UniqueConstraint(fields=["weekday", "opens"], name="opening_period_unique_start"),
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"

    def clean(self):
        if self.opens is None or self.closes is None or self.weekday is None:
            return
        if self.closes <= self.opens:
            raise ValidationError({"closes": _("The closing time must be after the opening time.")})
        overlapping = OpeningPeriod.objects.filter(weekday=self.weekday, opens__lt=self.closes, closes__gt=self.opens).exclude(pk=self.pk)
        if overlapping.exists():
            raise ValidationError({"opens": _("This period overlaps another period on the same day.")})


class ClosedDay(models.Model):
    """A day on which the Infopoint stays closed although it is normally open (holidays, team days)."""

    day = models.DateField(_("day"), unique=True)
    reason = models.CharField(_("reason"), max_length=100, help_text=_("Shown to visitors, e.g. Christmas Day"))

    objects = AuditedManager()

    class Meta:
        verbose_name = _("closed day")
        verbose_name_plural = _("closed days")
        ordering = ["day"]

    def __str__(self):
        return f"{self.day:%d.%m.%Y} {self.reason}"


auditlog.register(OpeningPeriod)
auditlog.register(ClosedDay)


class LoginThrottle(models.Model):
    """Failed log-ins of one username or one client address in the current window (security.md B4).

    Stored in the database so that every gunicorn worker sees the same counts. The key is a
    keyed pseudonym (``infopoint.signals.username_pseudonym``), never the typed name or the
    address itself: an unknown username is counted exactly like a real one.
    """

    class Kind(models.TextChoices):
        USERNAME = "username", _("username")
        ADDRESS = "address", _("client address")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    key = models.CharField(_("pseudonym"), max_length=64)
    failures = models.PositiveIntegerField(_("failed log-ins"), default=0)
    window_started_at = models.DateTimeField(_("first failure of the window"))
    locked_until = models.DateTimeField(_("locked until"), null=True, blank=True)

    class Meta:
        verbose_name = _("log-in throttle")
        verbose_name_plural = _("log-in throttles")
        constraints = [models.UniqueConstraint(fields=["kind", "key"], name="login_throttle_unique_key")]

    def __str__(self):
        return f"{self.kind}-{self.key}"


class RefusedLookup(models.Model):
    """One refused look-up of a record of another organisation (a 404 that hid an existing record).

    Kept only as long as the alert window (``INFOPOINT_REFUSED_LOOKUP_ALERT_MINUTES``): the rows
    count one account's refusals across every gunicorn worker; the security log keeps the events.
    Which record was asked for is not stored (its number could tell about a visitor).
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    model = models.CharField(_("kind of record"), max_length=100)
    at = models.DateTimeField(_("refused at"))

    class Meta:
        verbose_name = _("refused look-up")
        verbose_name_plural = _("refused look-ups")
        indexes = [models.Index(fields=["user", "at"], name="refused_lookup_user_at_idx")]

    def __str__(self):
        return f"refused-lookup-{self.pk}"
