"""Income helpers: net estimates where only gross is known, and earnings totals."""

from __future__ import annotations

from decimal import Decimal

from screening.rules.household import Income, Member
from screening.rules.money import ZERO, cents
from screening.rules.params import ParamSet
from screening.rules.result import Warning


def estimated_tax(gross: Decimal, p: ParamSet) -> Decimal:
    """Rough monthly wage tax (Steuerklasse I/IV) as a share of gross; an estimate, not § 32a EStG."""
    for band in p["alg1.lohnsteuer_grob"]["bands"]:
        if gross <= band["up_to"]:
            return cents(gross * band["rate"])
    return ZERO


def estimated_net(gross: Decimal, p: ParamSet) -> Decimal:
    """Net pay from gross: employee social insurance share and rough wage tax."""
    share = p["alg1.lohnsteuer_grob"]["employee_social_insurance"]
    return cents(gross - gross * share - estimated_tax(gross, p))


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
        net = estimated_net(gross, p)
    if warnings is not None:
        warnings.append(
            Warning(
                "net_income_estimated",
                f"Nettoeinkommen von {member_id or 'einer Person'} ({income.kind}) aus {gross} € brutto geschätzt: {net} €.",
            )
        )
    return net


def gross_of(income: Income) -> Decimal:
    if income.kind == "self_employment":
        return income.profit or ZERO
    if income.gross is not None:
        return income.gross
    return income.paid_amount


def earned_gross(member: Member) -> Decimal:
    return sum((i.gross_earnings for i in member.incomes if i.is_earned), ZERO)


def has_earnings(member: Member) -> bool:
    return any(i.is_earned and i.gross_earnings > 0 for i in member.incomes)
