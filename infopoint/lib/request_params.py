"""Reading optional object ids from a request, where a malformed id simply means "none"."""

from __future__ import annotations

# PostgreSQL's bigint ends here; a larger "id" would make the database refuse the query.
_MAX_PK = 2**63 - 1


def parse_pk(value) -> int | None:
    """A database id from text, or None: only ASCII digits ("²" passes str.isdigit()), in range."""
    text = str(value or "")
    if not text.isascii() or not text.isdecimal():
        return None
    number = int(text)
    return number if 0 < number <= _MAX_PK else None


def optional_pk(request, name: str, post_name: str | None = None) -> int | None:
    """The id given as ?name= (or in the POSTed field post_name, default name), if it is a whole number."""
    return parse_pk(request.GET.get(name) or request.POST.get(post_name or name))
