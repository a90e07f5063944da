"""Staff pages of the forms catalogue: list, add, edit (with PDF upload), retire and reactivate."""

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from infopoint.forms import errors_to_form
from openarea.catalogue import downloads, selectors, services
from openarea.catalogue.forms import PrintableFormForm


@require_safe
def form_list(request):
    return render(request, "openarea/catalogue/form_list.html", {"forms": selectors.printable_form_list()})


def _edit_page(request, form, printable_form=None, status=200):
    return render(request, "openarea/catalogue/form_edit.html", {"form": form, "printable_form": printable_form}, status=status)


def _save(request, form, printable_form=None):
    """Validate and save; on a refusal the page comes back with the messages at the fields."""
    if form.is_valid():
        data = dict(form.cleaned_data)
        pdf = data.pop("pdf") or None
        token = data.pop("token")
        try:
            saved = services.printable_form_save(actor=request.user, form=printable_form, pdf=pdf, token=token, **data)
        except ValidationError as error:
            errors_to_form(error, form)
        else:
            messages.success(request, _("The form “%(title)s” has been saved.") % {"title": saved.title_de})
            return redirect("openarea:form-list")
    return _edit_page(request, form, printable_form, status=400)


@require_http_methods(["GET", "POST"])
def form_add(request):
    if request.method == "POST":
        return _save(request, PrintableFormForm(request.POST, request.FILES))
    return _edit_page(request, PrintableFormForm(initial={"token": uuid.uuid4()}))


@require_http_methods(["GET", "POST"])
def form_edit(request, form):
    printable_form = selectors.printable_form_get(pk=form)
    if request.method == "POST":
        return _save(request, PrintableFormForm(request.POST, request.FILES, instance=printable_form), printable_form)
    return _edit_page(request, PrintableFormForm(instance=printable_form), printable_form)


@require_safe
def form_pdf(request, form):
    """The PDF as stored, for staff to check an upload: a download, never rendered in the Infopoint's pages."""
    printable_form = selectors.printable_form_get(pk=form)
    if not printable_form.pdf:
        messages.error(request, _("No PDF has been uploaded for this form yet."))
        return redirect("openarea:form-edit", form=printable_form.pk)
    return downloads.form_pdf_response(printable_form, attachment=True)


@require_POST
def form_retire(request, form):
    printable_form = services.printable_form_set_active(actor=request.user, form=selectors.printable_form_get(pk=form), active=False)
    messages.success(request, _("“%(title)s” has been retired: the kiosk no longer shows it.") % {"title": printable_form.title_de})
    return redirect("openarea:form-list")


@require_POST
def form_reactivate(request, form):
    printable_form = services.printable_form_set_active(actor=request.user, form=selectors.printable_form_get(pk=form), active=True)
    messages.success(request, _("“%(title)s” is active again.") % {"title": printable_form.title_de})
    return redirect("openarea:form-list")
