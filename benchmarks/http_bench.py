"""Pages over HTTP against gunicorn: requests per second at concurrency 1 and 8, latency
percentiles, response size; and a day's load of 40 advisors, 10 kiosks, the team lead and a
burst of 20 simultaneous receipts."""

from __future__ import annotations

import asyncio
import random
import time
import uuid

from benchmarks.http_client import Session
from benchmarks.pages import FOUR_PERSONS, QUICK_CHECK_STEP, Page

# Each (page, concurrency) runs until this many requests or seconds, whichever comes first.
MAX_REQUESTS = {1: 150, 8: 400}
MAX_SECONDS = 5.0
MIN_REQUESTS = 12
# Between two clicks: an advisor talks and types (a page every 5-20 s), a visitor at a kiosk reads.
ADVISOR_THINK_SECONDS = (5.0, 20.0)
KIOSK_THINK_SECONDS = (5.0, 15.0)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))]


def summary(latencies: list[float]) -> dict:
    if not latencies:
        return {"count": 0}
    return {
        "count": len(latencies),
        "p50_ms": round(percentile(latencies, 0.50) * 1000, 1),
        "p95_ms": round(percentile(latencies, 0.95) * 1000, 1),
        "p99_ms": round(percentile(latencies, 0.99) * 1000, 1),
    }


async def role_sessions(port: int, fixture: dict) -> dict[str, Session]:
    advisor, lead, kiosk = Session(port), Session(port), Session(port)
    await advisor.log_in(fixture["advisor_username_for_pages"], fixture["password"])
    await lead.log_in(fixture["lead"], fixture["password"])
    kiosk.cookies[fixture["kiosk_cookie_name"]] = fixture["kiosk_cookie"]
    await kiosk.request("GET", "/kiosk/")
    return {"advisor": advisor, "lead": lead, "kiosk": kiosk, "anonymous": Session(port)}


async def measure(session: Session, page: Page, concurrency: int) -> dict:
    """Requests per second and latencies of one page with ``concurrency`` clients at once."""
    latencies, errors, sizes = [], [], []
    issued = 0
    deadline = time.perf_counter() + MAX_SECONDS

    async def client():
        nonlocal issued
        while issued < MAX_REQUESTS[concurrency] and (time.perf_counter() < deadline or issued < MIN_REQUESTS):
            issued += 1
            response = await session.request(page.method, page.path, page.data, htmx=page.htmx)
            latencies.append(response.seconds)
            sizes.append(len(response.body))
            if response.status != 200:
                errors.append(response.status)

    await session.request(page.method, page.path, page.data, htmx=page.htmx)  # warm this worker's caches
    start = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(concurrency)))
    wall = time.perf_counter() - start
    return {
        "concurrency": concurrency,
        "rps": round(len(latencies) / wall, 1),
        **summary(latencies),
        "errors": len(errors),
        "statuses": sorted(set(errors)),
        "bytes": max(sizes) if sizes else 0,
    }


async def measure_pages(port: int, fixture: dict, pages: list[Page]) -> dict:
    sessions = await role_sessions(port, fixture)
    results = {}
    for page in pages:
        session = sessions[page.role]
        results[page.key] = {str(c): await measure(session, page, c) for c in (1, 8)}
    return results


