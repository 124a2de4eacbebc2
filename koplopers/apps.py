from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KoplopersConfig(AppConfig):
    """The municipalities that went first. May import core and the activity library."""

    name = "koplopers"
    verbose_name = _("Koplopers")

    def ready(self):
        # Routes find their views here (core/page_views.py): views import models, not back.
        from core.page_views import register_page_views

        from . import views

        register_page_views(
            "koplopers.KoploperIndexPage",
            list=views.koploper_index,
            map_data=views.koploper_map_data,
        )
