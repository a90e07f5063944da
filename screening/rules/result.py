"""The engine's output: programmes with status, amount, steps, reasons (contract: screening-contract.md)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from screening.rules.money import fmt


class Status(StrEnum):
    LIKELY = "likely"
    POSSIBLE = "possible"
    UNLIKELY = "unlikely"
    EXCLUDED = "excluded"
    NOT_APPLICABLE = "not_applicable"


PROGRAMS = ("sgb2", "sgb12_ch3", "sgb12_ch4", "wohngeld", "kiz", "kindergeld", "uvg", "alg1")

OFFICES = {
    "sgb2": "jobcenter",
    "sgb12_ch3": "sozialamt",
    "sgb12_ch4": "sozialamt",
    "wohngeld": "wohngeldstelle",
    "kiz": "familienkasse",
    "kindergeld": "familienkasse",
    "uvg": "jugendamt",
    "alg1": "agentur_fuer_arbeit",
}


@dataclass(frozen=True)
class Step:
    """One line of the calculation, in the order a person would check it."""

    code: str
    label: str
    amount: Decimal | None
    citation: str
    member: str | None = None

    def to_json(self) -> dict:
        data = {"code": self.code, "label": self.label, "amount": fmt(self.amount), "citation": self.citation}
        if self.member is not None:
            data["member"] = self.member
        return data


@dataclass(frozen=True)
class Reason:
    """Why a status is what it is: a stable code, a German message, the legal basis."""

    code: str
    message: str
    citation: str
    params: dict = field(default_factory=dict)

    def to_json(self) -> dict:
        data = {"code": self.code, "message": self.message, "citation": self.citation}
        if self.params:
            data["params"] = {k: (fmt(v) if isinstance(v, Decimal) else v) for k, v in self.params.items()}
        return data


@dataclass(frozen=True)
class Warning:
    code: str
    message: str

    def to_json(self) -> dict:
        return {"code": self.code, "message": self.message}


@dataclass
class ProgramResult:
    program: str
    status: Status
    monthly_amount: Decimal | None = None
    members: list[str] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)
    reasons: list[Reason] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)
    extra: dict = field(default_factory=dict)
    # Internal figures other rules need (e.g. the SGB II need for the priority check).
    facts: dict = field(default_factory=dict)

    def to_json(self, title: str) -> dict:
        amount = self.monthly_amount
        if amount is not None and self.program == "wohngeld":
            amount_str = f"{amount:.2f}"
        else:
            amount_str = fmt(amount)
        data = {
            "status": str(self.status),
            "monthly_amount": amount_str,
            "office": OFFICES[self.program],
            "members": list(self.members),
            "title": title,
            "steps": [s.to_json() for s in self.steps],
            "reasons": [r.to_json() for r in self.reasons],
            "documents": list(self.documents),
        }
        data.update(self.extra)
        return data


@dataclass
class ScreeningResult:
    as_of: str
    rules_version: str
    parameter_digest: str
    programs: dict[str, ProgramResult]
    titles: dict[str, str]
    route: object  # screening.rules.route.Route
    documents: list[str]
    warnings: list[Warning]
    # Added in December 2026 (issue 19): one_month.OneMonthClaim and loans.Loan.
    one_month_claims: list = field(default_factory=list)
    loans: list = field(default_factory=list)
    # Whether every value used is officially known for as_of (issue 20): ParamSet.law_json().
    law: dict = field(default_factory=dict)

    def to_json(self) -> dict:
        return {
            "as_of": self.as_of,
            "rules_version": self.rules_version,
            "parameter_digest": self.parameter_digest,
            "programs": {key: self.programs[key].to_json(self.titles[key]) for key in PROGRAMS},
            "route": self.route.to_json(),
            "priority": self.route.priority_json(),
            "one_month_claims": [claim.to_json() for claim in self.one_month_claims],
            "loans": [loan.to_json() for loan in self.loans],
            "documents": self.documents,
            "warnings": [w.to_json() for w in self.warnings],
            "law": self.law,
        }
