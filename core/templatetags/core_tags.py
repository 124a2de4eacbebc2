"""Navigation, breadcrumbs, language switcher, helplines, image alt text and page panels."""

from urllib.parse import urljoin

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Page, Site

from core.i18n import active_locale, localize_all
from core.models import SiteSettings
from core.page_cache import chrome as chrome_cache
from core.page_cache.purge import tree_tags
from core.panels import render_panels
from core.routing import find_site
from core.themes import theme_for

register = template.Library()


def _site(request):
    # On the request (Wagtail's or the chrome's), else in the shared cache (core.routing).
    return find_site(request)


def _chrome(request):
    """What every page's header and footer show, built once per site and language.

    Cached across requests by ``core.page_cache.chrome`` (purged on any publish and on
    settings, helpline or site changes); within a request it lives on the request.
    """
    data = getattr(request, "_chrome", None)
    if data is None:
        data = request._chrome = _build_chrome(request)
        chrome_cache.store(request, data)
    return data


def _build_chrome(request):
    site = _site(request)
    locale = active_locale(request)
    data = {
        "site": site,
        "language": translation.get_language(),
        "locale": locale,
        "settings": None,
        "home": None,
        "specific_home": None,
        "homes": {},
        "menu": [],
        "helplines": [],
        "footer_pages": [],
        "targets": {},
    }
    if site is None:  # e.g. an unknown host and no default site: still render
        return data
    # Every page URL needs them: kept with the chrome, they save a cache read per request.
    data["root_paths"] = Site.get_site_root_paths()
    settings_obj = data["settings"] = SiteSettings.for_request(request)
    home = data["home"] = localize_all([site.root_page], locale)[0]
    specific = data["specific_home"] = home.specific if home is not None else None
    data["homes"] = {
        translated.locale.language_code: translated
        for translated in site.root_page.get_translations(inclusive=True)
        .live()
        .select_related("locale")
    }
    data["menu"] = _menu_items(home, specific)
    for item in data["menu"]:  # addresses once per site and language, kept with the chrome
        item.menu_url = item.get_url(request)
    for translated in data["homes"].values():  # the language links of untranslated pages
        _link_url(translated, request)
    helplines = [item.helpline for item in settings_obj.helplines.select_related("helpline")]
    data["helplines"] = localize_all(helplines, locale)
    footer = [settings_obj.privacy_page, settings_obj.accessibility_page]
    data["footer_pages"] = localize_all([page for page in footer if page is not None], locale)
    target = getattr(specific, "target", None)
    if target is not None:
        data["targets"] = {name: target(name, request) for name in CHROME_TARGETS}
    return data


CHROME_TARGETS = ("submission",)  # the pages the footer links to through ``home_target``


def _menu_items(home, specific):
    """The home page's children marked "in menu", in the order and with the names it gives.

    Core imports no domain app, so it asks the home page by name (``menu_choices``); a site
    whose root is another page type gets its children in tree order and with their titles.
    """
    if home is None:
        return []
    items = list(home.get_children().live().public().in_menu().only("title", "url_path", "path"))
    offer = getattr(specific, "menu_choices", None)
    choices = offer() if offer is not None else []
    order = {page_id: index for index, (page_id, _label) in reversed(list(enumerate(choices)))}
    labels = {page_id: label for page_id, label in reversed(choices) if label}
    for item in items:
        item.menu_label = labels.get(item.pk) or item.title
    items.sort(key=lambda item: order.get(item.pk, len(order)))  # stable: the rest in tree order
    return items


class ChromeFragmentNode(template.Node):
    # Hidden from ``get_nodes_by_type``: every page extending base.html searches its nodes for
    # blocks, and a block inside a fragment the same on every page could not be overridden.
    child_nodelists = ()

    def __init__(self, name, nodelist):
        self.name, self.nodelist = name, nodelist

    def render(self, context):
        request = context.get("request")
        if request is None:
            return self.nodelist.render(context)
        return chrome_cache.fragment(
            request, _chrome(request), self.name, lambda: self.nodelist.render(context)
        )


@register.tag("chrome_fragment")
def chrome_fragment(parser, token):
    """``{% chrome_fragment "footer" %}...{% endchrome_fragment %}``: HTML the same on every page
    of a site in a language, rendered once and kept with the cached chrome (purged with it).

    Use only what the chrome holds inside (settings, helplines, footer pages, home targets):
    nothing of the page, the query string or the visitor.
    """
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("chrome_fragment takes one name in quotes")
    nodelist = parser.parse(("endchrome_fragment",))
    parser.delete_first_token()
    return ChromeFragmentNode(bits[1].strip("\"'"), nodelist)


def _home(request):
    """The site's home page in the active language (the request's site, never the first one)."""
    return _chrome(request)["home"]


