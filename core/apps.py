from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Cross-app pieces: the abstract base page, shared blocks, site settings, template tags.

    Imports no domain app.
    """

    name = "core"
    verbose_name = _("Basis")

    def ready(self):
        from .feedback.routing import register_feedback_views

        # "Klopt er iets niet?" under every page type that declares AcceptsFeedback.
        register_feedback_views()
