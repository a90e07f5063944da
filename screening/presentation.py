"""Turns the engine's JSON result into what the counter page and the printout show."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from referrals.selectors import offices_by_kind
from screening.labels import (
    DOCUMENT_LABELS,
    OFFICE_KINDS,
    PROGRAM_LABELS,
    STATUS_BADGES,
    STATUS_LABELS,
    money_html,
    money_text,
)
from screening.presentation_law import LawView, law_view, law_warnings, wohngeld_draft

CLAIMABLE = ("likely", "possible")
_CONTRACT_MONEY = re.compile(r"^-?\d+\.\d{2}$")
SUBSISTENCE = ("sgb2", "sgb12_ch4", "sgb12_ch3")
TOP_UPS = ("wohngeld", "kiz")
FIRST_CLAIMS = ("alg1", "kindergeld", "uvg")


@dataclass
class ProgramCard:
    key: str
    title: str  # the engine's German title
    label: str  # translated label
    status: str
    status_label: str
    badge: str
    amount: Decimal | None
    office: object | None
    steps: list[dict] = field(default_factory=list)
    reasons: list[dict] = field(default_factory=list)
    # Its place in the route (filled by ``result_view``): the amount that office pays when the
    # household follows the route, or why the programme is not in it.
    in_route: bool = False
    route_amount: Decimal | None = None
    replaced: bool = False  # in the route's ``instead_of``
    outside: str = ""  # translated sentence (safe HTML): why it is not in the route
    outside_detail: dict | None = None  # the engine's German reason shown with it
    route_badge_label: str = ""  # instead of the stand-alone status where the route says otherwise
    route_badge: str = ""
    provisional: bool = False  # issue 20: rests on values past their ``known_until``
    # Issue 20: Wohngeld under the pending bill ({amount, as_of, reference}), for the advisor only.
    draft: dict | None = None

    @property
    def early_pension(self) -> bool:
        """SGB II: the Jobcenter may require an early old-age pension (§ 12a S. 2 Nr. 1 SGB II)."""
        return any(reason.get("code") == "early_old_age_pension_required" for reason in self.reasons)

    @property
    def claimable(self) -> bool:
        return self.status in CLAIMABLE

    @property
    def standalone_differs(self) -> bool:
        """The stand-alone amount is not what this office pays in the route (e.g. SGB II without the UVG)."""
        return self.in_route and self.amount is not None and self.route_amount is not None and self.amount != self.route_amount


@dataclass
class ResultView:
    cards: list[ProgramCard]
    claim: list[ProgramCard]
    instead_of: list[ProgramCard]
    priority_reason: str
    priority_citation: str
    options: list[dict]
    documents: list[tuple[str, str]]
    warnings: list[dict]
    as_of: date
    rules_version: str
    route: RouteView | None = None
    law: LawView | None = None  # None: saved before issue 20, shown with its old warnings

    @property
    def claimable(self) -> list[ProgramCard]:
        return [card for card in self.cards if card.claimable]


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(value)


@dataclass
class RouteClaim:
    key: str
    label: str  # translated programme label
    title: str  # the engine's German title
    amount: Decimal | None
    status: str
    office: object | None
    provisional: bool = False  # the programme's amount rests on values past their ``known_until``


@dataclass
class RouteView:
    """The route as the counter, the printout and the kiosk show it (screening-contract.md).

    ``stored_before_route``: a check saved before routes existed (rules before 2026.12); it is
    shown as stored, from its ``priority`` block, without amounts per route."""

    claims: list[RouteClaim]
    instead_of: list[RouteClaim]
    monthly_money: Decimal | None
    need: Decimal | None
    covers_need: bool | None
    reason: dict
    alternatives: list[RouteView] = field(default_factory=list)
    stored_before_route: bool = False
    # For an alternative: the route it was weighed against (set by ``route_view``).
    main: RouteView | None = field(default=None, repr=False, compare=False)

    @property
    def keys(self) -> list[str]:
        return [claim.key for claim in self.claims]

    @property
    def replaces_subsistence(self) -> bool:
        return any(claim.key in SUBSISTENCE for claim in self.instead_of)

    @property
    def reason_text(self) -> str:
        """The reason as a sentence in the active language (amounts in its notation), chosen by
        ``reason.code``; "" where there is none — then show the engine's German ``message``."""
        return reason_sentence(self, main=self.main)

    @property
    def label(self) -> str:
        """The route's benefits joined for a table row: "Kindergeld + Wohngeld"."""
        return " + ".join(claim.label for claim in self.claims)

    @property
    def label_html(self) -> str:
        """``label`` with each benefit isolated (<bdi>), so mixed German and Arabic reads right."""
        return mark_safe(" + ".join(format_html("<bdi>{}</bdi>", claim.label) for claim in self.claims))  # noqa: S308


