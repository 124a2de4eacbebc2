from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    """Events and the Week tegen Eenzaamheid. May import core, activities and social_map."""

    name = "events"
    verbose_name = _("Agenda")

    def ready(self):
        from . import signals  # noqa: F401
