from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    """News of the coalitions: an index with tags and feeds, and news items."""

    name = "news"
    verbose_name = _("Nieuws")

    def ready(self):
        # Routes call views, views import models: the index finds its views here.
        from core.page_views import register_page_views

        from . import feeds, views

        register_page_views(
            "news.NewsIndexPage", list=views.news_list, rss=feeds.rss, atom=feeds.atom
        )
