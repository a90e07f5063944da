"""A small asyncio HTTP/1.1 client for loopback benchmarks (no dependency beyond the standard library).

One connection per request (``Connection: close``), as gunicorn's sync workers close after each
response anyway; cookies are kept per session, the CSRF token is sent in the X-CSRFToken header.
"""

from __future__ import annotations

import asyncio
import re
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode

CSRF_COOKIE = "infopoint-csrf"
KIOSK_FIELD = "kiosk_session"
KIOSK_VALUE = re.compile(rb'name="kiosk_session" value="([^"]+)"')
SESSION_COOKIE = "infopoint-session"
TIMEOUT_SECONDS = 60


@dataclass
class Response:
    status: int
    headers: dict[str, list[str]]
    body: bytes
    seconds: float


@dataclass
class Session:
    port: int
    cookies: dict[str, str] = field(default_factory=dict)
    kiosk_value: str | None = None

    async def request(self, method: str, path: str, data: dict | None = None, htmx: bool = False) -> Response:
        if method == "POST" and path.startswith("/kiosk/"):
            # A kiosk form carries its kiosk session's value (issue 21), as a browser takes it from the page.
            if self.kiosk_value is None:
                await self.request("GET", path)
            data = {**(data or {}), KIOSK_FIELD: self.kiosk_value or ""}
        body = urlencode(data or {}, doseq=True).encode() if method == "POST" else b""
        lines = [f"{method} {path} HTTP/1.1", f"Host: localhost:{self.port}", "Connection: close", "User-Agent: infopoint-bench"]
        if self.cookies:
            lines.append("Cookie: " + "; ".join(f"{name}={value}" for name, value in self.cookies.items()))
        if method == "POST":
            lines += ["Content-Type: application/x-www-form-urlencoded", f"Content-Length: {len(body)}"]
            if CSRF_COOKIE in self.cookies:
                lines.append(f"X-CSRFToken: {self.cookies[CSRF_COOKIE]}")
        if htmx:
            lines += ["HX-Request: true", "HX-Current-URL: http://localhost/screening/new/"]
        start = time.perf_counter()
        reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", self.port), TIMEOUT_SECONDS)
        try:
            writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
            await writer.drain()
            raw = await asyncio.wait_for(reader.read(-1), TIMEOUT_SECONDS)
        finally:
            writer.close()
        seconds = time.perf_counter() - start
        response = _parse(raw, seconds)
        self._keep_cookies(response)
        if path.startswith("/kiosk/") and (found := KIOSK_VALUE.search(response.body)):
            self.kiosk_value = found.group(1).decode()
        return response

    def _keep_cookies(self, response: Response) -> None:
        for header in response.headers.get("set-cookie", []):
            pair, _, attributes = header.partition(";")
            name, _, value = pair.strip().partition("=")
            expired = "max-age=0" in attributes.lower().replace(" ", "") or "1970" in attributes
            if expired or value in ("", '""'):
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value

    async def log_in(self, username: str, password: str) -> None:
        await self.request("GET", "/accounts/login/")
        response = await self.request("POST", "/accounts/login/", {"username": username, "password": password})
        if response.status != 302 or SESSION_COOKIE not in self.cookies:
            raise RuntimeError(f"log-in of {username} failed with status {response.status}")
        await self.request("GET", "/")  # a fresh CSRF cookie after the log-in rotated it


def _parse(raw: bytes, seconds: float) -> Response:
    head, _, body = raw.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    headers: dict[str, list[str]] = {}
    for line in header_lines:
        name, _, value = line.partition(":")
        headers.setdefault(name.strip().lower(), []).append(value.strip())
    if "chunked" in ",".join(headers.get("transfer-encoding", [])).lower():
        body = _dechunk(body)
    return Response(int(status_line.split()[1]), headers, body, seconds)


def _dechunk(data: bytes) -> bytes:
    out, position = bytearray(), 0
    while True:
        end = data.index(b"\r\n", position)
        size = int(data[position:end].split(b";")[0], 16)
        if size == 0:
            return bytes(out)
        out += data[end + 2 : end + 2 + size]
        position = end + 2 + size + 2
