from collections import defaultdict

from django.conf import settings
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


def pages_of_site(site):
    """The live, public pages of ``site`` in every language (each home page's tree)."""
    pages = Page.objects.none()
    for home in site.root_page.get_translations(inclusive=True):
        pages = pages | Page.objects.descendant_of(home, inclusive=True)
    return pages.live().public()


class AllLanguagesSitemap(Sitemap):
    """Every page of the site in every language, each with its translations as alternates.

    Wagtail's sitemap walks one home page; translations live beside it, so walk them all. A
    page whose translations are listed too gets ``xhtml:link`` alternates for each of them
    and an ``x-default`` (the source language, Dutch), as search engines ask. A page that
    would not answer 200 (say a sociale kaart entry hidden for being stale) leaves itself out
    by returning no URLs from ``get_sitemap_urls``, Wagtail's own hook.
    """

    def items(self):
        return (
            pages_of_site(self.get_wagtail_site())
            .order_by("path")
            .defer_streamfields()
            .select_related("locale")
            .specific()
        )

    def _urls(self, page, protocol, domain):
        entries = []  # (page, url info)
        for item in self.paginator.page(page).object_list:
            for info in item.get_sitemap_urls(self.request):
                entries.append((item, info))

        # One language version of a page per translation key and language: its first URL.
        versions = defaultdict(dict)
        for item, info in entries:
            versions[item.translation_key].setdefault(item.locale.language_code, info["location"])

        urls = []
        for item, info in entries:
            translations = versions[item.translation_key]
            if len(translations) > 1:
                alternates = [
                    {"lang_code": code, "location": location}
                    for code, location in sorted(translations.items())
                ]
                default = translations.get(settings.LANGUAGE_CODE)
                if default:
                    alternates.append({"lang_code": "x-default", "location": default})
                info = {**info, "alternates": alternates}
            urls.append(info)

        last_mods = {info.get("lastmod") for info in urls}
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls
