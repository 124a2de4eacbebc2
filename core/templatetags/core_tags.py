"""Navigation, breadcrumbs, language switcher, helplines, image alt text and page panels."""

from urllib.parse import urljoin

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Page, Site

from core.i18n import active_locale, localize_all
from core.models import SiteSettings
from core.panels import render_panels

register = template.Library()


def _site(request):
    return Site.find_for_request(request)  # cached on the request by Wagtail


def _home(request):
    """The site's home page in the active language (the request's site, never the first one)."""
    if not hasattr(request, "_localized_home"):
        site = _site(request)
        home = None
        if site is not None:
            home = localize_all([site.root_page], active_locale(request))[0]
        request._localized_home = home
    return request._localized_home


@register.simple_tag(takes_context=True)
def site_home(context):
    return _home(context["request"])


def _specific_home(context):
    """The home page as its own model (a ``HomePage``), once per request.

    Core imports no domain app, so it asks the home page by name for what only that model
    knows (``menu_choices``, ``target``); a site whose root is another page type answers
    nothing and gets the plain defaults.
    """
    request = context["request"]
    if not hasattr(request, "_specific_home"):
        home = _home(request)
        page = context.get("page")
        if home is not None and isinstance(page, Page) and page.pk == home.pk:
            home = page  # the home page itself is being shown: no extra query
        request._specific_home = home.specific if home is not None else None
    return request._specific_home


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The home page's children marked "in menu", with the short names and order it gives.

    Each item gets ``menu_label``: the short name residents understand ("Plekken in de
    buurt"), or the page title. The page keeps its title (the professional term) as heading.
    """
    request = context["request"]
    home = _home(request)
    if home is None:
        return []
    current = context.get("page")
    current_path = getattr(current, "path", "")
    items = list(home.get_children().live().public().in_menu().only("title", "url_path", "path"))
    offer = getattr(_specific_home(context), "menu_choices", None)
    choices = offer() if offer is not None else []
    order = {page_id: index for index, (page_id, _label) in reversed(list(enumerate(choices)))}
    labels = {page_id: label for page_id, label in reversed(choices) if label}
    for item in items:
        item.is_active = bool(current_path) and current_path.startswith(item.path)
        item.is_current = current_path == item.path
        item.menu_label = labels.get(item.pk) or item.title
    items.sort(key=lambda item: order.get(item.pk, len(order)))  # stable: the rest in tree order
    return items


@register.simple_tag(takes_context=True)
def home_target(context, name):
    """A page the site's home page leads to by ``name``, e.g. "submission" (Activiteit aanmelden).

    The home page's model decides (an editor's choice, else the first live page of that type);
    None when the site's root page offers no such target.
    """
    target = getattr(_specific_home(context), "target", None)
    if target is None:
        return None
    return target(name, context["request"])


@register.simple_tag(takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    request = context["request"]
    home = _home(request)
    if not isinstance(page, Page) or home is None or page.depth <= home.depth:
        return []
    return list(page.get_ancestors().filter(depth__gte=home.depth).live().only("title", "url_path"))


@register.simple_tag(takes_context=True)
def language_links(context):
    """One link per site language: to this page's translation where there is one."""
    request = context["request"]
    page = context.get("page")
    current = translation.get_language()
    by_language = {}
    if isinstance(page, Page) and page.pk:
        for translated in page.get_translations(inclusive=True).live().select_related("locale"):
            by_language[translated.locale.language_code] = translated
    homes = {}
    site = _site(request)
    if site is not None:
        for home in site.root_page.get_translations(inclusive=True).live().select_related("locale"):
            homes[home.locale.language_code] = home
    links = []
    for code, name in settings.LANGUAGES:
        if homes and code not in homes and code != current:
            continue  # this site has no pages in that language (yet)
        target = by_language.get(code)
        if target is not None:
            url = target.get_url(request)
        elif isinstance(page, Page) and code in homes:
            url = homes[code].get_url(request)
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
    request = context["request"]
    if _site(request) is None:  # e.g. an unknown host and no default site: still render
        return SiteSettings()
    return SiteSettings.for_request(request)  # cached on the request by Wagtail


@register.simple_tag(takes_context=True)
def helplines(context):
    request = context["request"]
    settings_obj = site_settings(context)
    if settings_obj.pk is None:
        return []
    items = [item.helpline for item in settings_obj.helplines.select_related("helpline")]
    return localize_all(items, active_locale(request))


@register.simple_tag(takes_context=True)
def footer_pages(context):
    """Privacy and accessibility pages in the visitor's language."""
    request = context["request"]
    settings_obj = site_settings(context)
    pages = [
        page
        for page in (settings_obj.privacy_page, settings_obj.accessibility_page)
        if page is not None
    ]
    return localize_all(pages, active_locale(request))


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
    from ..themes import theme_for

    return theme_for(context.get("page"))
