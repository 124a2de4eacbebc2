"""A crawler for the whole site through Django's test client, as a visitor's browser meets it.

It starts from the given URLs (each language's home page, the sitemap), follows every
internal link (pages, routable sub-URLs such as ``ical/`` or ``poster/``, redirects, filter
links up to a few query strings per path) and records what each answered, who linked to it,
and which static or media files a page referred to that do not exist.
"""

from collections import defaultdict, deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit
from xml.etree import ElementTree

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage

# Not for visitors: the admin answers with a login redirect, and is tested on its own.
SKIPPED_PREFIXES = ("/admin/", "/django-admin/")
SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


class _LinkParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links = []  # followed: a, area, link rel=alternate/canonical, iframe
        self.assets = []  # checked to exist: stylesheets, scripts, images

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("a", "area") and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "link" and attrs.get("href"):
            rel = (attrs.get("rel") or "").split()
            # Files, not pages: stylesheets, icons (also apple-touch-icon) and the manifest.
            if "stylesheet" in rel or "manifest" in rel or any("icon" in r for r in rel):
                self.assets.append(attrs["href"])
            else:
                self.links.append(attrs["href"])
        elif tag in ("script", "img", "source") and attrs.get("src"):
            self.assets.append(attrs["src"])
        elif tag == "img" and attrs.get("srcset"):
            self.assets.extend(part.split()[0] for part in attrs["srcset"].split(","))


def links_in(html):
    parser = _LinkParser()
    parser.feed(html)
    return parser.links, parser.assets


def sitemap_locations(xml):
    return [
        loc.text.strip() for loc in ElementTree.fromstring(xml).iterfind(".//sm:loc", SITEMAP_NS)
    ]


@dataclass
class CrawlResult:
    statuses: dict = field(default_factory=dict)  # url -> status code
    referrers: dict = field(default_factory=lambda: defaultdict(set))  # url -> pages linking
    missing_assets: dict = field(default_factory=lambda: defaultdict(set))  # asset -> pages
    errors: dict = field(default_factory=dict)  # url -> exception text

    def problems(self, allowed=(200, 301, 302)):
        """Readable lines for every URL that answered something a link must not lead to."""
        lines = []
        for url, status in sorted(self.statuses.items()):
            if status not in allowed:
                linked_from = sorted(self.referrers.get(url, ()))[:3]
                lines.append(f"{status} {url} (linked from {', '.join(linked_from) or 'start'})")
        for url, error in sorted(self.errors.items()):
            lines.append(f"error {url}: {error}")
        for asset, pages in sorted(self.missing_assets.items()):
            lines.append(f"missing file {asset} (on {', '.join(sorted(pages)[:3])})")
        return lines


class Crawler:
    """Breadth-first over internal URLs; ``hosts`` are the host names that count as internal."""

    def __init__(self, client, hosts, max_queries_per_path=4, follow_queries=True, limit=5000):
        self.client = client
        self.hosts = set(hosts) | {"testserver"}
        self.max_queries_per_path = max_queries_per_path
        self.follow_queries = follow_queries
        self.limit = limit

    def internal_path(self, url, base):
        """The path (with query) of ``url`` if it is internal and worth a visit, else None."""
        url = urldefrag(urljoin(base, url.strip())).url
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or parts.hostname not in self.hosts:
            return None
        path = parts.path or "/"
        if path.startswith(SKIPPED_PREFIXES):
            return None
        return f"{path}?{parts.query}" if parts.query else path

    def asset_exists(self, path):
        """Static files must be in the built manifest, uploaded files on disk."""
        path = path.split("?")[0]
        if path.startswith(settings.STATIC_URL):
            name = path[len(settings.STATIC_URL) :]
            if isinstance(staticfiles_storage._wrapped, ManifestFilesMixin):
                return staticfiles_storage.exists(name)  # the hashed name, as built
            return finders.find(name) is not None
        if path.startswith(settings.MEDIA_URL):
            return (Path(settings.MEDIA_ROOT) / path[len(settings.MEDIA_URL) :]).exists()
        return True

    def crawl(self, start_urls):
        result = CrawlResult()
        queue = deque()
        seen = set()
        queries_per_path = defaultdict(int)

        def add(url, referrer):
            path = self.internal_path(url, referrer or "http://testserver/")
            if path is None:
                return
            if referrer:
                result.referrers[path].add(urlsplit(referrer).path + _query(referrer))
            if path in seen:
                return
            bare, _, query = path.partition("?")
            if query:
                if not self.follow_queries or queries_per_path[bare] >= self.max_queries_per_path:
                    return
                queries_per_path[bare] += 1
            seen.add(path)
            queue.append(path)

        for url in start_urls:
            add(url, None)
        while queue and len(result.statuses) < self.limit:
            path = queue.popleft()
            here = f"http://testserver{path}"
            if path.startswith(settings.MEDIA_URL):
                # An uploaded file (a material to download): the web server serves it from
                # disk in production, so it must be there; Django never serves it.
                if not self.asset_exists(path):
                    result.missing_assets[path] |= result.referrers.get(path, set())
                continue
            try:
                response = self.client.get(path)
            except Exception as error:  # noqa: BLE001 - a crash is what we are looking for
                result.errors[path] = f"{type(error).__name__}: {error}"
                continue
            result.statuses[path] = response.status_code
            if response.status_code in (301, 302, 303, 307, 308):
                add(response["Location"], here)
                continue
            if response.status_code != 200 or getattr(response, "streaming", False):
                continue
            content_type = response.get("Content-Type", "")
            body = response.content.decode(response.charset or "utf-8", "replace")
            if content_type.startswith("text/html"):
                links, assets = links_in(body)
                for link in links:
                    add(link, here)
                for asset in assets:
                    asset_path = self.internal_path(asset, here)
                    if asset_path and not self.asset_exists(asset_path):
                        result.missing_assets[asset_path].add(path)
            elif path.split("?")[0].endswith("sitemap.xml"):
                for location in sitemap_locations(body):
                    add(location, here)
        return result


def _query(url):
    query = urlsplit(url).query
    return f"?{query}" if query else ""


def page_urls(site):
    """The URL of every live, public page of ``site`` in every language."""
    from core.sitemaps import pages_of_site

    urls = []
    for page in pages_of_site(site).specific().iterator():
        url = page.get_url()
        if url:
            urls.append((page, url))
    return urls


def check_every_page(client, site):
    """Every page URL, the sitemap and the links on every page (no filter variants).

    Returns the crawl result and the problems a visitor would meet: an error, a link that
    leads to a 404, a sitemap URL that is not 200. A page nobody links to that answers 404 on
    purpose (a sociale kaart entry hidden for being stale) is not a problem.
    """
    pages = page_urls(site)
    hidden = {url for page, url in pages if not page.get_sitemap_urls()}
    crawler = Crawler(client, {site.hostname}, follow_queries=False)
    result = crawler.crawl([url for _page, url in pages] + ["/sitemap.xml"])
    problems = [
        line
        for line in result.problems()
        if not any(line == f"404 {url} (linked from start)" for url in hidden)
    ]
    return result, len(pages), problems
