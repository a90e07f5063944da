"""Find the forms a role really sees: parse the POST forms of every page it may open.

The fuzz tests post to what the pages offer (field names, options, hidden values), so a new
form or field is fuzzed without anyone remembering to list it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.urls import Resolver404, resolve


@dataclass
class FieldSpec:
    name: str
    kind: (
        str  # text, textarea, number, date, datetime-local, time, email, file, hidden, checkbox, radio, select, submit
    )
    options: set[str] = field(default_factory=set)
    value: str = ""
    multiple: bool = False


@dataclass
class FoundForm:
    url: str
    view_name: str
    found_on: str
    fields: dict[str, FieldSpec] = field(default_factory=dict)
    multipart: bool = False

    def merge(self, other: FoundForm) -> None:
        for name, spec in other.fields.items():
            mine = self.fields.setdefault(name, spec)
            if mine is not spec:
                mine.options |= spec.options
                mine.multiple = mine.multiple or spec.multiple
        self.multipart = self.multipart or other.multipart


IGNORED = {"csrfmiddlewaretoken"}


class _FormParser(HTMLParser):
    def __init__(self, page_url: str):
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.forms: list[tuple[str, bool, dict[str, FieldSpec]]] = []
        self.links: list[str] = []
        self._current: dict[str, FieldSpec] | None = None
        self._multipart = False
        self._select: FieldSpec | None = None
        self._textarea: FieldSpec | None = None

    def _add(self, spec: FieldSpec) -> None:
        if self._current is None or not spec.name or spec.name in IGNORED:
            return
        known = self._current.get(spec.name)
        if known is None:
            self._current[spec.name] = spec
            return
        known.options |= spec.options
        # Two checkboxes of one name are a multiple choice.
        known.multiple = known.multiple or spec.kind == "checkbox" or spec.multiple

    def handle_starttag(self, tag, attrs):
        a = {key: (value or "") for key, value in attrs}
        if tag == "a" and a.get("href", "").startswith("/"):
            self.links.append(a["href"])
        if tag == "form":
            method = a.get("method", "get").lower()
            if method == "post" or "hx-post" in a:
                self._current = {}
                self._multipart = "multipart" in a.get("enctype", "")
                # A form posts to its action; htmx may post the same fields elsewhere.
                if method == "post":
                    self.forms.append((a.get("action") or self.page_url, self._multipart, self._current))
            if "hx-post" in a and self._current is not None:
                self.forms.append((a["hx-post"], self._multipart, self._current))
            return
        if self._current is None:
            return
        if "hx-post" in a:
            self.forms.append((a["hx-post"], self._multipart, self._current))
        if tag == "input":
            kind = a.get("type", "text").lower()
            if kind in ("reset", "image"):
                return
            spec = FieldSpec(a.get("name", ""), kind, value=a.get("value", ""))
            if kind in ("checkbox", "radio", "submit", "hidden"):
                spec.options.add(a.get("value", "on" if kind == "checkbox" else ""))
            self._add(spec)
        elif tag == "button" and a.get("name"):
            self._add(FieldSpec(a["name"], "submit", options={a.get("value", "")}, value=a.get("value", "")))
        elif tag == "select":
            self._select = FieldSpec(a.get("name", ""), "select", multiple="multiple" in a)
            self._add(self._select)
        elif tag == "option" and self._select is not None:
            self._select.options.add(a.get("value", ""))
        elif tag == "textarea":
            self._textarea = FieldSpec(a.get("name", ""), "textarea")
            self._add(self._textarea)

    def handle_endtag(self, tag):
        if tag == "form":
            self._current = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def view_name_of(url: str) -> str | None:
    try:
        return resolve(urlsplit(url).path).view_name
    except Resolver404:
        return None


def forms_on_page(html: str, page_url: str) -> list[FoundForm]:
    parser = _FormParser(page_url)
    parser.feed(html)
    found = []
    for action, multipart, fields in parser.forms:
        path = urlsplit(action).path or urlsplit(page_url).path
        name = view_name_of(path)
        if name is None:
            continue
        found.append(
            FoundForm(
                url=action if action.startswith("/") else page_url,
                view_name=name,
                found_on=page_url,
                fields=fields,
                multipart=multipart,
            )
        )
    return found


def links_on_page(html: str, page_url: str) -> list[str]:
    parser = _FormParser(page_url)
    parser.feed(html)
    return parser.links


def crawl(client, start_urls, may_open, *, per_view: int = 2, rounds: int = 2) -> dict[str, str]:
    """The HTML pages reachable from ``start_urls`` by links (each view at most ``per_view`` times)."""
    pages: dict[str, str] = {}
    seen_per_view: dict[str, int] = {}
    todo = list(start_urls)
    for _round in range(rounds + 1):
        next_todo = []
        for url in todo:
            name = view_name_of(url)
            if url in pages or name is None or not may_open(name) or seen_per_view.get(name, 0) >= per_view:
                continue
            seen_per_view[name] = seen_per_view.get(name, 0) + 1
            response = client.get(url)
            if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
                continue
            pages[url] = response.content.decode()
            next_todo += links_on_page(pages[url], url)
        todo = next_todo
    return pages


def default_data(form: FoundForm) -> dict:
    """What a user who changes nothing and picks the first offered option would send."""
    data = {}
    for name, spec in form.fields.items():
        if spec.kind == "file":
            continue
        options = sorted(option for option in spec.options if option)
        data[name] = options[0] if options and spec.kind != "hidden" else spec.value
    return data


def collect(pages: dict[str, str]) -> dict[str, FoundForm]:
    """Forms by the URL name they post to, merged over all pages (``pages``: url → HTML)."""
    forms: dict[str, FoundForm] = {}
    for url, html in pages.items():
        for form in forms_on_page(html, url):
            if form.view_name in forms:
                forms[form.view_name].merge(form)
            else:
                forms[form.view_name] = form
    return forms
