"""The search's place in the admin: the report of queries, and the synonyms as a snippet."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from search.admin_report import SearchQueriesMenuItem, SearchQueriesReportView
from search.models import SearchSynonym


@hooks.register("register_admin_urls")
def register_report_url():
    return [
        path(
            "reports/zoekvragen/",
            SearchQueriesReportView.as_view(),
            name="search_queries_report",
        )
    ]


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return SearchQueriesMenuItem(
        _("Zoekvragen"),
        reverse("search_queries_report"),
        name="search-queries",
        icon_name="search",
        order=1350,
    )


class SearchSynonymViewSet(SnippetViewSet):
    model = SearchSynonym
    icon = "search"
    menu_label = _("Zoekwoorden met dezelfde betekenis")
    menu_name = "search-synonyms"
    add_to_settings_menu = True
    menu_order = 910
    list_display = ["terms", "language"]
    list_filter = ["language"]
    search_fields = ["terms"]
    ordering = ["language", "terms"]


register_snippet(SearchSynonymViewSet)
