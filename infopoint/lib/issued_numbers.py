"""The highest receipt number ever issued per year, kept outside the database (issue 21).

A restore brings back the database of the backup, counter included; numbers handed out after
the backup would be handed out a second time. So every issued number is also written to a small
file beside the backups (``settings.INFOPOINT_ISSUED_NUMBERS_FILE``) before its transaction
commits, and ``manage.py restore`` continues every year's counter above the highest number in
it (infopoint/lib/backup.py). The numbers lost with the restore are listed in the same file, so
the invariant check (numbers 1..counter without gaps) still accounts for every number.

Written before the commit: a transaction that then rolls back leaves a number in the file that
was never issued, which only means a restore skips one number more; the other way round (a
number issued but not recorded) would let a restore repeat it. If the file cannot be written,
the receipt is not issued.

The number comes from whatever drew it (Python's ``draw_number`` or a database function); this
module only sees (year, number) and reads the database's current highest numbers from the data.
"""

from __future__ import annotations

import fcntl
import json
import os
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings


class IssuedNumbersError(Exception):
    """The file could not be read or written."""


@dataclass
class IssuedNumbers:
    exists: bool
    highest: dict[int, int] = field(default_factory=dict)
    # Ranges lost in a restore: {"year", "first", "last", "restored_at", "backup"}.
    lost: list[dict] = field(default_factory=list)

    def lost_numbers(self, year: int) -> set[int]:
        numbers: set[int] = set()
        for entry in self.lost:
            if int(entry["year"]) == year:
                numbers.update(range(int(entry["first"]), int(entry["last"]) + 1))
        return numbers


def path() -> Path:
    return Path(settings.INFOPOINT_ISSUED_NUMBERS_FILE)


@contextmanager
def _locked(exclusive: bool):
    target = path()
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target.with_name(target.name + ".lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
        try:
            yield target
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _read(target: Path) -> IssuedNumbers:
    try:
        data = json.loads(target.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return IssuedNumbers(exists=False)
    except (OSError, ValueError) as error:
        raise IssuedNumbersError(f"{target} cannot be read: {error}") from None
    highest = {int(year): int(number) for year, number in (data.get("highest") or {}).items()}
    return IssuedNumbers(exists=True, highest=highest, lost=list(data.get("lost_in_restore") or []))


def _write(target: Path, numbers: IssuedNumbers) -> None:
    data = {
        "about": "Highest receipt number ever issued per year (infopoint/lib/issued_numbers.py). Never lower these.",
        "highest": {str(year): number for year, number in sorted(numbers.highest.items())},
        "lost_in_restore": numbers.lost,
    }
    partial = target.with_name(target.name + ".partial")
    with open(partial, "w", encoding="utf-8") as handle:
        json.dump(data, handle, indent=1)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(partial, target)
    directory = os.open(target.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


def read() -> IssuedNumbers:
    with _locked(exclusive=False) as target:
        return _read(target)


def record(year: int, number: int) -> None:
    """Remember that ``number`` of ``year`` was issued (only ever raises the stored figure)."""
    record_many({year: number})


def record_many(highest: dict[int, int]) -> IssuedNumbers:
    """Raise the stored figures to ``highest`` where they are lower; the figures after."""
    try:
        with _locked(exclusive=True) as target:
            numbers = _read(target)
            changed = not numbers.exists
            for year, number in highest.items():
                if number > numbers.highest.get(year, 0):
                    numbers.highest[year] = number
                    changed = True
            if changed:
                _write(target, numbers)
            return numbers
    except OSError as error:
        raise IssuedNumbersError(f"{path()} cannot be written: {error}") from None


def record_lost(*, year: int, first: int, last: int, restored_at: str, backup: str) -> None:
    """Numbers first..last of year were issued after the backup and are gone with the restore."""
    try:
        with _locked(exclusive=True) as target:
            numbers = _read(target)
            numbers.lost.append({"year": year, "first": first, "last": last, "restored_at": restored_at, "backup": backup})
            numbers.highest[year] = max(numbers.highest.get(year, 0), last)
            _write(target, numbers)
    except OSError as error:
        raise IssuedNumbersError(f"{path()} cannot be written: {error}") from None
