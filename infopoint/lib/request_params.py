"""Reading optional object ids from a request, where a malformed id simply means "none"."""

from __future__ import annotations


def optional_pk(request, name: str, post_name: str | None = None) -> int | None:
    """The id given as ?name= (or in the POSTed field post_name, default name), if it is a whole number."""
    value = request.GET.get(name) or request.POST.get(post_name or name)
    return int(value) if value and str(value).isdigit() else None