class DayLoad:
    """40 advisors and 10 kiosks with think times, the team lead now and then, and at half time
    20 advisors who press "issue receipt" at the same moment."""

    ADVISOR_MIX = [("start", "GET", "/", 30), ("visitor", "GET", None, 15), ("screening-form", "GET", "/screening/new/", 10),
                   ("screening-htmx", "POST", "/screening/calculate/", 25), ("follow-ups", "GET", "/referrals/", 15),
                   ("receipt-list", "GET", "/openarea/receipts/", 5)]  # fmt: skip
    KIOSK_MIX = [("kiosk-start", "GET", "/kiosk/", 40), ("kiosk-check", "POST", "/kiosk/check/", 35),
                 ("kiosk-offices", "GET", "/kiosk/offices/", 15), ("kiosk-forms", "GET", "/kiosk/forms/", 10)]  # fmt: skip

    def __init__(self, port: int, fixture: dict, seconds: float, advisors: int = 40, kiosks: int = 10, burst: int = 20):
        self.port, self.fixture, self.seconds = port, fixture, seconds
        self.advisor_count, self.kiosk_count, self.burst = advisors, kiosks, burst
        self.latencies: dict[str, list[float]] = {}
        self.errors: list[str] = []
        self.rnd = random.Random(11)

    def _record(self, key: str, response, expected: int = 200) -> None:
        self.latencies.setdefault(key, []).append(response.seconds)
        if response.status != expected:
            self.errors.append(f"{key}: HTTP {response.status}")

    async def _safely(self, key: str, call, expected: int = 200):
        try:
            response = await call
        except Exception as error:  # noqa: BLE001 - every failure is counted as an error
            self.errors.append(f"{key}: {error!r}")
            return None
        self._record(key, response, expected)
        return response

    async def _advisor(self, session: Session, stop: float) -> None:
        visitor_path = f"/visitors/{self.fixture['visitor_code']}/"
        weights = [entry[3] for entry in self.ADVISOR_MIX]
        while time.perf_counter() < stop:
            key, method, path, _weight = self.rnd.choices(self.ADVISOR_MIX, weights)[0]
            data = FOUR_PERSONS if method == "POST" else None
            await self._safely(key, session.request(method, path or visitor_path, data, htmx=method == "POST"))
            await asyncio.sleep(self.rnd.uniform(*ADVISOR_THINK_SECONDS))

    async def _kiosk(self, session: Session, stop: float) -> None:
        weights = [entry[3] for entry in self.KIOSK_MIX]
        while time.perf_counter() < stop:
            key, method, path, _weight = self.rnd.choices(self.KIOSK_MIX, weights)[0]
            await self._safely(key, session.request(method, path, QUICK_CHECK_STEP if method == "POST" else None))
            await asyncio.sleep(self.rnd.uniform(*KIOSK_THINK_SECONDS))

    async def _lead(self, session: Session, stop: float) -> None:
        while True:
            await asyncio.sleep(min(self.rnd.uniform(20.0, 40.0), max(0.0, stop - time.perf_counter())))
            if time.perf_counter() >= stop:
                return
            month = self.rnd.choice([self.fixture["open_month"], self.fixture["closed_month"]])
            await self._safely("dashboard", session.request("GET", f"/stats/{month}/"))

    async def _receipt_burst(self, sessions: list[Session], delay: float) -> None:
        await asyncio.sleep(delay)
        forms = [session.request("GET", "/openarea/receipts/new/") for session in sessions]
        for response in await asyncio.gather(*forms, return_exceptions=True):
            if isinstance(response, Exception):
                self.errors.append(f"receipt-form: {response!r}")
            else:
                self._record("receipt-form", response)
        posts = [
            self._safely("receipt-issue", session.request("POST", "/openarea/receipts/new/", self._receipt(index)), expected=302)
            for index, session in enumerate(sessions)
        ]
        self.burst_results = await asyncio.gather(*posts)

    def _receipt(self, index: int) -> dict:
        return {
            "applicant_name": f"Bench Burst {index}", "benefit": "sgb2", "office": str(self.fixture["office"]),
            "application_form": "Hauptantrag Bürgergeld", "application_pages": "6", "attachment_1": "Mietvertrag",
            "attachment_1_pages": "4", "channel": "in_person", "language": "de", "token": str(uuid.uuid4()),
        }  # fmt: skip

    async def run(self) -> dict:
        advisors = [Session(self.port) for _ in range(self.advisor_count)]
        names = self.fixture["advisors"]
        # Log-ins before the clock starts (each one hashes a password on purpose: PBKDF2).
        for start in range(0, len(advisors), 4):
            batch = advisors[start : start + 4]
            await asyncio.gather(*(s.log_in(names[start + i], self.fixture["password"]) for i, s in enumerate(batch)))
        lead = Session(self.port)
        await lead.log_in(self.fixture["lead"], self.fixture["password"])
        kiosks = []
        for _ in range(self.kiosk_count):
            kiosk = Session(self.port, {self.fixture["kiosk_cookie_name"]: self.fixture["kiosk_cookie"]})
            await kiosk.request("GET", "/kiosk/")
            kiosks.append(kiosk)
        began = time.perf_counter()
        stop = began + self.seconds
        tasks = [self._advisor(session, stop) for session in advisors]
        tasks += [self._kiosk(session, stop) for session in kiosks]
        tasks += [self._lead(lead, stop), self._receipt_burst(advisors[: self.burst], self.seconds / 2)]
        await asyncio.gather(*tasks)
        wall = time.perf_counter() - began
        requests = sum(len(values) for values in self.latencies.values())
        return {
            "seconds": round(wall, 1),
            "advisors": self.advisor_count,
            "kiosks": self.kiosk_count,
            "burst": self.burst,
            "requests": requests,
            "rps": round(requests / wall, 1),
            "errors": len(self.errors),
            "error_samples": self.errors[:10],
            "burst_issued": sum(1 for response in getattr(self, "burst_results", []) if response is not None and response.status == 302),
            "pages": {key: summary(values) for key, values in sorted(self.latencies.items())},
        }
