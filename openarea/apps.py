from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpenareaConfig(AppConfig):
    name = "openarea"
    verbose_name = _("Open area and kiosks")
