"""Writes of the statistics: closing a month and recording later corrections of closed months."""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from stats.counting import COUNTERS, STAFFING_METRICS, live_counts
from stats.models import ClosedMonth, MonthlyFigure
from stats.selectors import is_complete


class MonthNotClosable(ValueError):
    """The month cannot be closed; the message says why, in the user's language."""


def month_close(*, month: date, actor=None) -> ClosedMonth:
    """Freeze every count of a finished month so that the published figures never change."""
    month_name = date_format(month, "F Y")
    if not is_complete(month):
        raise MonthNotClosable(
            _("%(month)s is not over yet; a month can be closed from the first day of the next month.")
            % {"month": month_name}
        )
    existing = ClosedMonth.objects.filter(month=month).first()
    if existing:
        raise MonthNotClosable(
            _("%(month)s was already closed on %(date)s; its figures stay as published.")
            % {"month": month_name, "date": date_format(timezone.localtime(existing.closed_at), "DATETIME_FORMAT")}
        )
    try:
        with transaction.atomic():
            closed = ClosedMonth.objects.create(
                month=month, closed_by=actor if actor and actor.is_authenticated else None
            )
            counts = live_counts(month)
            MonthlyFigure.objects.bulk_create(
                [
                    MonthlyFigure(month=month, metric=metric, subgroup=subgroup, value=value)
                    for (metric, subgroup), value in counts.items()
                ]
            )
    except IntegrityError as error:
        # Two team leads pressed the button at the same time: the first one closed it.
        raise MonthNotClosable(
            _("%(month)s was closed at the same moment by someone else.") % {"month": month_name}
        ) from error
    return closed


@transaction.atomic
def corrections_record(*, month: date) -> int:
    """Compare a closed month with today's case data; record differences beside the published values.

    Returns how many figures differ from what was published. The published values never change.
    """
    closed = ClosedMonth.objects.select_for_update().get(month=month)
    now = timezone.now()
    # Staffing is a fact of the month when it was closed, not something the case data corrects.
    live = live_counts(month, [group for group in COUNTERS if group != "staffing"])
    published = {
        (figure.metric, figure.subgroup): figure
        for figure in MonthlyFigure.objects.filter(month=month).exclude(metric__in=STAFFING_METRICS)
    }
    differing = 0
    for key in published.keys() | live.keys():
        figure = published.get(key)
        today = live.get(key, 0)
        if figure is None:
            # A subgroup that did not exist when the month was closed was published as 0.
            figure = MonthlyFigure(month=month, metric=key[0], subgroup=key[1], value=0)
        corrected = None if today == figure.value else today
        differing += corrected is not None
        if figure.pk is None:
            if corrected is not None:
                figure.corrected_value, figure.corrected_at = corrected, now
                figure.save()
        elif figure.corrected_value != corrected:
            figure.corrected_value = corrected
            figure.corrected_at = now if corrected is not None else None
            figure.save(update_fields=["corrected_value", "corrected_at"])
    closed.corrections_checked_at = now
    closed.save(update_fields=["corrections_checked_at"])
    return differing
