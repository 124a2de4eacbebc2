from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SocialMapConfig(AppConfig):
    """The sociale kaart: places residents can go to. May import core and activities."""

    name = "social_map"
    verbose_name = _("Sociale kaart")

    def ready(self):
        from core.panels import register_panel

        from .templatetags.social_map_tags import places_offering_panel

        # The activity library does not know the map: it offers a panel, the map fills it.
        register_panel("activities.ActivityPage", places_offering_panel)
