"""Admin URLs and the account menu item of the two-factor pages."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from .two_factor import views


@hooks.register("register_admin_urls")
def two_factor_urls():
    return [
        path("tweestaps/", views.overview, name="users_two_factor"),
        path("tweestaps/controle/", views.verify, name="users_two_factor_verify"),
        path("tweestaps/instellen/", views.setup, name="users_two_factor_setup"),
        path("tweestaps/reservecodes/", views.backup_codes, name="users_two_factor_backup_codes"),
        path("tweestaps/uitzetten/", views.disable, name="users_two_factor_disable"),
    ]


@hooks.register("register_account_menu_item")
def two_factor_menu_item(request):
    return {
        "url": reverse("users_two_factor"),
        "label": _("Tweestapsverificatie"),
        "help_text": _("Een code uit een app op uw telefoon naast uw wachtwoord, en reservecodes."),
    }
