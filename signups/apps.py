from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SignupsConfig(AppConfig):
    """Sign-up forms editors build (volunteers, newsletter), kept only as long as configured."""

    name = "signups"
    verbose_name = _("Aanmeldformulieren")

    def ready(self):
        from core.page_views import register_page_views

        from . import views

        # Routes call views, views import models: the page finds its view here.
        register_page_views("signups.FormPage", serve=views.serve_form_page)
