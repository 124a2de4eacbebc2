"""Buttons of the campaign blocks: a page, a site path or a web address, in the visitor's language."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from core.blocks import LinkAddressBlock
from core.i18n import active_locale, localize_all

# Rendition filters. ``fill`` crops around the image's focal point (set in the image editor);
# the hero is wide on large screens and taller on a phone.
HERO_WIDE = "fill-{960x400,1280x533,1920x800}-c50"
HERO_NARROW = "fill-{390x293,780x585}-c50"
THUMBNAIL = "max-320x320"
LOGO = "max-240x120"
PORTRAIT = "fill-160x160-c100"


def _request(parent_context):
    return (parent_context or {}).get("request")


class CampaignLinkBlock(blocks.StructBlock):
    """A button: a page on this site, a site path (/nl/agenda/aanmelden/) or a web address."""

    label = blocks.CharBlock(
        label=_("Tekst op de knop"),
        required=False,
        max_length=60,
        help_text=_("Kort en actief, bijvoorbeeld 'Doe mee' of 'Bekijk de activiteiten'."),
    )
    page = blocks.PageChooserBlock(
        label=_("Pagina op deze site"),
        required=False,
        help_text=_("Kies een pagina op deze site, óf vul hieronder een adres in."),
    )
    url = LinkAddressBlock(
        label=_("Adres"),
        required=False,
        max_length=500,
        help_text=_(
            "Een adres op deze site dat met / begint (bijvoorbeeld /nl/agenda/aanmelden/), "
            "of een webadres dat met https:// begint. Leeg laten als u een pagina kiest."
        ),
    )

    def __init__(self, *args, optional=False, **kwargs):
        self.optional = optional
        super().__init__(*args, **kwargs)

    class Meta:
        icon = "link"
        label = _("Knop")
        form_classname = "struct-block campaign-link-block"

    def clean(self, value):
        value = super().clean(value)
        label = (value.get("label") or "").strip()
        page, url = value.get("page"), (value.get("url") or "").strip()
        errors = {}
        if page and url:
            errors["url"] = ValidationError(
                _("U koos een pagina én vulde een adres in. Laat er één van leeg.")
            )
        # A draft (and Wagtail's autosave) may keep a half-filled button: what is missing is
        # only checked on publishing, as Wagtail does for required fields.
        if not self.is_deferred_validation:
            if not label and (page or url):
                errors["label"] = ValidationError(_("Vul de tekst op de knop in."))
            if label and not page and not url:
                errors["page"] = ValidationError(
                    _("Kies een pagina of vul een adres in: de knop gaat nu nergens heen.")
                )
            if not label and not page and not url and not self.optional:
                errors["label"] = ValidationError(
                    _("Vul de tekst op de knop in en kies een pagina of vul een adres in.")
                )
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value


def resolve_links(links, request=None):
    """Links as ``{"label", "href", "lang", "external"}``, pages in the visitor's language.

    All page links of the list cost one query at most (``localize_all``).
    """
    links = [link for link in links if link and (link.get("label") or "").strip()]
    pages = [link["page"] for link in links if link.get("page")]
    by_key = {}
    if pages:
        by_key = {
            page.translation_key: page for page in localize_all(pages, active_locale(request))
        }
    result = []
    for link in links:
        page, href, lang = link.get("page"), (link.get("url") or "").strip(), ""
        if page:
            page = by_key.get(page.translation_key)
            if page is None:  # not live: leave the button out rather than link to a 404
                continue
            href = page.get_url(request) or ""
            lang = getattr(page, "fallback_language", "") or ""
        if href:
            result.append(
                {
                    "label": link["label"],
                    "href": href,
                    "lang": lang,
                    "external": href.startswith(("http://", "https://")),
                }
            )
    return result
