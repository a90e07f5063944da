"""The route: the one answer a visitor acts on — which benefits to claim, in which order, and
what each office pays when the household follows that order (screening-contract.md,
"Additions of December 2026").

The route is decided on the household *after* the benefits that come first are paid
(§ 12a Satz 1 SGB II: ALG I, Kindergeld, Unterhaltsvorschuss), so every amount in it counts the
earlier claims as the paying office counts them: UVG and Kindergeld in SGB II, UVG in the child's
income for Kinderzuschlag (45 %), UVG and ALG I in the Wohngeld income, Wohngeld in the
Kinderzuschlag check of § 6a Abs. 1 Nr. 3 BKGG. Then the family (the person asking, the
partner, the children) takes one of two doors:

- Wohngeld and/or Kinderzuschlag, where together they end the need of the whole
  Bedarfsgemeinschaft (§ 12a Satz 2 Nr. 2 SGB II; § 2 Abs. 1 SGB XII; § 7 Abs. 1 WoGG);
- otherwise Grundsicherungsgeld/Bürgergeld or Sozialhilfe — and then no Wohngeld or
  Kinderzuschlag for the same people: the Wohngeldstelle's plausibility check
  (Nr. 15.01 ff. WoGVwV) sends a household that stays below its need to the Jobcenter or the
  Sozialamt.

Other relatives in the household (a grandmother) are not part of the family's
Bedarfsgemeinschaft: each has a claim of her own, decided apart from the family's door; where
the family goes to SGB II / SGB XII, the others may still get Wohngeld for their share.

The door not taken is kept as an alternative, complete with its own amounts, so the advisor
can show the comparison; it is never money on top.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal

from screening.rules.money import ZERO, cents, de, fmt
from screening.rules.result import OFFICES, ProgramResult, Reason, Status

CLAIMABLE = (Status.LIKELY, Status.POSSIBLE)
SUBSISTENCE = ("sgb2", "sgb12_ch4", "sgb12_ch3")
TOP_UPS = ("wohngeld", "kiz")
NEED_NOT_AVOIDED = "need_not_avoided"


def claimable(result: ProgramResult | None) -> bool:
    return result is not None and result.status in CLAIMABLE and (result.monthly_amount or ZERO) > 0


@dataclass(frozen=True)
class Claim:
    program: str
    monthly_amount: Decimal
    status: Status
    members: tuple[str, ...] = ()

    @classmethod
    def of(cls, result: ProgramResult, amount: Decimal | None = None) -> Claim:
        return cls(result.program, result.monthly_amount if amount is None else amount, result.status, tuple(result.members))

    def to_json(self) -> dict:
        return {
            "program": self.program,
            "monthly_amount": fmt(self.monthly_amount),
            "office": OFFICES[self.program],
            "status": str(self.status),
            "members": list(self.members),
        }


@dataclass
class Route:
    claims: list[Claim]
    instead_of: list[str]
    income: Decimal  # the household's own net income before any benefit screened here
    need: Decimal | None  # the SGB II / SGB XII need of the people the route provides for
    covers_need: bool | None
    reason: Reason
    alternatives: list[Route] = field(default_factory=list)

    @property
    def programs(self) -> list[str]:
        return [claim.program for claim in self.claims]

    @property
    def monthly_money(self) -> Decimal:
        return cents(self.income + sum((claim.monthly_amount for claim in self.claims), ZERO))

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


def lower_claims(decided: Route, programs: set[str]) -> Route:
    """The same route with the claims of these programmes "possible" instead of "likely"
    (the law for the date is not fully known); alternatives alike."""

    def lowered(route: Route) -> Route:
        claims = [
            replace(claim, status=Status.POSSIBLE) if claim.program in programs and claim.status == Status.LIKELY else claim
            for claim in route.claims
        ]
        return replace(route, claims=claims, alternatives=[lowered(alternative) for alternative in route.alternatives])

    return lowered(decided)


@dataclass
class RelativeClaim:
    """A relative's own SGB II / SGB XII result (she is screened as living alone in the flat)."""

    member: str
    result: ProgramResult  # the claimable programme, or the one that carries her need


@dataclass
class Situation:
    """What the route is decided on, once the first claims are paid (built by ``evaluate``)."""

    family: dict[str, ProgramResult]  # sgb2, sgb12_ch3, sgb12_ch4 of self, partner and children
    wohngeld: ProgramResult  # Wohngeld if the family takes that door (relatives with a claim of their own left out)
    kiz: ProgramResult  # Kinderzuschlag, checked with that Wohngeld
    relatives: list[RelativeClaim]
    wohngeld_beside: ProgramResult | None  # Wohngeld of the others where the family takes SGB II / SGB XII
    income: Decimal
    subsistence_name: str  # "Grundsicherungsgeld" or "Bürgergeld"
    family_members: set[str] = field(default_factory=set)  # self, partner, children


