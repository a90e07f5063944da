from django.db.models import QuerySet

from referrals.models import Office


def office_list(*, include_inactive: bool = False) -> QuerySet[Office]:
    offices = Office.objects.all()
    return offices if include_inactive else offices.filter(is_active=True)


def offices_for_visitors() -> QuerySet[Office]:
    """What the kiosk shows: active offices, in a stable order."""
    return Office.objects.filter(is_active=True).order_by("name")