def route_view(result: dict, *, district: str = "", offices: dict | None = None) -> RouteView:
    """The route of a stored or fresh result; offices are those for the visitor's district."""
    programs = result["programs"]
    if offices is None:
        offices = offices_by_kind(kinds={OFFICE_KINDS[p["office"]] for p in programs.values() if p["office"] in OFFICE_KINDS}, district=district)
    titles = {key: program["title"] for key, program in programs.items()}

    def claim(key: str, amount, status: str) -> RouteClaim:
        office_key = programs[key]["office"]
        return RouteClaim(
            key, str(PROGRAM_LABELS[key]), titles[key], _decimal(amount), status, offices.get(OFFICE_KINDS.get(office_key)),
            provisional=bool(programs[key].get("provisional")),
        )

    def build(route: dict, alternatives: list) -> RouteView:
        return RouteView(
            claims=[claim(c["program"], c["monthly_amount"], c["status"]) for c in route["claims"]],
            instead_of=[claim(key, None, programs[key]["status"]) for key in route["instead_of"]],
            monthly_money=_decimal(route["monthly_money"]),
            need=_decimal(route["need"]),
            covers_need=route["covers_need"],
            reason=route["reason"],
            alternatives=alternatives,
        )

    route = result.get("route")
    if route is None:
        priority = result["priority"]
        return RouteView(
            claims=[claim(key, None, programs[key]["status"]) for key in priority["claim"]],
            instead_of=[claim(key, None, programs[key]["status"]) for key in priority["instead_of"]],
            monthly_money=None,
            need=None,
            covers_need=None,
            reason={"code": "", "message": priority["reason"], "citation": priority["citation"]},
            stored_before_route=True,
        )
    view = build(route, [build(alternative, []) for alternative in route.get("alternatives", [])])
    for alternative in view.alternatives:
        alternative.main = view
    return view


def join_labels(labels: list[str], *, html: bool = False) -> str:
    """"A", "A and B", "A, B and C" in the active language. ``html``: safe HTML with each
    label escaped and isolated in <bdi> (benefit names are German inside Arabic text)."""
    labels = [format_html("<bdi>{}</bdi>", label) if html else str(label) for label in labels]
    if len(labels) < 2:
        joined = "".join(labels)
    else:
        joined = gettext("%(list)s and %(last)s") % {"list": ", ".join(labels[:-1]), "last": labels[-1]}
    return mark_safe(joined) if html else joined  # noqa: S308 - the labels are escaped above


# Translators: the reasons of the route; %(programs)s etc. are benefit names, %(amount)s,
# %(shortfall)s and %(gap)s (what would still be missing) amounts per month.
REASON_SENTENCES = {
    "wohngeld_kiz_end_need": _(
        "With %(programs)s (%(amount)s a month), the income and the benefits claimed first cover the need of the "
        "whole household (without them %(shortfall)s a month was missing). Then %(instead)s is not needed, "
        "as long as this holds for at least three months."
    ),
    "subsistence_need_remains": _(
        "With %(programs)s (%(amount)s a month) the need would still not be covered (%(gap)s a month would be "
        "missing). Apply for %(subsistence)s instead."
    ),
    "subsistence_tops_up": _("The benefits claimed first do not cover the need; %(subsistence)s tops them up (%(shortfall)s a month)."),
    "subsistence": _("Apply for %(subsistence)s: the income and the benefits claimed first do not cover the need."),
    "first_claims_end_need": _("With %(programs)s the need is covered; then %(instead)s is not needed."),
    "top_up_income": _("The income covers the basic need; apply for %(programs)s on top of it."),
    "first_claims_only": _("Apply for %(programs)s."),
    "assets_first": _("The savings are above the limit; they have to be used first."),
    "nothing_to_claim": _("According to these entries, none of the benefits checked is to be expected."),
    "subsistence_not_needed": _("Not needed: with %(programs)s the need is covered."),
    "need_not_avoided": _(
        "With %(programs)s (%(amount)s a month) the need would not be covered (%(gap)s a month would be missing)."
    ),
}


