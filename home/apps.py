from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    """The site's own pages: home and standard pages, and the demo content command.

    May import any domain app; no domain app imports this one.
    """

    name = "home"
    verbose_name = _("Pagina's")
