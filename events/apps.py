from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    """Events and the Week tegen Eenzaamheid. May import core, activities and social_map."""

    name = "events"
    verbose_name = _("Agenda")

    def ready(self):
        from core.page_views import register_page_views
        from core.panels import register_panel

        from . import calendar, printing, signals, views  # noqa: F401
        from .announcements import moderation
        from .announcements import view as announcements
        from .templatetags.event_tags import events_at_place_panel

        # The sociale kaart does not know the agenda: it offers a panel, the agenda fills it.
        register_panel("social_map.PlacePage", events_at_place_panel)
        # Routes call views, views import models: the pages find their views here.
        register_page_views(
            "events.EventIndexPage",
            list=views.event_list,
            archive=views.event_archive,
            ical=calendar.feed,
            geojson=views.event_map_data,
            programme=printing.programme,
        )
        register_page_views(
            "events.EventPage",
            json_ld=calendar.json_ld,
            ical=calendar.event_ics,
            invitation=printing.invitation,
            poster=printing.poster,
        )
        register_page_views(
            "events.EventSubmissionPage", serve=announcements.serve_announcement_page
        )
        # One e-mail to the moderators per announcement, not Wagtail's two as well.
        moderation.install_notifiers()
