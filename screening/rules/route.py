"""The route: the one answer a visitor acts on — which benefits to claim, in which order, and
what each office pays when the household follows that order (screening-contract.md,
"Additions of December 2026").

The route is decided on the household *after* the benefits that come first are paid
(§ 12a Satz 1 SGB II: ALG I, Kindergeld, Unterhaltsvorschuss), so every amount in it counts the
earlier claims as the paying office counts them: UVG and Kindergeld in SGB II, UVG in the child's
income for Kinderzuschlag (45 %), UVG and ALG I in the Wohngeld income, Wohngeld in the
Kinderzuschlag check of § 6a Abs. 1 Nr. 3 BKGG. Then one of two doors:

- Wohngeld and/or Kinderzuschlag, where together they end the need of the whole
  Bedarfsgemeinschaft (§ 12a Satz 2 Nr. 2 SGB II; § 2 Abs. 1 SGB XII; § 7 Abs. 1 WoGG);
- otherwise Grundsicherungsgeld/Bürgergeld or Sozialhilfe — and then no Wohngeld or
  Kinderzuschlag for the same people: the Wohngeldstelle's plausibility check
  (Nr. 15.01 ff. WoGVwV) sends a household that stays below its need to the Jobcenter or the
  Sozialamt.

The door not taken is kept as an alternative, complete with its own amounts, so the advisor
can show the comparison; it is never money on top.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from screening.rules.household import Household
from screening.rules.money import ZERO, cents, de, fmt
from screening.rules.result import OFFICES, ProgramResult, Reason, Status

CLAIMABLE = (Status.LIKELY, Status.POSSIBLE)
SUBSISTENCE = ("sgb2", "sgb12_ch4", "sgb12_ch3")
TOP_UPS = ("wohngeld", "kiz")
NEED_NOT_AVOIDED = "need_not_avoided"


def claimable(result: ProgramResult) -> bool:
    return result.status in CLAIMABLE and (result.monthly_amount or ZERO) > 0


@dataclass(frozen=True)
class Claim:
    program: str
    monthly_amount: Decimal
    status: Status

    def to_json(self) -> dict:
        return {"program": self.program, "monthly_amount": fmt(self.monthly_amount), "office": OFFICES[self.program], "status": str(self.status)}


@dataclass
class Route:
    claims: list[Claim]
    instead_of: list[str]
    income: Decimal  # the household's own net income before any benefit screened here
    need: Decimal | None  # the SGB II / SGB XII need of the people the route provides for
    reason: Reason
    alternatives: list[Route] = field(default_factory=list)

    @property
    def programs(self) -> list[str]:
        return [claim.program for claim in self.claims]

    @property
    def monthly_money(self) -> Decimal:
        return cents(self.income + sum((claim.monthly_amount for claim in self.claims), ZERO))

    @property
    def covers_need(self) -> bool | None:
        return None if self.need is None else self.monthly_money >= self.need

    def to_json(self, *, with_alternatives: bool = True) -> dict:
        data = {
            "claims": [claim.to_json() for claim in self.claims],
            "instead_of": list(self.instead_of),
            "monthly_money": fmt(self.monthly_money),
            "need": fmt(self.need),
            "covers_need": self.covers_need,
            "reason": self.reason.to_json(),
        }
        if with_alternatives:
            data["alternatives"] = [alternative.to_json(with_alternatives=False) for alternative in self.alternatives]
        return data

    def priority_json(self) -> dict:
        """The older ``priority`` block, derived from the route so that both say the same."""
        options = [self, *self.alternatives]
        return {
            "claim": self.programs,
            "instead_of": list(self.instead_of),
            "reason": self.reason.message,
            "citation": self.reason.citation,
            "options": [{"programs": sorted(option.programs), "monthly_money": fmt(option.monthly_money)} for option in options if option.claims],
        }


def first_claims(programs: dict[str, ProgramResult]) -> list[Claim]:
    """ALG I, Kindergeld and Unterhaltsvorschuss not yet received, in the order to claim them."""
    claims = []
    alg1 = programs["alg1"]
    estimated = alg1.facts.get("estimated", {})
    if alg1.status in CLAIMABLE and estimated:
        claims.append(Claim("alg1", cents(sum(estimated.values(), ZERO)), alg1.status))
    kindergeld = programs["kindergeld"]
    if claimable(kindergeld):
        claims.append(Claim("kindergeld", kindergeld.monthly_amount, kindergeld.status))
    uvg = programs["uvg"]
    new_uvg = uvg.facts.get("new_per_child", {}) if uvg.status in CLAIMABLE else {}
    if new_uvg:
        claims.append(Claim("uvg", cents(sum(new_uvg.values(), ZERO)), uvg.status))
    return claims


def _need(means: dict[str, ProgramResult]) -> Decimal | None:
    """The SGB II / SGB XII need of the people the route provides for. People expected to live
    on their assets first are left out, unless nobody else is left (then the route shows that
    income alone does not cover the need)."""
    known = [means[key] for key in SUBSISTENCE if "need" in means[key].facts]
    provided_for = [result for result in known if not _assets_first(result)] or known
    return cents(sum((result.facts["need"] for result in provided_for), ZERO)) if provided_for else None


def _assets_first(result: ProgramResult) -> bool:
    return result.status == Status.UNLIKELY and any(reason.code == "assets_exceed_limit" for reason in result.reasons)


def _top_up_amount(result: ProgramResult) -> Decimal:
    """What Wohngeld or Kinderzuschlag would pay if the household took that door."""
    if claimable(result) or NEED_NOT_AVOIDED in {r.code for r in result.reasons}:
        return result.monthly_amount or ZERO
    return ZERO


def decide(
    household: Household,
    programs: dict[str, ProgramResult],
    means: dict[str, ProgramResult],
    *,
    income: Decimal,
    subsistence_name: str,
) -> Route:
    """``programs``: stand-alone results (first claims not yet paid); ``means``: SGB II, SGB XII,
    Wohngeld and Kinderzuschlag once the first claims are paid. Marks Wohngeld in ``means``
    as not ending the need where the route goes to SGB II / SGB XII."""
    first = first_claims(programs)
    need = _need(means)
    subsistence = [key for key in SUBSISTENCE if claimable(means[key])]
    top_ups = {key: _top_up_amount(means[key]) for key in TOP_UPS}
    shortfall = cents(sum((means[key].facts.get("shortfall", ZERO) for key in subsistence), ZERO))

    def route(claims, instead_of, reason, alternatives=()):
        return Route([*first, *claims], instead_of, income, need, reason, list(alternatives))

    if subsistence:
        subsistence_claims = [Claim(key, means[key].monthly_amount, means[key].status) for key in subsistence]
        door = [Claim(key, top_ups[key], means[key].status) for key in TOP_UPS if top_ups[key] > 0]
        door_total = sum((claim.monthly_amount for claim in door), ZERO)
        if door and door_total >= shortfall and all(claimable(means[claim.program]) for claim in door):
            names = _names(door)
            cover, go = ("deckt", "geht") if len(door) == 1 else ("decken", "gehen")
            reason = Reason(
                "wohngeld_kiz_end_need",
                f"{names} ({de(door_total)}) {cover} zusammen mit dem Einkommen und den vorrangigen Leistungen den Bedarf der ganzen Bedarfsgemeinschaft (es fehlten {de(shortfall)}); {'sie' if len(door) > 1 else 'es'} {go} {'dem ' + subsistence_name if 'sgb2' in subsistence else 'der Sozialhilfe'} vor, wenn das für mindestens drei Monate gilt.",
                "§ 12a Satz 2 Nr. 2 SGB II; § 2 Abs. 1 SGB XII" if "sgb2" in subsistence else "§ 2 Abs. 1 SGB XII; § 7 Abs. 1 WoGG",
                {"amount": door_total, "shortfall": shortfall},
            )
            other = route(subsistence_claims, [], Reason("subsistence_not_needed", f"Nicht nötig: {names} {cover} den Bedarf.", "§ 12a SGB II; § 2 SGB XII"))
            return route(door, list(subsistence), reason, [other])
        for key in TOP_UPS:
            _mark_need_not_avoided(means[key], shortfall, door_total)
        reason = _subsistence_reason(subsistence, shortfall, door, door_total, subsistence_name, first, bool(means["kiz"].facts.get("extended_access")))
        alternatives = []
        if door:
            alternatives.append(
                route(
                    door,
                    [],
                    Reason(
                        NEED_NOT_AVOIDED,
                        f"{_names(door)} ({de(door_total)}) {_would(door)} den Bedarf nicht decken: Es blieben {de(shortfall - door_total)} im Monat ungedeckt.",
                        "§ 12a Satz 2 Nr. 2 SGB II; § 6a Abs. 1 Nr. 3 BKGG; Nr. 15.01 WoGVwV",
                        {"amount": door_total, "shortfall": shortfall, "gap": shortfall - door_total},
                    ),
                )
            )
        return route(subsistence_claims, [], reason, alternatives)

    # No need left for SGB II / SGB XII (or no claim to it): the first claims and the top-ups.
    replaced = [key for key in SUBSISTENCE if claimable(programs[key]) and not claimable(means[key])]
    door = [Claim(key, means[key].monthly_amount, means[key].status) for key in TOP_UPS if claimable(means[key])]
    if replaced and first:
        reason = Reason(
            "first_claims_end_need",
            f"Mit {_names(first)} ist der Bedarf gedeckt; {subsistence_name if 'sgb2' in replaced else 'Sozialhilfe'} ist dann nicht nötig.",
            "§ 12a Satz 1 SGB II; § 2 Abs. 1 SGB XII",
        )
    elif door:
        reason = Reason("top_up_income", f"Das Einkommen deckt den Grundbedarf; {_names(door)} ergänzen es.", "§ 1 WoGG; § 6a BKGG")
    elif first:
        reason = Reason("first_claims_only", f"Beantragen: {_names(first)}.", "§ 12a Satz 1 SGB II")
    elif any(_assets_first(means[key]) for key in SUBSISTENCE):
        reason = Reason("assets_first", "Das Vermögen liegt über der Grenze; es ist zuerst einzusetzen.", "§ 12 SGB II; § 90 SGB XII")
    else:
        reason = Reason("nothing_to_claim", "Nach diesen Angaben ist keine der geprüften Leistungen zu erwarten.", "§ 9 SGB II; § 19 SGB XII; § 1 WoGG")
    return route(door, replaced if first else [], reason)


def _mark_need_not_avoided(result: ProgramResult, shortfall: Decimal, door_total: Decimal) -> None:
    """Wohngeld (plausibility, Nr. 15.01 ff. WoGVwV) and Kinderzuschlag (§ 6a Abs. 1 Nr. 3 BKGG)
    are not for a household that stays in need with them: it belongs to SGB II / SGB XII."""
    if not claimable(result) or result.facts.get("extended_access"):
        return
    result.status = Status.UNLIKELY
    if result.program == "wohngeld":
        message = f"Auch mit Wohngeld (und Kinderzuschlag: {de(door_total)}) blieben {de(shortfall - door_total)} des Bedarfs ungedeckt; die Wohngeldstelle verweist dann auf Grundsicherung oder Sozialhilfe (Plausibilitätsprüfung)."
        citation = "Nr. 15.01 ff. WoGVwV; § 7 Abs. 1 WoGG; § 12a SGB II"
    else:
        message = f"Auch mit Kinderzuschlag und Wohngeld ({de(door_total)}) bliebe die Familie hilfebedürftig: Es fehlten {de(shortfall - door_total)} im Monat."
        citation = "§ 6a Abs. 1 Nr. 3 BKGG"
    result.reasons.insert(0, Reason(NEED_NOT_AVOIDED, message, citation, {"shortfall": shortfall, "gap": shortfall - door_total}))


def _subsistence_reason(subsistence, shortfall, door, door_total, subsistence_name, first, extended_access) -> Reason:
    names = " und ".join(subsistence_name if key == "sgb2" else "Sozialhilfe" for key in dict.fromkeys("sgb2" if k == "sgb2" else "sgb12" for k in subsistence))
    if door:
        choice = ""
        if extended_access:
            choice = " Kinderzuschlag ist nach dem erweiterten Zugang trotzdem möglich, wenn die Familie kein Grundsicherungsgeld beantragt; dann fehlt ihr dieser Betrag."
        return Reason(
            "subsistence_need_remains",
            f"{_names(door)} ({de(door_total)}) {_would(door)} den Bedarf nicht decken: Es blieben {de(shortfall - door_total)} im Monat ungedeckt. {names} beantragen.{choice}",
            "§ 12a Satz 2 Nr. 2 SGB II; § 2 SGB XII; Nr. 15.01 WoGVwV" + ("; § 6a Abs. 1a BKGG" if extended_access else ""),
            {"amount": door_total, "shortfall": shortfall, "gap": shortfall - door_total, "extended_access": extended_access},
        )
    if first:
        return Reason("subsistence_tops_up", f"Die vorrangigen Leistungen decken den Bedarf nicht; {names} stockt auf ({de(shortfall)}).", "§ 12a Satz 1 SGB II; § 19 SGB II; § 19 SGB XII", {"shortfall": shortfall})
    return Reason("subsistence", f"{names} beantragen: Einkommen und vorrangige Leistungen decken den Bedarf nicht.", "§ 9, § 19 SGB II; § 19 SGB XII", {"shortfall": shortfall})


NAMES = {
    "alg1": "Arbeitslosengeld",
    "kindergeld": "Kindergeld",
    "uvg": "Unterhaltsvorschuss",
    "wohngeld": "Wohngeld",
    "kiz": "Kinderzuschlag",
}


def _names(claims: list[Claim]) -> str:
    names = [NAMES.get(claim.program, claim.program) for claim in claims]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " und " + names[-1]


def _would(claims: list[Claim]) -> str:
    return "würde" if len(claims) == 1 else "würden"
