import functools

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.urls import reverse
from django.utils import translation

from openarea import kiosk_guard


def kiosk_only(view):
    """For kiosk pages: no staff log-in needed, but an enrolled kiosk (or staff) is.

    Applies ``login_not_required`` too, so that every exemption from the log-in can be
    found by searching for ``kiosk_only`` or ``login_not_required``.

    Every POST is then checked (issue 21, ``openarea/kiosk_guard.py``): first the device's
    rate limit for views marked with ``kiosk_guard.rate_limited`` (429 page), then the form's
    ``kiosk_session`` value, which must be the current one of this kiosk session (a form from
    before "Fertig" lands on the start page). Only views marked ``kiosk_replay_exempt`` (the
    reset) skip the second check.
    """

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if getattr(request, "kiosk", None) is None and not request.user.is_authenticated:
            raise Http404
        if request.method == "POST":
            action = getattr(view, "kiosk_rate_action", None)
            if action is not None and not kiosk_guard.rate_allow(request, action):
                return kiosk_guard.rate_refuse(request, action)
            if not getattr(view, "kiosk_replay_exempt", False) and not kiosk_guard.is_current(request):
                return kiosk_guard.replay_refuse(request)
        return view(request, *args, **kwargs)

    wrapper.kiosk_only = True
    return login_not_required(wrapper)


def kiosk_replay_exempt(view):
    """The one kiosk POST that works without the current form value: the reset ("Fertig")."""
    view.kiosk_replay_exempt = True
    return view


def public_page(view):
    """For the public /info/<lang>/ pages: open to anyone, in the language of the address.

    The language comes from the URL (not a cookie) so that every language version has its
    own address that search engines and shared links keep.
    """

    @functools.wraps(view)
    def wrapper(request, *args, lang, **kwargs):
        translation.activate(lang)
        request.LANGUAGE_CODE = lang
        match = request.resolver_match
        request.language_versions = [
            (code, name, reverse(f"{match.namespace}:{match.url_name}", kwargs={**match.kwargs, "lang": code}))
            for code, name in settings.LANGUAGES
        ]
        return view(request, *args, lang=lang, **kwargs)

    wrapper.public_page = True
    return login_not_required(wrapper)
