from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    """Events and the Week tegen Eenzaamheid (issue 6). May import core, activities."""

    name = "events"
    verbose_name = _("Evenementen")
