"""Accent colour presets for campaigns, each checked against WCAG 2.x AA by computation.

An editor picks a preset, never a free colour, so text contrast always passes. The colours
are declared once more in ``campaigns/static/campaigns/css/campaign.css`` (one class per
preset, ``.campaign-theme--<key>``); ``campaigns/tests/test_themes.py`` parses that file and
fails if it and this module disagree, or if any pair a preset uses falls below the ratio
WCAG asks for.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from core.themes import PageTheme

STYLESHEET = "campaigns/css/campaign.css"

# The site's own colours a preset is combined with (core/static/core/css/site.css).
WHITE = "#ffffff"
SITE_TEXT = "#1a1a1a"

# WCAG 2.x: 4.5:1 for text (1.4.3), 3:1 for large text, UI components and focus (1.4.11).
AA_TEXT = 4.5
AA_NON_TEXT = 3.0


@dataclass(frozen=True)
class CampaignTheme:
    """One preset. Every colour is a 6-digit hex string such as ``#8a1c53``."""

    key: str
    label: str  # Dutch, through gettext
    accent: str  # background of the hero panel and the call-to-action band
    on_accent: str  # text, links and button outlines on the accent
    link: str  # links and button backgrounds on white (button text is white)
    link_hover: str  # the same on hover: darker, still with white text
    surface: str  # light tint behind stories and cards (site text and links on it)
    focus: str  # focus outline on the accent (focus.css's halo colour goes around it)

    @property
    def css_class(self) -> str:
        return f"campaign-theme campaign-theme--{self.key}"

    def colours(self) -> dict[str, str]:
        """The custom properties the stylesheet declares for this preset."""
        return {
            "--campaign-accent": self.accent,
            "--campaign-on-accent": self.on_accent,
            "--campaign-link": self.link,
            "--campaign-link-hover": self.link_hover,
            "--campaign-surface": self.surface,
            "--campaign-focus": self.focus,
        }

    def contrast_pairs(self) -> list[tuple[str, str, str, float]]:
        """Every (what, foreground, background, minimum ratio) this preset puts on screen."""
        return [
            ("tekst op de accentkleur", self.on_accent, self.accent, AA_TEXT),
            ("links en knoppen op wit", self.link, WHITE, AA_TEXT),
            ("witte tekst op een knop", WHITE, self.link, AA_TEXT),
            ("witte tekst op een knop (hover)", WHITE, self.link_hover, AA_TEXT),
            ("links op wit (hover)", self.link_hover, WHITE, AA_TEXT),
            ("tekst op de lichte tint", SITE_TEXT, self.surface, AA_TEXT),
            ("links op de lichte tint", self.link, self.surface, AA_TEXT),
            ("knop op de accentkleur (rand)", self.on_accent, self.accent, AA_NON_TEXT),
            ("focusrand op de accentkleur", self.focus, self.accent, AA_NON_TEXT),
        ]


CAMPAIGN_THEMES: tuple[CampaignTheme, ...] = (
    CampaignTheme(
        key="paars",
        label=_("Paars (de kleur van de site)"),
        accent="#8a1c53",
        on_accent=WHITE,
        link="#8a1c53",
        link_hover="#5c1237",
        surface="#f6f2ee",
        focus="#ffbf47",
    ),
    CampaignTheme(
        key="blauwgroen",
        label=_("Blauwgroen"),
        accent="#00646e",
        on_accent=WHITE,
        link="#00646e",
        link_hover="#004f57",
        surface="#e6f2f3",
        focus="#ffbf47",
    ),
    CampaignTheme(
        key="blauw",
        label=_("Blauw"),
        accent="#1f5f8b",
        on_accent=WHITE,
        link="#1f5f8b",
        link_hover="#174f77",
        surface="#eef5fb",
        focus="#ffbf47",
    ),
    CampaignTheme(
        key="groen",
        label=_("Groen"),
        accent="#2d6a3e",
        on_accent=WHITE,
        link="#2d6a3e",
        link_hover="#1f4a2b",
        surface="#f0f7f1",
        focus="#ffbf47",
    ),
    CampaignTheme(
        key="oranje",
        label=_("Oranje (met donkere tekst)"),
        accent="#f9a03f",
        on_accent=SITE_TEXT,
        link="#a34700",
        link_hover="#7a3500",
        surface="#fff4e6",
        focus=SITE_TEXT,
    ),
    CampaignTheme(
        key="geel",
        label=_("Geel (met donkere tekst)"),
        accent="#ffd23f",
        on_accent=SITE_TEXT,
        link="#7a5a00",
        link_hover="#5c4400",
        surface="#fff8dc",
        focus=SITE_TEXT,
    ),
)

THEMES_BY_KEY = {theme.key: theme for theme in CAMPAIGN_THEMES}
THEME_CHOICES = [(theme.key, theme.label) for theme in CAMPAIGN_THEMES]
DEFAULT_THEME = "paars"


def get_theme(key: str | None) -> CampaignTheme:
    """The preset with this key, or the default one for an unknown or empty key."""
    return THEMES_BY_KEY.get(key or "", THEMES_BY_KEY[DEFAULT_THEME])


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def parse_hex(colour: str) -> tuple[int, int, int]:
    """``#abc`` or ``#aabbcc`` as (r, g, b) from 0 to 255."""
    value = colour.strip().lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    if len(value) != 6:
        raise ValueError(f"Not a hex colour: {colour!r}")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def relative_luminance(colour: str) -> float:
    """WCAG 2.x relative luminance of an sRGB colour (0 for black, 1 for white)."""
    r, g, b = (_channel(c) for c in parse_hex(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(fg: str, bg: str) -> float:
    """WCAG 2.x contrast ratio of two colours, from 1 to 21 (order does not matter)."""
    lighter, darker = sorted((relative_luminance(fg), relative_luminance(bg)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


# The logo's rendition in the theme banner (core/includes/theme_banner.html).
BANNER_LOGO = "height-64"


def _with_banner_rendition(logo):
    """``logo`` with its banner rendition fetched now: the theme is kept in the chrome cache
    with the image, so a page rendered from that cache asks no rendition query for it."""
    if logo is not None and getattr(logo, "prefetched_renditions", None) is None and logo.pk:
        from django.db.models import Prefetch, prefetch_related_objects

        prefetch_related_objects(
            [logo],
            Prefetch(
                "renditions",
                queryset=logo.get_rendition_model().objects.filter(filter_spec=BANNER_LOGO),
                to_attr="prefetched_renditions",
            ),
        )
    return logo


def page_theme_for(campaign_page) -> PageTheme:
    """The look (core.themes.PageTheme) of a campaign and the pages below it.

    ``campaign_page`` has a ``theme`` (a preset key) and a ``logo`` (a Wagtail image or None).
    """
    theme = get_theme(getattr(campaign_page, "theme", None))
    # A page not yet saved in the tree (a first preview) has no URL.
    url = (campaign_page.get_url() or "") if campaign_page.pk else ""
    return PageTheme(
        css_class=theme.css_class,
        stylesheet=STYLESHEET,
        name=campaign_page.title,
        url=url,
        logo=_with_banner_rendition(getattr(campaign_page, "logo", None)),
        extra={"theme": theme.key},
    )
