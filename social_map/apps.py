from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SocialMapConfig(AppConfig):
    """The sociale kaart: places residents can go to. May import core and activities."""

    name = "social_map"
    verbose_name = _("Sociale kaart")
