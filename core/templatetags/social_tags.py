"""What a page shows when someone shares it: Open Graph and Twitter card meta.

Each value falls back step by step, so a page an editor never prepared for sharing still gives
a decent preview in a chat app:

- title: the SEO title, else the page title;
- description: the search description, else the page's intro or summary (plain text, cut on a
  word), else the site's description (``SiteSettings.description``, when the site has one);
- image: the social image, else the page's own image (``image``, ``hero_image``, ``photo``, or
  the image of the first ``hero`` block in its ``body``), else the site's share image
  (``SiteSettings.share_image``, when the site has one), else none;
- type: ``article`` for a page with a ``date`` (news), ``website`` for every other page.

Core imports no other app: the page's fields are looked up by name (duck typing), so a page
type that has them gets them used, and one that lacks them simply falls through.
"""

import html
import re

from django import template
from django.conf import settings
from django.utils import translation
from django.utils.html import strip_tags
from wagtail.images.models import SourceImageIOError
from wagtail.models import Page

from .core_tags import absolute_url, full_url, site_settings

register = template.Library()

# Sizes Facebook, LinkedIn, WhatsApp and X all show large without cropping much.
RENDITION_SPEC = "fill-1200x630"
DESCRIPTION_LENGTH = 200

# Field names a page's intro or summary goes by, tried in this order.
INTRO_FIELDS = ("intro", "summary", "hero_intro", "excerpt")
# Field names a page's own picture goes by, tried in this order.
IMAGE_FIELDS = ("image", "hero_image", "photo")
# The StreamField and block type whose image stands for the page (a campaign's hero).
BODY_FIELD = "body"
HERO_BLOCK = "hero"

# Open Graph wants a territory with the language; these are the site's readers.
OG_LOCALES = {"nl": "nl_NL", "en": "en_GB"}


def og_locale(language_code):
    code = (language_code or settings.LANGUAGE_CODE).split("-")[0].lower()
    return OG_LOCALES.get(code, code)


def plain_text(value, length=DESCRIPTION_LENGTH):
    """``value`` (text or rich-text HTML) as one line of plain text of at most ``length``.

    A longer text is cut after the last whole word that fits and ends with an ellipsis.
    """
    text = str(value or "")
    # Block ends become spaces, so "<p>Eén.</p><p>Twee.</p>" reads "Eén. Twee.".
    text = re.sub(r"(?i)</(p|li|h[1-6]|div|blockquote)>|<br\s*/?>", " ", text)
    text = " ".join(html.unescape(strip_tags(text)).split())
    if len(text) <= length:
        return text
    cut = text[: length - 1]
    if text[length - 1] != " " and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:-–—.") + "…"


def page_description(page):
    """The search description, else the page's intro/summary as plain text, else ""."""
    description = (getattr(page, "search_description", "") or "").strip()
    if description:
        return description
    for name in INTRO_FIELDS:
        text = plain_text(getattr(page, name, ""))
        if text:
            return text
    return ""


def _hero_image(page):
    """The image of the first ``hero`` block in the page's ``body``, if it has one.

    Only that block is turned into Python (its image fetched); the rest of the body is not.
    """
    body = getattr(page, BODY_FIELD, None)
    raw_data = getattr(body, "raw_data", None)
    if raw_data is None:
        return None
    for index, raw in enumerate(raw_data):
        if raw.get("type") == HERO_BLOCK:
            value = body[index].value
            getter = getattr(value, "get", None)
            return getter("image") if getter else getattr(value, "image", None)
    return None


def page_image(page):
    """The social image, else the page's own image, else None."""
    image = getattr(page, "social_image", None)
    if image is not None:
        return image
    for name in IMAGE_FIELDS:
        image = getattr(page, name, None)
        if image is not None and hasattr(image, "get_rendition"):
            return image
    image = _hero_image(page)
    if image is not None and hasattr(image, "get_rendition"):
        return image
    return None


def page_date(page):
    """The date a page is about (a news item's), or None for pages that have no date."""
    return getattr(page, "date", None)


def image_alt(image):
    """The image's alt text in the active language; "" for a decorative image."""
    contextual = getattr(image, "contextual_alt_text", None)  # an ImageBlock's own alt text
    if contextual:
        return contextual
    alt_text_for = getattr(image, "alt_text_for", None)
    if alt_text_for is not None:
        return alt_text_for(translation.get_language())
    return getattr(image, "default_alt_text", "") or ""


def _alternate_locales(context, page, current):
    """The Open Graph locales of the page's other live translations."""
    languages = context.get("languages")  # base.html's language switcher: no extra query
    if languages is not None:
        codes = [
            item["code"]
            for item in languages
            if item.get("is_translation") and not item.get("is_current")
        ]
    elif isinstance(page, Page) and page.pk:
        codes = list(page.get_translations().live().values_list("locale__language_code", flat=True))
    else:
        codes = []
    return sorted({og_locale(code) for code in codes} - {current})


def share_rendition(image):
    """The 1200x630 rendition of ``image``, or None when there is no image or its file is gone.

    A missing file (media not restored after a move) must not take the page down: Wagtail's
    ``{% image %}`` tag shows a placeholder, here the page is shared without a picture.
    """
    if image is None:
        return None
    try:
        return image.get_rendition(RENDITION_SPEC)
    except SourceImageIOError:
        return None


@register.simple_tag(takes_context=True)
def social_meta(context, page=None):
    """Everything the share meta tags of ``page`` (else the context's page) need, or None."""
    page = page if page is not None else context.get("page")
    if page is None:
        return None
    site = site_settings(context)

    description = page_description(page) or (getattr(site, "description", "") or "").strip()

    image = page_image(page) or getattr(site, "share_image", None)
    rendition = share_rendition(image)
    if rendition is None:
        image = None

    date = page_date(page)
    language = og_locale(translation.get_language())
    return {
        "title": getattr(page, "seo_title", "") or page.title,
        "description": description,
        "url": full_url(page, context.get("request")),
        "type": "article" if date else "website",
        "published_time": date.isoformat() if date else "",
        "modified_time": (
            page.last_published_at.isoformat()
            if date and getattr(page, "last_published_at", None)
            else ""
        ),
        "site_name": site.organisation_name,
        "locale": language,
        "locale_alternates": _alternate_locales(context, page, language),
        "image": rendition,
        "image_url": absolute_url(context, rendition.url) if rendition else "",
        "image_alt": image_alt(image) if image is not None else "",
        "card": "summary_large_image" if rendition else "summary",
    }


@register.filter
def description_of(page):
    """The page's description for ``<meta name="description">``: as ``og:description``."""
    return page_description(page) if page is not None else ""
