"""Translated labels for what the engine returns as stable keys (programmes, statuses, documents)."""

from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from infopoint.lib.money import format_money
from referrals.models import OfficeKind

# Translators: statutory names stay German; the bracket explains them.
PROGRAM_LABELS = {
    "sgb2": _("Bürgergeld / Grundsicherungsgeld (basic income support for jobseekers)"),
    "sgb12_ch3": _("Hilfe zum Lebensunterhalt (social assistance)"),
    "sgb12_ch4": _("Grundsicherung im Alter und bei Erwerbsminderung (basic income in old age)"),
    "wohngeld": _("Wohngeld (housing benefit)"),
    "kiz": _("Kinderzuschlag (child supplement)"),
    "kindergeld": _("Kindergeld (child benefit)"),
    "uvg": _("Unterhaltsvorschuss (maintenance advance)"),
    "alg1": _("Arbeitslosengeld (unemployment benefit)"),
}

STATUS_LABELS = {
    "likely": _("likely"),
    "possible": _("possible"),
    "unlikely": _("unlikely"),
    "excluded": _("excluded"),
    "not_applicable": _("not applicable"),
}
STATUS_BADGES = {"likely": "success", "possible": "warning", "unlikely": "info", "excluded": "danger", "not_applicable": "info"}

DOCUMENT_LABELS = {
    "identity": _("Identity card or passport"),
    "residence_permit": _("Residence permit"),
    "registration_certificate": _("Registration certificate (Meldebescheinigung)"),
    "rent_contract": _("Rental contract"),
    "ownership_costs": _("Proof of housing costs for owners (interest, charges)"),
    "service_charge_statement": _("Latest service charge statement"),
    "rent_certificate": _("Rent certificate signed by the landlord (Mietbescheinigung)"),
    "heating_cost_proof": _("Proof of heating costs"),
    "bank_statements_3_months": _("Bank statements of the last 3 months"),
    "health_insurance_proof": _("Proof of health insurance"),
    "asset_proofs": _("Proof of savings and other assets"),
    "income_proof_3_months": _("Pay slips or income proofs of the last 3 months"),
    "income_proof_6_months": _("Pay slips or income proofs of the last 6 months"),
    "income_proof_12_months": _("Income proofs of the last 12 months"),
    "child_benefit_notice": _("Kindergeld notice"),
    "pension_notice": _("Pension notice"),
    "alg1_notice": _("Notice of unemployment benefit"),
    "reduced_earning_capacity_notice": _("Notice of reduced earning capacity"),
    "disability_pass": _("Severely disabled person's pass"),
    "birth_certificate": _("Birth certificate of the child"),
    "tax_id_parent_and_child": _("Tax identification numbers of parent and child"),
    "proof_of_paternity_or_divorce": _("Proof of paternity, separation or divorce"),
    "maintenance_proof": _("Proof of maintenance received"),
    "employment_certificate": _("Employment certificate from the last employer (Arbeitsbescheinigung)"),
    "termination_notice": _("Termination letter or end of contract"),
    "bank_details": _("Bank details (IBAN)"),
}

OFFICE_KINDS = {
    "jobcenter": OfficeKind.JOBCENTER,
    "sozialamt": OfficeKind.SOZIALAMT,
    "wohngeldstelle": OfficeKind.WOHNGELDSTELLE,
    "familienkasse": OfficeKind.FAMILIENKASSE,
    "jugendamt": OfficeKind.JUGENDAMT,
    "agentur_fuer_arbeit": OfficeKind.ARBEITSAGENTUR,
}


def money_text(value) -> str:
    """An amount as the active language writes it (``infopoint.lib.money.format_money``)."""
    return format_money(value)


def money_html(value) -> str:
    """``money_text`` isolated left-to-right, so that it reads right inside Arabic text."""
    if value is None or value == "":
        return ""
    return format_html('<bdi dir="ltr" class="money">{}</bdi>', money_text(value))
