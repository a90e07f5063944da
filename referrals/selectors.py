from django.db.models import QuerySet

from referrals.models import Office


def office_list(*, include_inactive: bool = False) -> QuerySet[Office]:
    offices = Office.objects.all()
    return offices if include_inactive else offices.filter(is_active=True)


def offices_for_visitors() -> QuerySet[Office]:
    """What the kiosk shows: active offices, in a stable order."""
    return Office.objects.filter(is_active=True).order_by("name")


def office_for_kind(*, kind: str) -> Office | None:
    """The office of a kind the Infopoint refers to (the first active one; districts follow in issue 6)."""
    return Office.objects.filter(is_active=True, kind=kind).order_by("name").first()


def offices_by_kind(*, kinds) -> dict[str, Office]:
    found: dict[str, Office] = {}
    for office in Office.objects.filter(is_active=True, kind__in=list(kinds)).order_by("name"):
        found.setdefault(office.kind, office)
    return found
