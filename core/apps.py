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
        from .page_cache import hooks as page_cache_hooks  # noqa: F401  (registers its hook)
        from .page_cache.registry import register_chrome_models
        from .page_cache.signals import connect as connect_page_cache

        # The page cache drops what a publish, a snippet or a settings change touches; the
        # helplines are in every page's header and footer.
        connect_page_cache()
        register_chrome_models("core.helpline")

        # "Klopt er iets niet?" under every page type that declares AcceptsFeedback.
        register_feedback_views()

        # Each process keeps the Locale rows (core.i18n); a change of one drops them.
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Locale

        from .i18n import forget_locales

        post_save.connect(forget_locales, sender=Locale, dispatch_uid="core_forget_locales")
        post_delete.connect(forget_locales, sender=Locale, dispatch_uid="core_forget_locales_d")
