"""The offices the Infopoint refers people to (directory; referrals follow in issue 6)."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _

from infopoint.lib.stuttgart import District


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


class OfficeKind(models.TextChoices):
    JOBCENTER = "jobcenter", "Jobcenter"
    SOZIALAMT = "sozialamt", "Sozialamt"
    WOHNGELDSTELLE = "wohngeldstelle", "Wohngeldstelle"
    FAMILIENKASSE = "familienkasse", "Familienkasse"
    JUGENDAMT = "jugendamt", _("Jugendamt (youth welfare office)")
    ARBEITSAGENTUR = "arbeitsagentur", _("Agentur für Arbeit (employment agency)")
    RENTENVERSICHERUNG = "rentenversicherung", _("Deutsche Rentenversicherung (pension insurance)")
    DEBT_ADVICE = "schuldnerberatung", _("debt advice")
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
