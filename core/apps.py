from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Cross-app pieces: the abstract base page, shared blocks, site settings, template tags.

    Imports no domain app.
    """

    name = "core"
    verbose_name = _("Basis")
