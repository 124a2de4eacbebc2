from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SocialMapConfig(AppConfig):
    """The sociale kaart: places residents can go to. May import core and activities."""

    name = "social_map"
    verbose_name = _("Sociale kaart")

    def ready(self):
        from core.page_views import register_page_views
        from core.panels import register_panel

        from . import views
        from .templatetags.social_map_tags import places_offering_panel

        # The activity library does not know the map: it offers a panel, the map fills it.
        register_panel("activities.ActivityPage", places_offering_panel)
        # Routes call views, views import models: the page finds its views here.
        register_page_views(
            "social_map.SocialMapPage",
            list=views.place_list,
            geojson=views.place_map_data,
            print=views.place_print,
            hsds=views.place_export_hsds,
            csv=views.place_export_csv,
        )