def first_claims(programs: dict[str, ProgramResult]) -> list[Claim]:
    """ALG I, Kindergeld and Unterhaltsvorschuss not yet received, in the order to claim them."""
    claims = []
    alg1 = programs["alg1"]
    estimated = alg1.facts.get("estimated", {})
    if alg1.status in CLAIMABLE and estimated:
        claims.append(Claim("alg1", cents(sum(estimated.values(), ZERO)), alg1.status, tuple(estimated)))
    kindergeld = programs["kindergeld"]
    if claimable(kindergeld):
        claims.append(Claim.of(kindergeld))
    uvg = programs["uvg"]
    new_uvg = uvg.facts.get("new_per_child", {}) if uvg.status in CLAIMABLE else {}
    if new_uvg:
        claims.append(Claim("uvg", cents(sum(new_uvg.values(), ZERO)), uvg.status, tuple(new_uvg)))
    return claims


def assets_first(result: ProgramResult) -> bool:
    """Refused for assets although income alone would leave a need: live on the assets first."""
    if result.status != Status.UNLIKELY or not any(reason.code == "assets_exceed_limit" for reason in result.reasons):
        return False
    return result.facts.get("shortfall_before_assets", result.facts.get("shortfall", ZERO)) > 0


def _need(situation: Situation) -> tuple[Decimal | None, bool]:
    """The SGB II / SGB XII need of the people the route provides for, and whether all of
    them are to live on their assets first. People expected to live on their assets are left
    out, unless nobody else is left (then the route shows that income alone does not cover)."""
    known = [situation.family[key] for key in SUBSISTENCE if "need" in situation.family[key].facts]
    known += [relative.result for relative in situation.relatives if "need" in relative.result.facts]
    provided_for = [result for result in known if not assets_first(result)]
    if not known:
        return None, False
    chosen = provided_for or known
    return cents(sum((result.facts["need"] for result in chosen), ZERO)), not provided_for


def _door_amount(result: ProgramResult) -> Decimal:
    """What Wohngeld or Kinderzuschlag would pay if the family took that door."""
    if claimable(result) or NEED_NOT_AVOIDED in {r.code for r in result.reasons}:
        return result.monthly_amount or ZERO
    return ZERO


def _merge(claims: list[Claim]) -> list[Claim]:
    """One claim per programme (the family's and a relative's Sozialhilfe go to the same office)."""
    merged: dict[str, Claim] = {}
    for claim in claims:
        if claim.program in merged:
            before = merged[claim.program]
            status = Status.LIKELY if Status.LIKELY in (before.status, claim.status) else Status.POSSIBLE
            claim = Claim(claim.program, before.monthly_amount + claim.monthly_amount, status, before.members + claim.members)
        merged[claim.program] = claim
    return list(merged.values())