def reason_sentence(route: RouteView, *, main: RouteView | None = None) -> str:
    """``route.reason`` as a translated sentence (safe HTML: the amounts are ``money_html``).

    ``main``: for an alternative, the route it was weighed against (its Wohngeld/KiZ names)."""
    code = route.reason.get("code", "")
    sentence = REASON_SENTENCES.get(code)
    if sentence is None:
        return ""
    params = route.reason.get("params") or {}
    door = [claim.label for claim in route.claims if claim.key in TOP_UPS]
    if code == "subsistence_need_remains":
        door = [claim.label for alternative in route.alternatives for claim in alternative.claims if claim.key in TOP_UPS]
    elif code == "subsistence_not_needed" and main is not None:
        door = [claim.label for claim in main.claims if claim.key in TOP_UPS]
    first = [claim.label for claim in route.claims if claim.key in FIRST_CLAIMS]
    programs = {
        "first_claims_end_need": first,
        "first_claims_only": first,
    }.get(code, door)
    values = {
        "programs": join_labels(programs, html=True),
        "instead": join_labels([claim.label for claim in route.instead_of], html=True),
        "subsistence": join_labels([claim.label for claim in route.claims if claim.key in SUBSISTENCE], html=True),
    }
    escaped = {key: conditional_escape(value) for key, value in values.items()}
    for key in ("amount", "shortfall", "gap"):
        escaped[key] = money_html(params.get(key)) if params.get(key) is not None else "–"
    if "%(programs)s" in str(sentence) and not values["programs"]:
        return ""
    if "%(instead)s" in str(sentence) and not values["instead"]:
        return ""
    if "%(subsistence)s" in str(sentence) and not values["subsistence"]:
        return ""
    if any(f"%({key})s" in str(sentence) and params.get(key) is None for key in ("amount", "shortfall", "gap")):
        return ""
    return mark_safe(str(sentence) % escaped)  # noqa: S308 - the parts are escaped above


STATUS_ORDER = {"likely": 0, "possible": 1, "unlikely": 2, "excluded": 3, "not_applicable": 4}
OUTSIDE_BY_STATUS = {
    "unlikely": _("Not to be expected for this household."),
    "excluded": _("Excluded for this household."),
    "not_applicable": _("Does not apply to this household."),
}


def _place_in_route(cards: list[ProgramCard], route: RouteView) -> None:
    """Per card: the route's amount, or why the programme is not in the route."""
    amounts = {claim.key: claim.amount for claim in route.claims}
    replaced = {claim.key for claim in route.instead_of}
    in_route = join_labels([claim.label for claim in route.claims], html=True)
    subsistence = join_labels([claim.label for claim in route.claims if claim.key in SUBSISTENCE], html=True)
    for card in cards:
        if route.stored_before_route:
            # Shown as stored: the old priority block, the stand-alone amounts.
            card.in_route = card.key in amounts
            card.replaced = card.key in replaced
            continue
        if card.key in amounts:
            card.in_route, card.route_amount = True, amounts[card.key]
            continue
        not_avoided = next((r for r in card.reasons if r.get("code") == "need_not_avoided"), None)
        if card.key in replaced:
            card.replaced = True
            card.route_badge_label, card.route_badge = str(_("not needed")), "info"
            card.outside = mark_safe(gettext("Not needed, because with %(programs)s the need is covered.") % {"programs": in_route})  # noqa: S308
        elif not_avoided is not None and subsistence:
            card.outside = mark_safe(gettext("Not in the order: it would not end the need, so apply for %(subsistence)s instead.") % {"subsistence": subsistence})  # noqa: S308
            card.outside_detail = not_avoided
        elif card.claimable:
            card.route_badge_label, card.route_badge = str(_("not in the order")), "info"
            card.outside = gettext("Not in the order: it is not expected once the benefits before it are counted.")
        else:
            card.outside = str(OUTSIDE_BY_STATUS.get(card.status, ""))
            card.outside_detail = card.reasons[0] if card.reasons else None


