from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    """The site's own pages: home and standard pages, and the demo content command.

    May import any domain app; no domain app imports this one.
    """

    name = "home"
    verbose_name = _("Pagina's")

    def ready(self):
        from core.page_views import register_page_views

        from .kom_erbij import kom_erbij_plan

        # The profile guide's printable plan needs the map and the agenda: home serves it.
        register_page_views("activities.ProfileGuidePage", kom_erbij_plan=kom_erbij_plan)
