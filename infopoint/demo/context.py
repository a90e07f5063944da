"""What every part of the demo history needs: the dice, the calendar, the staff, the offices."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime

from django.contrib.auth.models import User

from infopoint.demo.calendar import OpeningDay, start_of_day
from referrals.models import Office


@dataclass
class History:
    rng: random.Random
    today: date
    start: date
    days: list[OpeningDay]  # the opening days from start to yesterday
    advisors: dict[str, list[User]]  # by organisation
    advisor_weights: dict[str, list[float]]
    offices: dict[str, Office]  # by benefit
    teamlead: User
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def cutoff(self) -> datetime:
        """Nothing in the history happens at or after the start of today."""
        return start_of_day(self.today)

    def advisor(self, organisation: str) -> User:
        return self.rng.choices(self.advisors[organisation], weights=self.advisor_weights[organisation])[0]

    def pick(self, weights: dict):
        return self.rng.choices(list(weights), weights=list(weights.values()))[0]

    def chance(self, probability: float) -> bool:
        return self.rng.random() < probability
