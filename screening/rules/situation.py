"""What the route is decided on (``route.Situation``): the household once the first claims are
paid, the family's SGB II / SGB XII results, Wohngeld and Kinderzuschlag as their offices would
compute them on that door, and each other relative's claim of her own."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from screening.rules import family, sgb2, sgb12, wohngeld
from screening.rules.household import Household, Income, Member
from screening.rules.money import ZERO
from screening.rules.params import ParamSet
from screening.rules.result import ProgramResult, Reason, Status
from screening.rules.route import NAMES, RelativeClaim, Situation, claimable, first_claims

MeansTested = Callable[[Household, ParamSet, list], dict[str, ProgramResult]]
TRANSFER_OF = {"sgb2": "sgb2", "sgb12_ch3": "sgb12", "sgb12_ch4": "sgb12"}


def after_first_claims(household: Household, alg1_estimates: dict, new_uvg: dict) -> Household:
    """The household once the benefits to claim first are paid: estimated ALG I, new UVG
    (§ 12a Satz 1 SGB II)."""

    def updated(member: Member) -> Member:
        if member.id in alg1_estimates:
            member = replace(member, incomes=(*member.incomes, Income(kind="alg1", amount=alg1_estimates[member.id])), alg1_basis=None)
        if member.id in new_uvg:
            member = replace(member, incomes=(*member.incomes, Income(kind="uvg", amount=new_uvg[member.id])))
        return member

    return replace(household, members=tuple(updated(m) for m in household.members))


def build(household: Household, p: ParamSet, programs: dict[str, ProgramResult], means_tested: MeansTested, *, income, subsistence_name: str) -> Situation:
    estimated = programs["alg1"].facts.get("estimated", {})
    new_uvg = programs["uvg"].facts.get("new_per_child", {}) if programs["uvg"].status in (Status.LIKELY, Status.POSSIBLE) else {}
    after = after_first_claims(household, estimated, new_uvg) if estimated or new_uvg else household
    relatives = [m for m in after.members if m.relation == "relative"]
    family_members = {m.id for m in after.members if m.relation != "relative"}
    if not relatives:
        means = means_tested(after, p, []) if after is not household else programs
        return Situation(_subsistence_of(means), means["wohngeld"], means["kiz"], [], None, income, subsistence_name, family_members)

    # The family is self, partner and children; relatives count as other heads in the flat.
    family_household = replace(
        after,
        members=tuple(m for m in after.members if m.relation != "relative"),
        housing=replace(after.housing, other_occupants=after.housing.other_occupants + len(relatives)),
    )
    family_means = means_tested(family_household, p, [])
    own = [_own_claim(relative, after, p) for relative in relatives if relative.age >= 18 and not relative.already_receives & wohngeld.TRANSFER_BENEFITS]
    own = [claim for claim in own if claim is not None]
    claiming = {claim.member: TRANSFER_OF[claim.result.program] for claim in own if claimable(claim.result)}
    door_wohngeld = wohngeld.evaluate(_receiving(after, claiming), p, [])
    kiz = family.kinderzuschlag(family_household, p, [], door_wohngeld.monthly_amount or ZERO, family_means["sgb2"])
    family_subsistence = _subsistence_of(family_means)
    in_subsistence = {member: TRANSFER_OF[key] for key, result in family_subsistence.items() if claimable(result) for member in result.members}
    beside = None
    if in_subsistence and len(claiming) < len(relatives):
        beside = wohngeld.evaluate(_receiving(after, {**claiming, **in_subsistence}), p, [])
        if not beside.members:
            beside = None
    return Situation(family_subsistence, door_wohngeld, kiz, own, beside, income, subsistence_name, family_members)


def _subsistence_of(means: dict[str, ProgramResult]) -> dict[str, ProgramResult]:
    return {key: means[key] for key in ("sgb2", "sgb12_ch3", "sgb12_ch4")}


def _receiving(household: Household, transfers: dict[str, str]) -> Household:
    """The household with these members receiving SGB II / SGB XII (they leave Wohngeld, § 7 WoGG)."""
    return replace(
        household,
        members=tuple(replace(m, already_receives=m.already_receives | {transfers[m.id]}) if m.id in transfers else m for m in household.members),
    )


def _own_claim(relative: Member, household: Household, p: ParamSet) -> RelativeClaim | None:
    """A relative screened as a person living alone who shares the flat (Stufe 1, costs per head)."""
    alone = replace(
        household,
        members=(replace(relative, relation="self"),),
        housing=replace(household.housing, other_occupants=household.housing.other_occupants + household.size - 1),
    )
    ch3, ch4 = sgb12.evaluate(alone, p, [])
    candidates = [sgb2.evaluate(alone, p, []), ch4, ch3]
    chosen = next((result for result in candidates if claimable(result)), None)
    chosen = chosen or next((result for result in candidates if "need" in result.facts and result.members), None)
    if chosen is None:
        return None
    chosen.members = [relative.id]
    chosen.reasons.insert(0, Reason("relative_own_claim", "Angehörige im Haushalt (nicht Partner oder Kind) haben einen eigenen Anspruch; sie werden wie Alleinstehende mit Kostenanteil nach Köpfen geprüft.", "§ 7 Abs. 3 SGB II; § 19, § 27a SGB XII; § 39 SGB XII (Vermutung der Bedarfsdeckung prüfen)"))
    return RelativeClaim(relative.id, chosen)


def counts_first_claims(result: ProgramResult, programs: dict[str, ProgramResult]) -> None:
    names = [NAMES[claim.program] for claim in first_claims(programs) if claim.program in ("alg1", "uvg")]
    if names and result.status != Status.NOT_APPLICABLE:
        result.reasons.append(
            Reason(
                "counts_first_claims",
                f"Gerechnet mit dem vorrangig zu beantragenden {' und '.join(names)} als Einkommen, so wie die zahlende Stelle es anrechnet.",
                "§ 12a Satz 1 SGB II; § 14 Abs. 2 WoGG; § 6a Abs. 3 BKGG",
            )
        )