def result_view(result: dict, *, district: str = "") -> ResultView:
    """What the advisor sees; offices are those responsible for the visitor's district, if known."""
    programs = result["programs"]
    offices = offices_by_kind(kinds={OFFICE_KINDS[p["office"]] for p in programs.values() if p["office"] in OFFICE_KINDS}, district=district)
    route = route_view(result, district=district, offices=offices)
    cards = []
    for key, program in programs.items():
        steps = [{**step, "amount": _decimal(step["amount"])} for step in program["steps"]]
        cards.append(
            ProgramCard(
                key=key,
                title=program["title"],
                label=str(PROGRAM_LABELS[key]),
                status=program["status"],
                status_label=str(STATUS_LABELS[program["status"]]),
                badge=STATUS_BADGES[program["status"]],
                amount=_decimal(program["monthly_amount"]),
                office=offices.get(OFFICE_KINDS.get(program["office"])),
                steps=steps,
                reasons=program["reasons"],
                provisional=bool(program.get("provisional")),
                draft=wohngeld_draft(program.get("draft")),
            )
        )
    by_key = {card.key: card for card in cards}
    _place_in_route(cards, route)
    order = route.keys + [claim.key for claim in route.instead_of]
    cards.sort(
        key=lambda c: (
            order.index(c.key) if c.key in order else len(order),
            STATUS_ORDER.get(c.status, len(STATUS_ORDER)),
            list(programs).index(c.key),
        )
    )
    priority = result["priority"]
    options = [
        {"programs": [by_key[k].label for k in option["programs"]], "money": _decimal(option["monthly_money"])}
        for option in priority.get("options", [])
    ]
    return ResultView(
        cards=cards,
        claim=[by_key[k] for k in priority["claim"]],
        instead_of=[by_key[k] for k in priority["instead_of"]],
        priority_reason=priority["reason"],
        priority_citation=priority["citation"],
        options=options,
        documents=[(key, str(DOCUMENT_LABELS.get(key, key))) for key in result["documents"]],
        warnings=law_warnings(result),
        as_of=date.fromisoformat(result["as_of"]),
        rules_version=result["rules_version"],
        route=route,
        law=law_view(result),
    )


FIELD_LABELS = {
    "as_of": _("Law as of"),
    "rent_cold": _("Cold rent"),
    "service_charges": _("Service charges"),
    "heating": _("Heating"),
    "tenure": _("Rent or own home"),
    "other_occupants": _("Other people in the flat (flat share)"),
    "relation": _("Relation to the person asking"),
    "age": _("Age"),
    "kind": _("Income"),
    "gross": _("Gross or amount (€ per month)"),
    "net": _("Net (€ per month, if known)"),
    "amount": _("Gross or amount (€ per month)"),
    "profit": _("Gross or amount (€ per month)"),
    "assets": _("Savings and other countable assets (€)"),
}


def field_label(path: str) -> str:
    """"members[1].incomes[0].gross" -> "Person 2 · Income 1 · Gross or amount (€ per month)"."""
    parts = []
    for piece in path.split("."):
        match = re.match(r"(\w+)\[(\d+)\]", piece)
        if match and match.group(1) == "members":
            parts.append(str(_("Person %(number)s") % {"number": int(match.group(2)) + 1}))
        elif match and match.group(1) == "incomes":
            parts.append(str(_("Income %(number)s") % {"number": int(match.group(2)) + 1}))
        elif piece not in ("housing", "place"):
            parts.append(str(FIELD_LABELS.get(piece, piece)))
    return " · ".join(parts)


def compare_runs(old: dict, new: dict) -> list[dict]:
    """Per programme: status and amount before and after, and the difference."""
    rows = []
    for key, after in new["programs"].items():
        before = old["programs"].get(key, {})
        old_amount = _decimal(before.get("monthly_amount")) if before.get("status") in CLAIMABLE else None
        new_amount = _decimal(after["monthly_amount"]) if after["status"] in CLAIMABLE else None
        rows.append(
            {
                "label": str(PROGRAM_LABELS[key]),
                "old_status": str(STATUS_LABELS.get(before.get("status"), "")),
                "new_status": str(STATUS_LABELS[after["status"]]),
                "old_amount": old_amount,
                "new_amount": new_amount,
                "difference": (new_amount or Decimal(0)) - (old_amount or Decimal(0)),
                "changed": before.get("status") != after["status"] or old_amount != new_amount,
            }
        )
    return rows


