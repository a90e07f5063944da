from datetime import timedelta

from django.core.paginator import Page, Paginator
from django.db.models import BooleanField, Case, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from infopoint.lib.roles import Role, organisation_of
from infopoint.refused_lookups import scoped_get_or_404
from referrals import lifecycle
from referrals.models import Office, Referral, ReferralEvent, ReferralOutcome, ReferralStatusChange, outcome_row_token


def office_list(*, include_inactive: bool = False) -> QuerySet[Office]:
    offices = Office.objects.all()
    return offices if include_inactive else offices.filter(is_active=True)


def offices_for_visitors() -> QuerySet[Office]:
    """What the kiosk shows: active offices, in a stable order."""
    return Office.objects.filter(is_active=True).order_by("name")


def _closeness(office: Office, district: str) -> int:
    """0: responsible for the visitor's district; 1: for the whole city; 2: for other districts only."""
    if district and district in office.districts:
        return 0
    return 1 if not office.districts else 2


def _closest(offices, district: str) -> Office | None:
    # sorted() is stable: among equally close offices the name order of the query decides.
    ranked = sorted(offices, key=lambda office: _closeness(office, district))
    return ranked[0] if ranked else None


def office_for_kind(*, kind: str, district: str = "") -> Office | None:
    """The office of a kind responsible for a district (a city-wide one if none is named for it)."""
    return _closest(Office.objects.filter(is_active=True, kind=kind).order_by("name"), district)


def offices_by_kind(*, kinds, district: str = "") -> dict[str, Office]:
    """Per kind of office, the one responsible for the district (see ``office_for_kind``)."""
    grouped: dict[str, list[Office]] = {}
    for office in Office.objects.filter(is_active=True, kind__in=list(kinds)).order_by("name"):
        grouped.setdefault(office.kind, []).append(office)
    return {kind: _closest(offices, district) for kind, offices in grouped.items()}


def proposed_office(*, benefit: str, district: str = "") -> Office | None:
    """The office to propose for a benefit and the visitor's Stuttgart district.

    The district's own location comes first (e.g. the Jobcenter location for Bad Cannstatt),
    then an office for the whole city; an office for other districts only is the last resort,
    so that the advisor still sees a place to start from."""
    return _closest(Office.objects.filter(is_active=True, benefits__contains=[benefit]).order_by("name"), district)


def proposed_office_for_route(*, benefit: str, office_kind: str, district: str = "") -> Office | None:
    """For a referral from a saved check: the office the check's route names for this benefit —
    of the route's kind of office (e.g. the Familienkasse for Kinderzuschlag, the Sozialamt for
    Grundsicherung), the one responsible for the district; offices that list the benefit first."""
    offices = list(Office.objects.filter(is_active=True, kind=office_kind).order_by("name"))
    with_benefit = [office for office in offices if benefit in (office.benefits or [])]
    return _closest(with_benefit or offices, district)


NO_NEWS_AFTER = timedelta(weeks=4)


def follow_up_list(*, user, now=None) -> QuerySet[Referral]:
    """The advisor's open referrals, overdue first (appointment passed without an outcome, or no
    news for four weeks), then by the date of the appointment or the last change.

    A query set, so that the page can show it in pages (``Paginator``)."""
    now = now or timezone.now()
    open_referrals = (
        Referral.objects.filter(created_by=user)
        .exclude(status__in=lifecycle.FINISHED)
        .select_related("office", "visitor")
        .annotate(
            overdue=Case(
                When(status=lifecycle.APPOINTMENT_MADE, appointment_at__lt=now, then=Value(True)),
                When(status_changed_at__lt=now - NO_NEWS_AFTER, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
            sort_date=Coalesce("appointment_at", "status_changed_at"),
        )
        .order_by("-overdue", "sort_date", "pk")
    )
    return open_referrals


def follow_up_page(*, user, number, per_page: int, now=None) -> Page:
    """One page of ``follow_up_list``. The order is found on the ids alone (from the index of
    open referrals, see the model), then only the shown page's referrals are read: an advisor
    may have thousands of open referrals, the page shows fifty."""
    ordered = follow_up_list(user=user, now=now)
    page = Paginator(ordered.values_list("pk", flat=True), per_page).get_page(number)
    loaded = ordered.in_bulk(list(page.object_list))
    page.object_list = [loaded[pk] for pk in page.object_list if pk in loaded]
    return page


def referrals_visible_to(*, user, role) -> QuerySet[Referral]:
    """Advisors see their organisation's referrals and those they created themselves (also to
    the other organisation's office); administration sees all."""
    return _visible(Referral.objects.select_related("office", "visitor", "visit", "created_by"), user=user, role=role)


def _visible(referrals: QuerySet[Referral], *, user, role) -> QuerySet[Referral]:
    if role == Role.ADVISOR:
        referrals = referrals.filter(Q(organisation=organisation_of(user)) | Q(created_by=user))
    return referrals


def referral_get(*, pk: int, user, role) -> Referral:
    return scoped_get_or_404(referrals_visible_to(user=user, role=role), user=user, pk=pk)


# The visitor page shows benefit, office and status; sharing details and reasons stay unread.
VISITOR_PAGE_FIELDS = ("benefit", "status", "created_at", "visitor_id", "office__name")


def referrals_of_visitor(*, visitor, user, role) -> list[Referral]:
    """The visitor page's list (benefit, office, status): only the office's name is joined and read."""
    referrals = _visible(Referral.objects.select_related("office"), user=user, role=role)
    return list(referrals.filter(visitor=visitor).only(*VISITOR_PAGE_FIELDS).order_by("-created_at"))


def open_referrals_of_visitor(*, visitor, user, role) -> list[Referral]:
    """The visitor's referrals that still wait for an outcome, oldest first (the order they are asked in)."""
    visible = referrals_visible_to(user=user, role=role).filter(visitor=visitor).exclude(status__in=lifecycle.FINISHED)
    return list(visible.order_by("created_at", "pk"))


def outcomes_of_group_form(*, visitor, user, role, token) -> list[ReferralOutcome]:
    """The outcomes a group outcome form with this one-time token already recorded for the visitor
    (none for a new form): a resend finds them even when their referrals are closed by now."""
    if not token:
        return []
    referral_ids = referrals_visible_to(user=user, role=role).filter(visitor=visitor).values_list("pk", flat=True)
    return list(ReferralOutcome.objects.filter(form_token__in=[outcome_row_token(token, pk) for pk in referral_ids]))


def referral_history(*, referral: Referral) -> list[dict]:
    """Status changes and other steps (e.g. the calendar sent by e-mail), oldest first: when, what, who."""
    changes = [
        {"at": change.changed_at, "what": change.get_to_status_display(), "by": change.changed_by}
        for change in ReferralStatusChange.objects.filter(referral=referral).select_related("changed_by")
    ]
    events = [
        {"at": event.done_at, "what": event.get_kind_display(), "by": event.done_by}
        for event in ReferralEvent.objects.filter(referral=referral).select_related("done_by")
    ]
    return sorted(changes + events, key=lambda entry: entry["at"])
