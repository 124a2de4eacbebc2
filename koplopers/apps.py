from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KoplopersConfig(AppConfig):
    """The municipalities that went first. May import core and the activity library."""

    name = "koplopers"
    verbose_name = _("Koplopers")
