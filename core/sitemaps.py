from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class AllLanguagesSitemap(Sitemap):
    """Wagtail's sitemap walks one home page; translations live beside it, so walk them all."""

    def items(self):
        site = self.get_wagtail_site()
        pages = Page.objects.none()
        for home in site.root_page.get_translations(inclusive=True):
            pages = pages | Page.objects.descendant_of(home, inclusive=True)
        return pages.live().public().order_by("path").defer_streamfields().specific()