@register.simple_tag(takes_context=True)
def site_home(context):
    return _home(context["request"])


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The menu's pages, each with ``menu_label``: the short name residents understand
    ("Plekken in de buurt"), or the page title. The page keeps its title as heading."""
    request = context["request"]
    items = _chrome(request)["menu"]
    current_path = getattr(context.get("page"), "path", "")
    for item in items:
        if "menu_url" not in item.__dict__:  # a chrome kept from before ``_build_chrome`` set it
            item.menu_url = item.get_url(request)
        item.is_active = bool(current_path) and current_path.startswith(item.path)
        item.is_current = current_path == item.path
    return items


@register.simple_tag(takes_context=True)
def home_target(context, name):
    """A page the site's home page leads to by ``name``, e.g. "submission" (Activiteit aanmelden).

    The home page's model decides (an editor's choice, else the first live page of that type);
    None when the site's root page offers no such target.
    """
    request = context["request"]
    chrome = _chrome(request)
    if name in chrome["targets"]:
        return chrome["targets"][name]
    target = getattr(chrome["specific_home"], "target", None)
    return target(name, request) if target is not None else None


def _page_part(context):
    """The shown page's breadcrumbs, translations and section look, or None for a non-page.

    Plain data (titles and addresses, not pages): read on every page, and a model instance
    costs far more to unpickle than a string."""
    page = context.get("page")
    if not isinstance(page, Page) or not page.pk:
        return None
    request = context["request"]
    home = _home(request)

    def build(page):
        crumbs = []
        if home is not None and page.depth > home.depth:
            ancestors = page.get_ancestors().filter(depth__gte=home.depth).live()
            crumbs = list(ancestors.only("title", "url_path"))
        translations = page.get_translations(inclusive=True).live().select_related("locale")
        return {
            "crumbs": [{"title": item.title, "link_url": item.get_url(request)} for item in crumbs],
            "translations": {
                item.locale.language_code: item.get_url(request) for item in translations
            },
            "theme": theme_for(page),
            # A translation's address changes with its own ancestors' slugs.
            "tags": {tag for item in translations for tag in tree_tags(item)},
        }

    return chrome_cache.for_page(request, page, build)


def _link_url(page, request):
    """The page's address, worked out once (the chrome keeps it)."""
    url = page.__dict__.get("link_url")
    if url is None:
        url = page.link_url = page.get_url(request)
    return url


def full_url(page, request):
    """``page.get_full_url(request)``, once per page and request (the canonical link and the
    share tags both show it). ``page.full_url`` and ``page.url`` in a template pass no request:
    each asks the cache for the sites' root paths again."""
    notes = request.__dict__.setdefault("_full_urls", {}) if request is not None else {}
    if page.pk not in notes:
        notes[page.pk] = page.get_full_url(request)
    return notes[page.pk]


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """The shown page's full address, or None (not a page, or not on a site)."""
    page = context.get("page")
    if not isinstance(page, Page) or not page.pk:
        return None
    return full_url(page, context.get("request"))


@register.simple_tag(takes_context=True)
def breadcrumbs(context):
    part = _page_part(context)
    return part["crumbs"] if part is not None else []


@register.simple_tag(takes_context=True)
def language_links(context):
    """One link per site language: to this page's translation where there is one."""
    request = context["request"]
    page = context.get("page")
    current = translation.get_language()
    part = _page_part(context)
    by_language = part["translations"] if part is not None else {}
    homes = _chrome(request)["homes"]
    links = []
    for code, name in settings.LANGUAGES:
        if homes and code not in homes and code != current:
            continue  # this site has no pages in that language (yet)
        target = by_language.get(code)  # the translation's address
        if target is not None:
            url = target
        elif isinstance(page, Page) and code in homes:
            url = _link_url(homes[code], request)
        else:
            url = translate_url(request.get_full_path(), code)
        links.append(
            {
                "code": code,
                "name": name,
                "url": url,
                "is_current": code == current,
                "is_translation": target is not None or not isinstance(page, Page),
            }
        )
    return links


@register.simple_tag(takes_context=True)
def site_settings(context):
    settings_obj = _chrome(context["request"])["settings"]
    return settings_obj if settings_obj is not None else SiteSettings()


@register.simple_tag(takes_context=True)
def helplines(context):
    return _chrome(context["request"])["helplines"]


@register.simple_tag(takes_context=True)
def footer_pages(context):
    """Privacy and accessibility pages in the visitor's language."""
    return _chrome(context["request"])["footer_pages"]


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    """``url`` on the page's site (its configured address, not whatever host was asked for).

    An absolute ``url`` (media on a CDN, another site) is returned as it is.
    """
    request = context["request"]
    site = _site(request)
    if site is None or "://" in url or url.startswith("//"):
        return request.build_absolute_uri(url)
    return urljoin(site.root_url + "/", url)


@register.filter
def alt_text(image):
    """The image's alt text in the active language ("" for decorative images)."""
    if image is None:
        return ""
    return image.alt_text_for(translation.get_language())


@register.simple_tag(takes_context=True)
def localized_links(context, links):
    """The links of a link list, with page links in the visitor's language (one query)."""
    request = context["request"]
    pages = localize_all([link["page"] for link in links if link["page"]], active_locale(request))
    by_key = {page.translation_key: page for page in pages}
    return [
        {**dict(link), "page": by_key.get(link["page"].translation_key) if link["page"] else None}
        for link in links
    ]


@register.simple_tag(takes_context=True)
def page_panels(context, page):
    """What higher apps add to this page (``core.panels``), e.g. places that offer an activity."""
    return render_panels(context, page)


@register.simple_tag(takes_context=True)
def page_theme(context):
    """The look of the section the page belongs to (core.themes), or None."""
    part = _page_part(context)
    if part is not None:
        return part["theme"]
    return theme_for(context.get("page"))