def decide(programs: dict[str, ProgramResult], situation: Situation) -> Route:
    """``programs``: stand-alone results (first claims not yet paid). Marks Wohngeld and
    Kinderzuschlag as not ending the need where the family goes to SGB II / SGB XII."""
    first = first_claims(programs)
    need, everyone_on_assets = _need(situation)
    family = situation.family
    relatives = [Claim.of(relative.result) for relative in situation.relatives if claimable(relative.result)]
    subsistence = [key for key in SUBSISTENCE if claimable(family[key])]
    door_results = {"wohngeld": situation.wohngeld, "kiz": situation.kiz}
    door = [Claim.of(door_results[key], _door_amount(door_results[key])) for key in TOP_UPS if _door_amount(door_results[key]) > 0]
    door_total = sum((claim.monthly_amount for claim in door), ZERO)
    shortfall = cents(sum((family[key].facts.get("shortfall", ZERO) for key in subsistence), ZERO))
    name = " und ".join(situation.subsistence_name if key == "sgb2" else NAMES[key] for key in subsistence)

    def route(claims, instead_of, covers, reason, alternatives=()):
        return Route(_merge([*first, *relatives, *claims]), instead_of, situation.income, need, covers, reason, list(alternatives))

    if subsistence:
        subsistence_claims = [Claim.of(family[key]) for key in subsistence]
        if door and door_total >= shortfall and all(claimable(door_results[claim.program]) for claim in door):
            reason = _door_reason(door, door_total, shortfall, name, "sgb2" in subsistence)
            other = route(subsistence_claims, [], True, Reason("subsistence_not_needed", f"Nicht nötig: {_names(door)} {_verb(door, 'deckt', 'decken')} den Bedarf.", "§ 12a SGB II; § 2 SGB XII"))
            return route(door, list(subsistence), True, reason, [other])
        extended_access = bool(situation.kiz.facts.get("extended_access"))
        for result in door_results.values():
            _mark_need_not_avoided(result, shortfall, door, extended_access)
        beside = [Claim.of(situation.wohngeld_beside)] if claimable(situation.wohngeld_beside) else []
        alternatives = []
        if door:
            gap = shortfall - door_total
            alternatives.append(
                route(
                    door,
                    [],
                    False,
                    Reason(
                        NEED_NOT_AVOIDED,
                        f"{_names(door)} ({de(door_total)}) {_verb(door, 'würde', 'würden')} den Bedarf nicht decken: Es blieben {de(gap)} im Monat ungedeckt.",
                        "§ 12a Satz 2 Nr. 2 SGB II; § 6a Abs. 1 Nr. 3 BKGG; Nr. 15.01 WoGVwV",
                        {"amount": door_total, "shortfall": shortfall, "gap": gap},
                    ),
                )
            )
        reason = _subsistence_reason(name, shortfall, door, door_total, first, extended_access, beside)
        return route([*subsistence_claims, *beside], [], True, reason, alternatives)

    # The family needs no SGB II / SGB XII (or has no claim to it): first claims and top-ups.
    replaced = [
        key
        for key in SUBSISTENCE
        if claimable(programs[key]) and set(programs[key].members) & situation.family_members and not claimable(family[key]) and not assets_first(family[key])
    ]
    top_ups = [Claim.of(door_results[key]) for key in TOP_UPS if claimable(door_results[key])]
    covers = None if need is None else not everyone_on_assets
    if replaced and first:
        replaced_name = " und ".join(situation.subsistence_name if key == "sgb2" else NAMES[key] for key in replaced)
        reason = Reason("first_claims_end_need", f"Mit {_names(first)} ist der Bedarf gedeckt; {replaced_name} ist dann nicht nötig.", "§ 12a Satz 1 SGB II; § 2 Abs. 1 SGB XII")
    elif any(assets_first(family[key]) for key in SUBSISTENCE):
        reason = Reason("assets_first", "Das Vermögen liegt über der Grenze für Grundsicherung und Sozialhilfe; es ist zuerst einzusetzen." + (f" {_names(top_ups)} {_verb(top_ups, 'ergänzt', 'ergänzen')} das Einkommen." if top_ups else ""), "§ 12 SGB II; § 90 SGB XII")
    elif excluded := [family[key] for key in SUBSISTENCE if family[key].status == Status.EXCLUDED]:
        reason = Reason("subsistence_excluded", f"Kein Anspruch auf Grundsicherung: {excluded[0].reasons[0].message}" if excluded[0].reasons else "Kein Anspruch auf Grundsicherung.", excluded[0].reasons[0].citation if excluded[0].reasons else "§ 7 SGB II")
    elif top_ups:
        reason = Reason("top_up_income", f"Das Einkommen deckt den Grundbedarf; {_names(top_ups)} {_verb(top_ups, 'ergänzt', 'ergänzen')} es.", "§ 1 WoGG; § 6a BKGG")
    elif relatives:
        reason = Reason("relatives_own_claim", f"Das Einkommen deckt den Bedarf der Familie; Angehörige im Haushalt mit eigenem Anspruch: {_names(relatives)} beantragen.", "§ 7 Abs. 3 SGB II; § 19 SGB XII; § 39 SGB XII")
    elif first:
        reason = Reason("first_claims_only", f"Beantragen: {_names(first)}.", "§ 12a Satz 1 SGB II")
    else:
        reason = Reason("nothing_to_claim", "Nach diesen Angaben ist keine der geprüften Leistungen zu erwarten.", "§ 9 SGB II; § 19 SGB XII; § 1 WoGG")
    return route(top_ups, replaced if first else [], covers, reason)


def _door_reason(door, door_total, shortfall, name, sgb2) -> Reason:
    names = _names(door)
    three_months = " (Vorrang, wenn das für mindestens drei Monate gilt)" if sgb2 else ""
    return Reason(
        "wohngeld_kiz_end_need",
        f"{names} ({de(door_total)}) {_verb(door, 'deckt', 'decken')} zusammen mit dem Einkommen und den vorrangigen Leistungen den Bedarf der ganzen Bedarfsgemeinschaft (es fehlten {de(shortfall)}); {name} ist dann nicht nötig{three_months}.",
        "§ 12a Satz 2 Nr. 2 SGB II; § 2 Abs. 1 SGB XII" if sgb2 else "§ 2 Abs. 1 SGB XII; § 7 Abs. 1 WoGG",
        {"amount": door_total, "shortfall": shortfall},
    )


