"""The two places visitors see the same information: the kiosk in the open area and /info/ on the web."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils import translation


@dataclass(frozen=True)
class Surface:
    namespace: str
    base_template: str
    # Only the kiosk can call an advisor over: on the web nobody is standing in the room.
    offers_advice: bool
    # The kiosk links nowhere outside /kiosk/ (conventions 4.4); the web pages may link to offices' sites.
    links_out: bool

    def url(self, name: str) -> str:
        if self.namespace == "info":
            return reverse(f"info:{name}", kwargs={"lang": translation.get_language()})
        return reverse(f"{self.namespace}:{name}")

    def links(self) -> dict[str, str]:
        # Only the kiosk takes feedback and calls advisors over: on the web nobody is in the room.
        names = ["start", "offices", "check", "forms"] + (["advice", "feedback"] if self.offers_advice else [])
        return {name: self.url(name) for name in names}


KIOSK = Surface(namespace="kiosk", base_template="base_kiosk.html", offers_advice=True, links_out=False)
PUBLIC = Surface(namespace="info", base_template="base_public.html", offers_advice=False, links_out=True)
