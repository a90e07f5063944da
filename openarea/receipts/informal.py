"""The informal application (formloser Antrag) and the power of attorney (Vollmacht).

For SGB II, SGB XII and Wohngeld no form is needed to file an application: a signed letter
secures the date (§ 37 SGB II; § 18 SGB XII for Hilfe zum Lebensunterhalt, §§ 41, 44 SGB XII
for Grundsicherung, which needs an application; § 22 WoGG), and § 16 Abs. 2 SGB I makes
the Infopoint forward it. The German wording is the legal text (the German catalogue holds it);
the visitor's language is printed beside it so that they know what they sign.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from referrals.models import Benefit


@dataclass(frozen=True)
class InformalVariant:
    label: str
    benefit: str
    subject: str
    paragraphs: tuple


FORMS_FOLLOW = _("Please send me the application forms you need. I will hand in the completed forms and the documents afterwards.")

INFORMAL_VARIANTS: dict[str, InformalVariant] = {
    "sgb2": InformalVariant(
        label=_("Bürgergeld / Grundsicherungsgeld (SGB II)"),
        benefit=Benefit.SGB2,
        subject=_("Application for benefits to secure a livelihood under SGB II (Bürgergeld / Grundsicherungsgeld)"),
        paragraphs=(
            _("I hereby apply for benefits to secure my livelihood under the Second Book of the Social Code (SGB II) for myself and the members of my Bedarfsgemeinschaft (the people in my household who are assessed together with me)."),
            _("This letter is my application within the meaning of § 37 SGB II."),
            FORMS_FOLLOW,
        ),
    ),
    "sgb12_hlu": InformalVariant(
        label=_("Hilfe zum Lebensunterhalt (SGB XII, third chapter)"),
        benefit=Benefit.SGB12,
        subject=_("Application for Hilfe zum Lebensunterhalt under SGB XII"),
        paragraphs=(
            _("I hereby inform you of my need and apply for assistance with living costs under the third chapter of the Twelfth Book of the Social Code (SGB XII)."),
            _("Social assistance begins as soon as the social assistance agency learns that the conditions for it are met (§ 18 Abs. 1 SGB XII)."),
            FORMS_FOLLOW,
        ),
    ),
    "sgb12_grusi": InformalVariant(
        label=_("Grundsicherung im Alter und bei Erwerbsminderung (SGB XII, fourth chapter)"),
        benefit=Benefit.SGB12,
        subject=_("Application for Grundsicherung im Alter und bei Erwerbsminderung under SGB XII"),
        paragraphs=(
            _("I hereby apply for basic income support in old age and in the event of reduced earning capacity under the fourth chapter of the Twelfth Book of the Social Code (§§ 41, 44 SGB XII)."),
            _("In case assistance with living costs comes into question instead, I also inform you of my need (§ 18 SGB XII)."),
            FORMS_FOLLOW,
        ),
    ),
    "wohngeld": InformalVariant(
        label=_("Wohngeld (Mietzuschuss or Lastenzuschuss)"),
        benefit=Benefit.WOHNGELD,
        subject=_("Application for Wohngeld"),
        paragraphs=(
            _("I hereby apply for Wohngeld under the Housing Benefit Act (§ 22 WoGG), as a rent subsidy or, for housing I own and live in, as a burden subsidy."),
            FORMS_FOLLOW,
        ),
    ),
}

COMMON_PARAGRAPHS = (
    _("Should you not be responsible for this application, please forward it without delay to the responsible agency (§ 16 Abs. 2 SGB I)."),
    _("Please confirm in writing that you have received my application."),
)

POWER_OF_ATTORNEY_PARAGRAPHS = (
    _("The power of attorney covers making and withdrawing applications, giving and receiving information, inspecting files (§ 25 SGB X), receiving notices and other letters, and lodging objections."),
    _("This power of attorney is valid until revoked in writing. It can be revoked at any time."),
)


def side_by_side(texts, language: str) -> list[tuple[str, str | None]]:
    """Each text in German and, beside it, in the visitor's language (None when that is German)."""
    rows = []
    for text in texts:
        with translation.override("de"):
            german = str(text)
        if language == "de":
            rows.append((german, None))
            continue
        with translation.override(language):
            rows.append((german, str(text)))
    return rows


def informal_visitor_texts() -> list:
    """Every text printed for a visitor beside the German one (checked complete in all languages)."""
    texts = [*COMMON_PARAGRAPHS, *POWER_OF_ATTORNEY_PARAGRAPHS]
    for variant in INFORMAL_VARIANTS.values():
        texts += [variant.label, variant.subject, *variant.paragraphs]
    return texts
