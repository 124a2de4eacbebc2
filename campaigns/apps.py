from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def theme_of_page(page):
    """The campaign look of ``page`` (core.themes provider): its own, or its campaign's."""
    from .models import campaign_of
    from .themes import page_theme_for

    campaign = campaign_of(page)
    return page_theme_for(campaign) if campaign is not None else None


class CampaignsConfig(AppConfig):
    """Campaigns such as "Samen is leuker": a page section built from blocks, with its own look.

    Sits below events: the agenda's edition page uses the campaign blocks, and the events
    block asks the agenda for its dates through a hook (``campaign_upcoming_events``).
    """

    name = "campaigns"
    verbose_name = _("Campagnes")

    def ready(self):
        from core.themes import register_theme_provider

        register_theme_provider(theme_of_page)
