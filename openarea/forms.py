from django import forms
from django.utils.translation import gettext_lazy as _

from infopoint.forms import KernFormMixin


class KioskEnrolForm(KernFormMixin, forms.Form):
    name = forms.CharField(
        label=_("Name of this kiosk"),
        max_length=100,
        help_text=_("For example: Kiosk 1 by the window"),
    )

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Please give the kiosk a name."), code="blank")
        return name
