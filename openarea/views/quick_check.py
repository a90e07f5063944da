"""The anonymous quick check, on the kiosk and on the public web pages.

Nothing is stored: the answers travel in the form from screen to screen and are gone with
the page; only anonymous counts (started, completed, printed; by language) are kept.
"""

from __future__ import annotations

import logging

from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from openarea import kiosk_guard
from openarea.decorators import kiosk_only, public_page
from openarea.models import UsageKind
from openarea.quick_check.questions import next_question
from openarea.quick_check.result import quick_result
from openarea.quick_check.steps import advance, carried_answers
from openarea.services import kiosk_use_record
from openarea.surfaces import KIOSK, PUBLIC, Surface
from screening.local_value_selectors import place_for
from screening.rules import InputError

logger = logging.getLogger(__name__)


def _count(surface: Surface, kind: str) -> None:
    if surface is KIOSK:
        kiosk_use_record(kind=kind, key=translation.get_language())


def _result(request, surface: Surface, answers: dict, *, autoprint: bool = False):
    try:
        today = timezone.localdate()
        result = quick_result(answers, today=today, place=place_for("Stuttgart", today))
    except InputError:
        # The answers are validated before; if the engine still refuses them, say so kindly.
        logger.exception("quick check answers refused by the engine")
        return render(request, "openarea/quick_check/failed.html", {"surface": surface, "links": surface.links()}, status=200)
    context = {
        "surface": surface,
        "links": surface.links(),
        "answers": answers,
        "result": result,
        "autoprint": autoprint,
        "print_url": surface.url("check-print"),
    }
    return render(request, "openarea/quick_check/result.html", context)


def _check(request, surface: Surface):
    context = {"surface": surface, "links": surface.links()}
    if request.method != "POST":
        return render(request, "openarea/quick_check/intro.html", context)
    step = advance(request.POST)
    if not request.POST.get("question"):
        _count(surface, UsageKind.QUICK_CHECK_STARTED)
    if step.question is None:
        _count(surface, UsageKind.QUICK_CHECK_COMPLETED)
        return _result(request, surface, step.answers)
    return render(request, "openarea/quick_check/question.html", {**context, "step": step})


def _print(request, surface: Surface):
    answers = carried_answers(request.POST)
    if next_question(answers) is not None:
        return redirect(surface.url("check"))
    _count(surface, UsageKind.QUICK_CHECK_PRINTED)
    return _result(request, surface, answers, autoprint=True)


@kiosk_only
@kiosk_guard.rate_limited("quick_check")
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def kiosk_check(request):
    return _check(request, KIOSK)


@kiosk_only
@kiosk_guard.rate_limited("quick_check")
@never_cache
@require_POST
def kiosk_check_print(request):
    return _print(request, KIOSK)


@public_page
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def public_check(request, lang):
    return _check(request, PUBLIC)


@public_page
@require_POST
def public_check_print(request, lang):
    return _print(request, PUBLIC)
