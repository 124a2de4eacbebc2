from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    """Events and the Week tegen Eenzaamheid. May import core, activities and social_map."""

    name = "events"
    verbose_name = _("Agenda")

    def ready(self):
        from core.panels import register_panel

        from . import signals  # noqa: F401
        from .templatetags.event_tags import events_at_place_panel

        # The sociale kaart does not know the agenda: it offers a panel, the agenda fills it.
        register_panel("social_map.PlacePage", events_at_place_panel)
