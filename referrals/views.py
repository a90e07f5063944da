from django.shortcuts import render
from django.views.decorators.http import require_safe

from referrals import selectors


@require_safe
def office_list(request):
    return render(request, "referrals/office_list.html", {"offices": selectors.office_list()})
