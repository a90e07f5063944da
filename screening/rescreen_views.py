"""The re-screening page (issue 20): the latest re-screening's list, and (team lead,
administration) a new one for a date. ``screening/rescreen_service.py`` does the work."""

from __future__ import annotations

from datetime import date

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from infopoint.lib.access import ACCESS_MATRIX
from infopoint.lib.audit import log_reads
from intake.selectors import visitor_ids_visible_to
from screening.models import RunKind, ScreeningRun
from screening.rescreen import compare, route_of
from screening.rescreen_service import rescreen
from screening.rescreen_words import change_text, route_text
from screening.rules.parse import EARLIEST_DATE

PAGE_SIZE = 100


def next_first_of_january(today: date) -> date:
    return date(today.year + 1, 1, 1)


class RescreenForm(forms.Form):
    as_of = forms.DateField(
        label=gettext_lazy("Law as of"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=gettext_lazy("Usually the day a change of the law takes effect, e.g. 1 January."),
        error_messages={
            "invalid": gettext_lazy("Enter a date, e.g. 2027-01-01."),
            "required": gettext_lazy("Enter a date, e.g. 2027-01-01."),
        },
    )

    def clean_as_of(self):
        as_of = self.cleaned_data["as_of"]
        if as_of < EARLIEST_DATE:
            raise forms.ValidationError(
                _("The law is covered from %(date)s on; choose a later date.")
                % {"date": EARLIEST_DATE.strftime("%d.%m.%Y")}
            )
        return as_of


def rescreen_form(data=None) -> RescreenForm:
    return RescreenForm(data, initial={"as_of": next_first_of_january(timezone.localdate())})


def may_start(role) -> bool:
    return role in ACCESS_MATRIX["screening:rescreen"].roles


def latest_rows(*, user, role, page_number):
    """The runs of the latest re-screening (the date of the newest re-run), as rows of the list."""
    newest = ScreeningRun.objects.filter(kind=RunKind.RESCREEN).order_by("-created_at", "-pk").values("as_of").first()
    if newest is None:
        return None, None
    runs = (
        ScreeningRun.objects.filter(kind=RunKind.RESCREEN, as_of=newest["as_of"])
        .select_related("visit__visitor", "advisor", "rescreen_of")
        .order_by("advisor__last_name", "advisor__username", "visit__visitor__code", "pk")
    )
    page = Paginator(runs, PAGE_SIZE).get_page(page_number)
    visible = visitor_ids_visible_to(user=user, role=role, ids=[run.visit.visitor_id for run in page if run.visit])
    may_open = role in ACCESS_MATRIX["screening:run-detail"].roles
    rows = []
    for run in page:
        visitor = run.visit.visitor if run.visit else None
        before = run.rescreen_of.result if run.rescreen_of else None
        rows.append(
            {
                "run": run,
                "code": visitor.code if visitor else "",
                "name": visitor.display_name
                if visitor and visitor.pk in visible and visitor.display_name != visitor.code
                else "",
                "visitor_url": visitor.get_absolute_url() if visitor and visitor.pk in visible else "",
                "run_url": run.get_absolute_url() if may_open else "",
                "advisor": run.advisor.get_full_name() or run.advisor.get_username(),
                "before": route_text(route_of(before)) if before else "",
                "after": route_text(route_of(run.result)),
                # One sentence per change, each isolated (<bdi>) so mixed German and Arabic reads right.
                "changes": [change_text(change) for change in compare(before, run.result)] if before else [],
            }
        )
    log_reads(actor=user, instances=[row["run"] for row in rows], purpose="screening-rescreen-list")
    return {"as_of": newest["as_of"], "page": page, "rows": rows}, page


@require_http_methods(["GET", "HEAD", "POST"])
def rescreen_page(request):
    form = rescreen_form()
    status = 200
    if request.method == "POST":
        form = rescreen_form(request.POST)
        if form.is_valid():
            report = rescreen(as_of=form.cleaned_data["as_of"])
            messages.success(
                request,
                _(
                    "Recalculated on the law of %(date)s: %(checked)d checks, %(listed)d with a change, %(follow_ups)d new follow-ups."
                )
                % {
                    "date": report.as_of.strftime("%d.%m.%Y"),
                    "checked": report.checked,
                    "listed": len(report.items),
                    "follow_ups": report.follow_ups_created,
                },
            )
            if report.failed:
                messages.warning(
                    request, _("%(count)d saved checks could not be recalculated.") % {"count": len(report.failed)}
                )
            return redirect("screening:rescreen")
        status = 400
    latest, _page = latest_rows(user=request.user, role=request.role, page_number=request.GET.get("page"))
    return render(
        request,
        "screening/rescreen.html",
        {"form": form, "latest": latest, "may_start": may_start(request.role)},
        status=status,
    )
