"""Drop every cached page, chrome, route and card: run on every deploy.

A new release may render pages differently (markup, static file names) or keep other classes
in its cache entries; without a purge visitors would see the old release's pages and cards
for up to PAGE_CACHE_SECONDS. One tag version (``all``) is set: nothing is deleted, every
entry is simply stale, in every process and on every app server sharing the cache. A CDN
configured in WAGTAILFRONTENDCACHE is asked to purge its copies too.
"""

from django.core.management.base import BaseCommand

from core.page_cache.purge import purge_everything


class Command(BaseCommand):
    help = "Maakt de paginacache leeg (alle pagina’s, kop en voet, routes en kaartjes)."

    def handle(self, *args, **options):
        purge_everything()
        self.stdout.write("De paginacache is leeg: elke pagina wordt opnieuw opgebouwd.")
