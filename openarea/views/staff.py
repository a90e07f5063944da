"""Staff pages of the open area: enrolling and revoking kiosk devices."""

import uuid

from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from openarea import selectors, services
from openarea.forms import KioskEnrolForm
from openarea.kiosk_cookie import set_device_cookie


@require_safe
def kiosk_list(request):
    return render(request, "openarea/kiosk_list.html", {"devices": selectors.kiosk_device_list(), "form": KioskEnrolForm(initial={"token": uuid.uuid4()})})


@require_POST
def kiosk_enrol(request):
    """Make *this* browser a kiosk. The staff session ends here: a kiosk carries no log-in."""
    form = KioskEnrolForm(request.POST)
    if not form.is_valid():
        devices = selectors.kiosk_device_list()
        return render(request, "openarea/kiosk_list.html", {"devices": devices, "form": form}, status=400)
    device = services.kiosk_device_enrol(name=form.cleaned_data["name"], actor=request.user, token=form.cleaned_data["token"])
    logout(request)
    response = redirect("kiosk:start")
    set_device_cookie(response, device)
    return response


@require_POST
def kiosk_revoke(request, pk):
    device = selectors.kiosk_device_get(pk=pk)
    services.kiosk_device_revoke(device=device, actor=request.user)
    messages.success(request, _("The kiosk “%(name)s” has been revoked.") % {"name": device.name})
    return redirect("openarea:kiosk-list")
