"""Re-screening (issue 20), the pure part: what changed between a saved result and its re-run.

No Django, no words: the comparison gives structured change items (programme, kind, amount);
``screening/rescreen_words.py`` turns them into sentences in the active language.

What is compared is the ROUTE (what the visitor is told to claim and how much, contract
"Additions of December 2026"). A result saved before routes existed has no ``route``; then both
sides are compared on the older basis — the programmes of ``priority.claim`` with their
stand-alone ``programs.*.monthly_amount`` — so that old and new are measured alike.

Listed is a change of the route's programmes (a claim new or ended), or a claim's amount or the
household's money per month (``route.monthly_money``) moving by MORE than 10 € a month.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

THRESHOLD = Decimal("10.00")

NEW = "new"
ENDED = "ended"
UP = "up"
DOWN = "down"
KINDS = (NEW, ENDED, UP, DOWN)
# ``program`` of the item about the household's money per month (not a programme key).
MONTHLY_MONEY = "monthly_money"


@dataclass(frozen=True)
class Change:
    """One change: ``program`` (a programme key, or MONTHLY_MONEY), ``kind`` (new/ended/up/down),
    ``amount``: for new/ended the claim's amount (None if unknown), for up/down the difference
    (always positive)."""

    program: str
    kind: str
    amount: Decimal | None

    def to_json(self) -> dict:
        return {"program": self.program, "kind": self.kind, "amount": None if self.amount is None else str(self.amount)}


@dataclass(frozen=True)
class Route:
    """What a result tells the visitor to claim: programme -> monthly amount (in route order)."""

    claims: dict[str, Decimal | None]
    monthly_money: Decimal | None


def _decimal(value) -> Decimal | None:
    return None if value is None or value == "" else Decimal(str(value))


def route_of(result: dict, *, before_routes: bool = False) -> Route:
    """The route of a result; ``before_routes`` (or a result without one): from ``priority``."""
    route = result.get("route")
    if route is not None and not before_routes:
        return Route(
            claims={claim["program"]: _decimal(claim.get("monthly_amount")) for claim in route.get("claims", [])},
            monthly_money=_decimal(route.get("monthly_money")),
        )
    programs = result.get("programs") or {}
    priority = result.get("priority") or {}
    keys = priority.get("claim")
    if keys is None:  # neither route nor priority: every likely or possible programme
        keys = [key for key, program in programs.items() if program.get("status") in ("likely", "possible")]
    return Route(
        claims={key: _decimal((programs.get(key) or {}).get("monthly_amount")) for key in keys}, monthly_money=None
    )


def _moved(old: Decimal | None, new: Decimal | None) -> tuple[str, Decimal] | None:
    if old is None or new is None:
        return None
    difference = new - old
    if abs(difference) <= THRESHOLD:
        return None
    return (UP, difference) if difference > 0 else (DOWN, -difference)


def compare(old: dict, new: dict) -> list[Change]:
    """The changes from the saved result ``old`` to the re-run ``new`` worth telling (empty: none).

    Order: the new route's programmes first (in its order), then those that ended, then the
    money per month."""
    before_routes = old.get("route") is None or new.get("route") is None
    before = route_of(old, before_routes=before_routes)
    after = route_of(new, before_routes=before_routes)
    changes: list[Change] = []
    for key, amount in after.claims.items():
        if key not in before.claims:
            changes.append(Change(key, NEW, amount))
        elif moved := _moved(before.claims[key], amount):
            changes.append(Change(key, moved[0], moved[1]))
    for key, amount in before.claims.items():
        if key not in after.claims:
            changes.append(Change(key, ENDED, amount))
    if moved := _moved(before.monthly_money, after.monthly_money):
        changes.append(Change(MONTHLY_MONEY, moved[0], moved[1]))
    return changes


def change_from_json(data: dict) -> Change:
    return Change(data["program"], data["kind"], _decimal(data.get("amount")))
