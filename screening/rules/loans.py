"""Debts that threaten the home or the energy supply (issue 19).

§ 22 Abs. 8 SGB II: where Grundsicherungsgeld / Bürgergeld for housing is paid, the Jobcenter
can take over debts if this secures the home or ends a comparable emergency (an energy
cut-off); it should where homelessness threatens; usually as a loan; the person's own protected
assets come first (Satz 3). Everyone else: § 36 SGB XII (for people not in need under SGB II
also § 21 Satz 2 SGB XII). The office decides each case, so a loan is never more than
"possible". Debts without a threat: debt advice, no loan ("unlikely").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from screening.rules.household import Debt, Household
from screening.rules.money import de, fmt
from screening.rules.result import Reason, Status

ENERGY = ("electricity", "gas", "heating")
ENERGY_THREATS = ("disconnection_notice", "disconnected")
HOME_THREATS = ("termination_notice", "eviction_suit")
KIND_DE = {
    "electricity": "Stromschulden",
    "gas": "Gasschulden",
    "heating": "Heizkostenschulden",
    "rent": "Mietschulden",
    "other": "Schulden",
}
OFFICE = {"sgb2_debt_loan": "jobcenter", "sgb12_debt_loan": "sozialamt"}


@dataclass
class Loan:
    program: str
    status: Status
    amount: Decimal
    kind: str
    threat: str
    reasons: list[Reason] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "program": self.program,
            "status": str(self.status),
            "office": OFFICE[self.program],
            "amount": fmt(self.amount),
            "kind": self.kind,
            "threat": self.threat,
            "reasons": [r.to_json() for r in self.reasons],
        }


def loans(household: Household, route_programs: list[str]) -> list[Loan]:
    """``route_programs``: what the ongoing route claims (SGB II housing costs there → § 22 Abs. 8)."""
    if not household.debts:
        return []
    in_sgb2 = "sgb2" in route_programs or any(
        "sgb2" in m.already_receives for m in household.members if m.relation != "relative"
    )
    return [_loan(debt, in_sgb2) for debt in household.debts]


def _loan(debt: Debt, in_sgb2: bool) -> Loan:
    program = "sgb2_debt_loan" if in_sgb2 else "sgb12_debt_loan"
    law = "§ 22 Abs. 8 SGB II" if in_sgb2 else "§ 36 Abs. 1 SGB XII; § 21 Satz 2 SGB XII"
    office = "Jobcenter" if in_sgb2 else "Sozialamt"
    what = KIND_DE[debt.kind]
    if debt.threat == "none":
        return Loan(
            program,
            Status.UNLIKELY,
            debt.amount,
            debt.kind,
            debt.threat,
            [
                Reason(
                    "debt_advice",
                    f"{what} von {de(debt.amount)} ohne drohende Sperre oder Kündigung: Eine Übernahme durch das Amt kommt nur in Betracht, wenn die Wohnung oder die Energieversorgung gefährdet ist. Schuldnerberatung aufsuchen und mit dem Gläubiger Raten vereinbaren.",
                    law,
                )
            ],
        )
    reasons = []
    if debt.kind in ENERGY or debt.threat in ENERGY_THREATS:
        cut = "Die Versorgung ist gesperrt" if debt.threat == "disconnected" else "Eine Sperre ist angedroht"
        reasons.append(
            Reason(
                "energy_disconnection_threat",
                f"{cut} ({what} {de(debt.amount)}): Das {office} kann die Schulden übernehmen, wenn das eine vergleichbare Notlage beseitigt.",
                law,
                {"amount": debt.amount},
            )
        )
        reasons.append(
            Reason(
                "supply_protection",
                "Schutz vor der Sperre: Der Versorger muss die Sperre vier Wochen vorher androhen und acht Werktage vorher ankündigen; sie muss verhältnismäßig sein, und er muss eine Abwendungsvereinbarung mit Ratenzahlung anbieten. Sofort Raten anbieten und den Versorger über den Antrag beim Amt informieren.",
                "§ 19 Abs. 2 bis 5 StromGVV; § 19 Abs. 2 bis 5 GasGVV",
            )
        )
    else:
        reasons.append(
            Reason(
                "home_loss_threat",
                f"Die Wohnung ist gefährdet ({what} {de(debt.amount)}, {'Räumungsklage' if debt.threat == 'eviction_suit' else 'Kündigung'}): Das {office} soll die Schulden übernehmen, wenn sonst Wohnungslosigkeit droht.",
                law,
                {"amount": debt.amount},
            )
        )
        if debt.kind == "rent":
            reasons.append(
                Reason(
                    "rent_arrears_protection",
                    "Eine Kündigung wegen Mietrückstand wird unwirksam, wenn der Rückstand bis spätestens zwei Monate nach Zustellung der Räumungsklage bezahlt ist oder das Amt sich zur Zahlung verpflichtet (Schonfrist). Sofort zum Amt und zum Mieterverein.",
                    "§ 569 Abs. 3 Nr. 2 BGB; § 22 Abs. 9 SGB II",
                )
            )
    reasons.append(
        Reason(
            "loan_conditions",
            "Das Amt prüft: Ist die Übernahme gerechtfertigt und notwendig, gibt es keinen anderen Weg (eigenes Vermögen, Ratenzahlung), ist die Wohnung angemessen? Die Übernahme erfolgt in der Regel als Darlehen.",
            law + ("; § 22 Abs. 8 Satz 3 und 4 SGB II" if in_sgb2 else "; § 36 Abs. 1 Satz 3 SGB XII"),
        )
    )
    return Loan(program, Status.POSSIBLE, debt.amount, debt.kind, debt.threat, reasons)