def _mark_need_not_avoided(result: ProgramResult, shortfall: Decimal, door: list[Claim], extended_access: bool) -> None:
    """Wohngeld (plausibility, Nr. 15.01 ff. WoGVwV) and Kinderzuschlag (§ 6a Abs. 1 Nr. 3 BKGG)
    are not for a family that stays in need with them: it belongs to SGB II / SGB XII. With the
    erweiterter Zugang (§ 6a Abs. 1a BKGG) the family may instead choose Kinderzuschlag with
    Wohngeld, so both stay possible."""
    if not claimable(result):
        return
    door_total = sum((claim.monthly_amount for claim in door), ZERO)
    kiz_in_door = any(claim.program == "kiz" for claim in door)
    wohngeld_in_door = any(claim.program == "wohngeld" for claim in door)
    gap = shortfall - door_total
    if extended_access:
        result.status = Status.POSSIBLE
        if result.program == "wohngeld":
            result.reasons.insert(0, Reason("extended_access_choice", f"Nur zusammen mit Kinderzuschlag im erweiterten Zugang, wenn die Familie kein Grundsicherungsgeld beantragt; dann blieben {de(gap)} des Bedarfs ungedeckt.", "§ 6a Abs. 1a BKGG; Nr. 15.01 WoGVwV", {"gap": gap}))
        return
    result.status = Status.UNLIKELY
    if result.program == "wohngeld":
        with_what = "Wohngeld und Kinderzuschlag" if kiz_in_door else "Wohngeld"
        message = f"Auch mit {with_what} ({de(door_total)}) blieben {de(gap)} des Bedarfs ungedeckt; die Wohngeldstelle verweist dann auf Grundsicherung oder Sozialhilfe (Plausibilitätsprüfung)."
        citation = "Nr. 15.01 ff. WoGVwV; § 7 Abs. 1 WoGG; § 12a SGB II"
    else:
        with_what = "Kinderzuschlag und Wohngeld" if wohngeld_in_door else "Kinderzuschlag"
        message = f"Auch mit {with_what} ({de(door_total)}) bliebe die Familie hilfebedürftig: Es fehlten {de(gap)} im Monat."
        citation = "§ 6a Abs. 1 Nr. 3 BKGG"
    result.reasons = [r for r in result.reasons if r.code not in ("kiz_positive", "wohngeld_formula_positive")]
    result.reasons.insert(0, Reason(NEED_NOT_AVOIDED, message, citation, {"shortfall": shortfall, "gap": gap}))


def _subsistence_reason(name, shortfall, door, door_total, first, extended_access, beside) -> Reason:
    also = f" Wohngeld gibt es für die übrigen Haushaltsmitglieder ({de(beside[0].monthly_amount)})." if beside else ""
    if door:
        gap = shortfall - door_total
        choice = " Kinderzuschlag ist im erweiterten Zugang trotzdem möglich, wenn die Familie kein Grundsicherungsgeld beantragt; dann fehlt ihr dieser Betrag." if extended_access else ""
        return Reason(
            "subsistence_need_remains",
            f"{_names(door)} ({de(door_total)}) {_verb(door, 'würde', 'würden')} den Bedarf nicht decken: Es blieben {de(gap)} im Monat ungedeckt. {name} beantragen.{choice}{also}",
            "§ 12a Satz 2 Nr. 2 SGB II; § 2 SGB XII; Nr. 15.01 WoGVwV" + ("; § 6a Abs. 1a BKGG" if extended_access else ""),
            {"amount": door_total, "shortfall": shortfall, "gap": gap, "extended_access": extended_access},
        )
    if first:
        return Reason("subsistence_tops_up", f"Die vorrangigen Leistungen decken den Bedarf nicht; {name} stockt auf ({de(shortfall)}).{also}", "§ 12a Satz 1 SGB II; § 19 SGB II; § 19 SGB XII", {"shortfall": shortfall})
    return Reason("subsistence", f"{name} beantragen: Einkommen und vorrangige Leistungen decken den Bedarf nicht.{also}", "§ 9, § 19 SGB II; § 19 SGB XII", {"shortfall": shortfall})


NAMES = {
    "alg1": "Arbeitslosengeld",
    "kindergeld": "Kindergeld",
    "uvg": "Unterhaltsvorschuss",
    "wohngeld": "Wohngeld",
    "kiz": "Kinderzuschlag",
    "sgb2": "Grundsicherungsgeld",
    "sgb12_ch3": "Hilfe zum Lebensunterhalt",
    "sgb12_ch4": "Grundsicherung im Alter und bei Erwerbsminderung",
}


def _names(claims: list[Claim]) -> str:
    names = list(dict.fromkeys(NAMES.get(claim.program, claim.program) for claim in claims))
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " und " + names[-1]


def _verb(claims: list[Claim], singular: str, plural: str) -> str:
    return singular if len(claims) == 1 else plural
