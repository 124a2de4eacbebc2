"""The colour presets pass WCAG AA by computation, and the stylesheet declares exactly them."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from campaigns.themes import (
    AA_NON_TEXT,
    AA_TEXT,
    CAMPAIGN_THEMES,
    DEFAULT_THEME,
    STYLESHEET,
    THEME_CHOICES,
    contrast_ratio,
    get_theme,
    page_theme_for,
    relative_luminance,
)
from core.themes import PageTheme

CAMPAIGN_CSS = Path(settings.BASE_DIR) / "campaigns" / "static" / STYLESHEET
FOCUS_CSS = Path(settings.BASE_DIR) / "core" / "static" / "core" / "css" / "focus.css"


def preset_rules(css: str) -> dict[str, dict[str, str]]:
    """``{key: {custom property: colour}}`` for every ``.campaign-theme--<key> {...}`` rule."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    rules: dict[str, dict[str, str]] = {}
    for key, body in re.findall(r"\.campaign-theme--([a-z0-9-]+)\s*\{([^}]*)\}", css):
        declarations = rules.setdefault(key, {})
        for name, value in re.findall(r"(--[a-z0-9-]+)\s*:\s*([^;]+);", body):
            declarations[name] = value.strip().lower()
    return rules


def test_contrast_formula_matches_known_values():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1.0)
    # Values from the WCAG examples / WebAIM's checker.
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio("#8a1c53", "#ffffff") == pytest.approx(8.85, abs=0.01)
    assert contrast_ratio("#fff", "#000") == contrast_ratio("#000", "#fff")
    assert relative_luminance("#808080") == pytest.approx(0.2159, abs=0.0001)


@pytest.mark.parametrize("theme", CAMPAIGN_THEMES, ids=lambda theme: theme.key)
def test_every_pair_of_a_preset_passes_wcag_aa(theme):
    failures = [
        f"{what}: {fg} on {bg} is {contrast_ratio(fg, bg):.2f}:1, needs {minimum}:1"
        for what, fg, bg, minimum in theme.contrast_pairs()
        if contrast_ratio(fg, bg) < minimum
    ]
    assert not failures, failures
    minimums = {minimum for *_rest, minimum in theme.contrast_pairs()}
    assert minimums == {AA_TEXT, AA_NON_TEXT}


def test_the_sites_focus_ring_shows_on_every_accent():
    """focus.css draws a dark outline inside a yellow halo: one of the two must stand out."""
    css = FOCUS_CSS.read_text()
    outline = re.search(r"outline:\s*3px solid var\(--site-text,\s*(#[0-9a-fA-F]{3,6})\)", css)
    halo = re.search(r"box-shadow:\s*0 0 0 6px var\(--site-focus,\s*(#[0-9a-fA-F]{3,6})\)", css)
    assert outline and halo, "focus.css changed: update this test"
    for theme in CAMPAIGN_THEMES:
        best = max(
            contrast_ratio(outline.group(1), theme.accent),
            contrast_ratio(halo.group(1), theme.accent),
        )
        assert best >= AA_NON_TEXT, theme.key


def test_stylesheet_declares_exactly_the_preset_colours():
    rules = preset_rules(CAMPAIGN_CSS.read_text())
    assert set(rules) == {theme.key for theme in CAMPAIGN_THEMES}
    for theme in CAMPAIGN_THEMES:
        assert rules[theme.key] == theme.colours(), theme.key


def test_stylesheet_parser_catches_an_edited_colour():
    css = CAMPAIGN_CSS.read_text().replace(
        "--campaign-on-accent: #ffffff;", "--campaign-on-accent: #f9a03f;", 1
    )
    rules = preset_rules(css)
    edited = next(
        key for key, declared in rules.items() if declared["--campaign-on-accent"] == "#f9a03f"
    )
    theme = get_theme(edited)
    assert rules[edited] != theme.colours()
    assert (
        contrast_ratio(rules[edited]["--campaign-on-accent"], rules[edited]["--campaign-accent"])
        < AA_TEXT
    )


def test_choices_and_default():
    keys = [key for key, _label in THEME_CHOICES]
    assert 5 <= len(keys) <= 6
    assert len(set(keys)) == len(keys)
    assert DEFAULT_THEME in keys
    assert get_theme("bestaat-niet").key == DEFAULT_THEME
    assert get_theme(None).key == DEFAULT_THEME


def test_page_theme_for_a_campaign_page():
    class Campaign:
        pk = 7
        title = "Samen is leuker 2026"
        theme = "groen"
        logo = None

        def get_url(self):
            return "/nl/samen-is-leuker/"

    theme = page_theme_for(Campaign())
    assert isinstance(theme, PageTheme)
    assert theme.css_class == "campaign-theme campaign-theme--groen"
    assert theme.stylesheet == "campaigns/css/campaign.css"
    assert theme.name == "Samen is leuker 2026"
    assert theme.url == "/nl/samen-is-leuker/"
    assert theme.logo is None

    class Unsaved(Campaign):
        pk = None
        theme = "bestaat-niet"

    unsaved = page_theme_for(Unsaved())
    assert unsaved.url == ""
    assert unsaved.css_class == f"campaign-theme campaign-theme--{DEFAULT_THEME}"
