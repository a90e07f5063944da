"""Income helpers: net estimates where only gross is known, and earnings totals."""

from __future__ import annotations

from decimal import Decimal

from screening.rules.household import Income
from screening.rules.money import ZERO, cents, de
from screening.rules.params import ParamSet
from screening.rules.result import Warning


def estimated_tax(gross: Decimal, p: ParamSet) -> Decimal:
    """Rough monthly wage tax (Steuerklasse I/IV) with marginal rates per band; not § 32a EStG."""
    tax = ZERO
    lower = ZERO
    for band in p["alg1.lohnsteuer_grob"]["bands"]:
        if gross > lower:
            tax += (min(gross, band["up_to"]) - lower) * band["rate"]
        lower = band["up_to"]
    return cents(tax)


def estimated_net(gross: Decimal, p: ParamSet, tax_class: int = 1) -> Decimal:
    """Net pay from gross: employee social insurance share and rough wage tax by tax class."""
    rules = p["alg1.lohnsteuer_grob"]
    factor = rules["tax_class_factor"][str(tax_class)]
    return cents(gross - gross * rules["employee_social_insurance"] - estimated_tax(gross, p) * factor)


def gross_from_net(net: Decimal, p: ParamSet, tax_class: int = 1) -> Decimal:
    """The gross wage whose estimated net is ``net`` (the estimate rises with gross, so bisect)."""
    low, high = net, net * 3 + 100
    for _step in range(60):
        middle = (low + high) / 2
        if estimated_net(middle, p, tax_class) < net:
            low = middle
        else:
            high = middle
    return cents(high)


def gross_earnings(income: Income, p: ParamSet, warnings: list[Warning] | None = None, member_id: str = "") -> Decimal:
    """Gross earnings (the basis of the § 11b / § 82 allowances); estimated when only net is known."""
    if income.kind == "self_employment":
        return income.profit or ZERO
    if income.gross is not None:
        return income.gross
    if income.net is None:
        return ZERO
    if income.kind == "minijob":
        return income.net
    gross = gross_from_net(income.net, p, income.tax_class)
    if warnings is not None:
        warnings.append(
            Warning(
                "gross_income_estimated",
                f"Bruttolohn von {member_id or 'einer Person'} aus {de(income.net)} netto geschätzt: {de(gross)}; die Freibeträge hängen vom Brutto ab.",
            )
        )
    return gross


def net_of(income: Income, p: ParamSet, warnings: list[Warning] | None = None, member_id: str = "") -> Decimal:
    """Net income; estimated (and said so) when only gross is known."""
    if income.amount is not None:
        return income.amount
    if income.net is not None:
        return income.net
    if income.kind == "self_employment":
        return income.profit or ZERO
    if income.kind == "minijob":
        return income.gross or ZERO
    gross = income.gross or ZERO
    if income.kind == "pension":
        # Pensioners pay about 11 % health and care insurance, rarely income tax at these levels.
        net = cents(gross * Decimal("0.885"))
    else:
        net = estimated_net(gross, p, income.tax_class)
    if warnings is not None:
        warnings.append(
            Warning(
                "net_income_estimated",
                f"Nettoeinkommen von {member_id or 'einer Person'} ({income.kind}) aus {de(gross)} brutto geschätzt: {de(net)}.",
            )
        )
    return net
