"""Hostile input: the XSS/SQL/template payload list and Hypothesis strategies per field kind."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import strategies as st

from tests.security.forms_found import FieldSpec, FoundForm

SCRIPT = '"><script>alert(1)</script><img src=x onerror=alert(1)>'
PAYLOADS = [
    SCRIPT,
    "' OR 1=1 --",
    "'; DROP TABLE intake_visitor; --",
    "{{7*7}}",
    "{% debug %}",
    "${7*7}",
    "</textarea><script>alert(2)</script>",
    "javascript:alert(3)",
    "\u202egnp.exe",  # right-to-left override
    '=HYPERLINK("http://evil.example")',
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "-2+3",
    "%00",
    "\x00",
    "../../etc/passwd",
    "Ünïcödé ‏مرحبا 𝕏 😀",
    "",
    " ",
    "A" * 5000,
]

_control = st.characters(codec="utf-8", categories=["Cc", "Cf", "Zs", "Lu", "Ll", "Nd", "P", "S"])
HOSTILE_TEXT = st.one_of(st.sampled_from(PAYLOADS), st.text(_control, max_size=60), st.text(max_size=20))
NUMBERS = st.one_of(
    st.integers(-(10**15), 10**15).map(str),
    st.decimals(allow_nan=True, allow_infinity=True, places=3).map(str),
    st.sampled_from(["", "0", "-1", "1,5", "1.234,56", "1e9", "1e308", "9" * 40, "NaN", "Infinity", "0x10", "٣"]),
)
DATES = st.one_of(
    st.dates().map(lambda d: d.isoformat()),
    st.dates().map(lambda d: d.strftime("%d.%m.%Y")),
    st.sampled_from(["", "2026-02-30", "2026-13-01", "0000-00-00", "9999-12-31", "2026-03-29", "1-1-1", "today"]),
)
DATETIMES = st.one_of(
    st.datetimes().map(lambda d: d.isoformat(timespec="minutes")),
    st.sampled_from(["", "2026-03-29T02:30", "2026-10-25T02:30", "2026-02-30T10:00", "2026-01-01T25:00"]),
)
TIMES = st.one_of(st.times().map(lambda t: t.strftime("%H:%M")), st.sampled_from(["", "24:00", "12:60", "noon"]))
FILES = st.one_of(
    st.binary(max_size=300),
    st.binary(max_size=200).map(lambda b: b"%PDF-1.4\n" + b),
    st.just(b"%PDF-1.4\n%%EOF\n"),
    st.just(b""),
).flatmap(lambda content: st.sampled_from(["form.pdf", "x.exe", "../../evil.pdf", "a" * 300 + ".pdf", "<script>.pdf"]).map(
    lambda filename: SimpleUploadedFile(filename, content, content_type="application/pdf")
))  # fmt: skip


def _choice(spec: FieldSpec) -> st.SearchStrategy:
    valid = sorted(spec.options)
    one = st.sampled_from(valid) if valid else HOSTILE_TEXT
    chosen = st.lists(one, max_size=4, unique=True) if spec.multiple else one
    # Mostly what the page offers (so the view goes deep), sometimes anything.
    return st.one_of(chosen, chosen, chosen, HOSTILE_TEXT)


def value_for(spec: FieldSpec) -> st.SearchStrategy:
    kind = spec.kind
    if kind in ("checkbox", "radio", "select", "submit"):
        return _choice(spec)
    if kind == "hidden":
        return st.one_of(st.just(spec.value), st.just(spec.value), HOSTILE_TEXT, NUMBERS)
    if kind == "number":
        return st.one_of(NUMBERS, HOSTILE_TEXT)
    if kind == "date":
        return st.one_of(DATES, DATES, HOSTILE_TEXT)
    if kind == "datetime-local":
        return st.one_of(DATETIMES, DATETIMES, HOSTILE_TEXT)
    if kind == "time":
        return st.one_of(TIMES, HOSTILE_TEXT)
    if kind == "file":
        return st.one_of(FILES, FILES, HOSTILE_TEXT)
    if kind == "email":
        return st.one_of(st.emails(), HOSTILE_TEXT)
    return HOSTILE_TEXT


def post_data(form: FoundForm) -> st.SearchStrategy[dict]:
    """Each field of the form left out or filled with something valid-looking or hostile."""
    fields = {name: st.one_of(st.none(), value_for(spec), value_for(spec)) for name, spec in form.fields.items()}
    extra = st.dictionaries(
        st.sampled_from(["extra", "is_staff", "organisation", "pk", "id", "created_by"]), HOSTILE_TEXT, max_size=2
    )
    return st.tuples(st.fixed_dictionaries(fields), extra).map(
        lambda both: {**both[1], **{name: value for name, value in both[0].items() if value is not None}}
    )