def compare_routes(old: dict, new: dict) -> dict:
    """The two routes side by side: per benefit in either route, what its office pays before and
    after; the household's money per month before and after. A check saved before routes
    existed shows its stored order without amounts."""
    before = route_view(old, offices={})
    after = route_view(new, offices={})
    old_amounts = {claim.key: claim for claim in before.claims}
    new_amounts = {claim.key: claim for claim in after.claims}
    rows = []
    for key in dict.fromkeys(after.keys + before.keys):
        was, now = old_amounts.get(key), new_amounts.get(key)
        old_amount = was.amount if was else None
        new_amount = now.amount if now else None
        comparable = not before.stored_before_route and not after.stored_before_route
        rows.append(
            {
                "label": str(PROGRAM_LABELS[key]),
                "old_position": before.keys.index(key) + 1 if was else None,
                "new_position": after.keys.index(key) + 1 if now else None,
                "old_amount": old_amount,
                "new_amount": new_amount,
                "difference": (new_amount or Decimal(0)) - (old_amount or Decimal(0)) if comparable else None,
                "changed": (was is None) != (now is None) or (comparable and old_amount != new_amount),
            }
        )
    money_difference = None
    if before.monthly_money is not None and after.monthly_money is not None:
        money_difference = after.monthly_money - before.monthly_money
    return {"before": before, "after": after, "rows": rows, "money_difference": money_difference}


def input_changes(old: dict, new: dict) -> list[tuple[str, str, str]]:
    """Flattened differences between two households as entered: (field, before, after)."""

    def flatten(value, prefix=""):
        if isinstance(value, dict):
            for key, inner in value.items():
                yield from flatten(inner, f"{prefix}.{key}" if prefix else key)
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            for index, inner in enumerate(value):
                yield from flatten(inner, f"{prefix}[{index}]")
        else:
            yield prefix, value

    def shown(value) -> str:
        # Amounts in the contract's notation ("650.00") as the page's language writes them.
        if value is None:
            return ""
        return money_text(value) if isinstance(value, str) and _CONTRACT_MONEY.match(value) else str(value)

    before = dict(flatten(old))
    after = dict(flatten(new))
    changes = []
    for key in sorted(set(before) | set(after)):
        # The city's local values (issue 20) are added by the counter, not entered: not a change.
        if before.get(key) != after.get(key) and not key.endswith(".id") and not key.startswith("place.local_values"):
            changes.append((field_label(key), shown(before.get(key)), shown(after.get(key))))
    return changes


# --- Bills and debts (issue 19): ``one_month_claims`` and ``loans`` ------------------------
# Results without these keys (engines before issue 19, checks saved earlier) show nothing.

LOAN_LABELS = {
    "sgb2_debt_loan": _("Loan for debts from the Jobcenter (§ 22 Abs. 8 SGB II)"),
    "sgb12_debt_loan": _("Loan for debts from the Sozialamt (§ 36 SGB XII)"),
}
# One-month claims may name a programme family ("sgb12") rather than a chapter.
ONE_MONTH_LABELS = {"sgb12": _("Sozialhilfe (SGB XII)")}
ONE_MONTH_GERMAN = {
    "sgb2": "Grundsicherungsgeld",
    "sgb12": "Sozialhilfe",
    "sgb12_ch3": "Hilfe zum Lebensunterhalt",
    "sgb12_ch4": "Grundsicherung im Alter und bei Erwerbsminderung",
}
# Where debts get advice beside the office (referrals.OfficeKind values).
ADVICE_KINDS = ("schuldnerberatung", "energy_advice", "tenants_association")


@dataclass
class OneMonthClaim:
    key: str
    label: str  # translated
    german: str  # the benefit's German name, for the sentence on the sheet
    month: date  # first day of the month
    amount: Decimal | None
    apply_by: date | None
    office_key: str
    office: object | None
    reason: dict
    steps: list[dict]

    @property
    def office_label(self) -> str:
        """"Jobcenter", "Sozialamt": the kind of office, for the sentence "Apply by … at the …"."""
        kind = OFFICE_KINDS.get(self.office_key)
        return str(kind.label) if kind is not None else self.office_key


