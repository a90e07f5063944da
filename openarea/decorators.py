import functools

from django.contrib.auth.decorators import login_not_required
from django.http import Http404


def kiosk_only(view):
    """For kiosk pages: no staff log-in needed, but an enrolled kiosk (or staff) is.

    Applies ``login_not_required`` too, so that every exemption from the log-in can be
    found by searching for ``kiosk_only`` or ``login_not_required``.
    """

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if getattr(request, "kiosk", None) is None and not request.user.is_authenticated:
            raise Http404
        return view(request, *args, **kwargs)

    wrapper.kiosk_only = True
    return login_not_required(wrapper)