# The debt kinds of the contract (``loans[].kind``) that get energy or tenants' advice beside debt advice.
ENERGY_DEBTS = {"electricity", "gas", "heating"}
RENT_DEBTS = {"rent"}


@dataclass
class Loan:
    key: str
    label: str
    status: str
    status_label: str
    badge: str
    amount: Decimal | None
    office_key: str
    office: object | None
    reasons: list[dict]
    kind: str = ""  # the debt's kind (electricity, gas, heating, rent, other)

    @property
    def energy(self) -> bool:
        """An energy debt (electricity, gas, heating): energy advice helps beside debt advice."""
        return self.kind in ENERGY_DEBTS

    @property
    def rent(self) -> bool:
        """A rent debt (notice to quit, eviction): the tenants' association helps beside debt advice."""
        return self.kind in RENT_DEBTS

    @property
    def advice_referrals(self) -> list[tuple[str, str]]:
        """The advice a referral from this debt can go to, one click each: (office kind, button label)."""
        kinds = [("schuldnerberatung", gettext("Refer to debt advice"))]
        if self.energy:
            kinds.append(("energy_advice", gettext("Refer to energy advice")))
        if self.rent:
            kinds.append(("tenants_association", gettext("Refer to the Mieterverein")))
        return kinds


@dataclass
class BillsView:
    claims: list[OneMonthClaim]
    loans: list[Loan]
    advice: list = field(default_factory=list)  # offices: debt advice, energy advice, tenants' association

    def __bool__(self) -> bool:
        return bool(self.claims or self.loans)


def _month(value) -> date | None:
    try:
        return date.fromisoformat(f"{value}-01")
    except (TypeError, ValueError):
        return None


def _day(value) -> date | None:
    try:
        return date.fromisoformat(str(value))
    except (TypeError, ValueError):
        return None


def bills_view(result: dict | None, *, district: str = "", offices: dict | None = None) -> BillsView | None:
    """The one-month claims and loans of a result, with their offices; None if there are none."""
    if not result:
        return None
    raw_claims = result.get("one_month_claims") or []
    raw_loans = result.get("loans") or []
    if not raw_claims and not raw_loans:
        return None
    if offices is None:
        kinds = {OFFICE_KINDS[item.get("office")] for item in [*raw_claims, *raw_loans] if item.get("office") in OFFICE_KINDS}
        offices = offices_by_kind(kinds=kinds | set(ADVICE_KINDS), district=district)
    claims = [
        OneMonthClaim(
            key=item.get("program", ""),
            label=str(PROGRAM_LABELS.get(item.get("program"), ONE_MONTH_LABELS.get(item.get("program"), item.get("program", "")))),
            german=ONE_MONTH_GERMAN.get(item.get("program"), item.get("program", "")),
            month=_month(item.get("month")),
            amount=_decimal(item.get("monthly_amount")),
            apply_by=_day(item.get("apply_by")),
            office_key=item.get("office", ""),
            office=offices.get(OFFICE_KINDS.get(item.get("office"))),
            reason=item.get("reason") or {},
            steps=item.get("steps") or [],
        )
        for item in raw_claims
    ]
    loans = [
        Loan(
            key=item.get("program", ""),
            label=str(LOAN_LABELS.get(item.get("program"), item.get("program", ""))),
            status=item.get("status", "possible"),
            status_label=str(STATUS_LABELS.get(item.get("status"), item.get("status", ""))),
            badge=STATUS_BADGES.get(item.get("status"), "info"),
            amount=_decimal(item.get("amount")),
            office_key=item.get("office", ""),
            office=offices.get(OFFICE_KINDS.get(item.get("office"))),
            reasons=item.get("reasons") or [],
            kind=item.get("kind", ""),
        )
        for item in raw_loans
    ]
    wanted = ["schuldnerberatung", "energy_advice"] if loans else []
    if claims:
        wanted.append("tenants_association")  # a yearly statement is worth checking before paying
    if any(loan.rent for loan in loans):
        wanted.append("tenants_association")
    advice = [offices[kind] for kind in dict.fromkeys(wanted) if offices.get(kind) is not None]
    return BillsView(claims=claims, loans=loans, advice=advice)
