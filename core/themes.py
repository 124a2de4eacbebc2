"""Sections of the site with a look of their own (a campaign and the pages below it).

``base.html`` may use only what core offers, so it cannot ask the campaigns app for a page's
look. The app that owns such sections registers a provider in ``AppConfig.ready()``; the
``page_theme`` tag asks each provider in turn and the first answer wins::

    # campaigns/apps.py
    register_theme_provider(theme_of_page)

A provider takes a page (or None) and returns a ``PageTheme`` or None.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

_providers: list[Callable[[Any], PageTheme | None]] = []


@dataclass(frozen=True)
class PageTheme:
    """What ``base.html`` needs to dress a page in its section's look."""

    css_class: str  # added to <body>, e.g. "campaign-theme campaign-theme--teal"
    stylesheet: str = ""  # a static path, e.g. "campaigns/css/campaign.css"
    name: str = ""  # the section's name, shown beside its logo
    url: str = ""  # the section's first page
    logo: Any = None  # a Wagtail image, or None
    extra: dict = field(default_factory=dict)


def register_theme_provider(provider: Callable[[Any], PageTheme | None]) -> None:
    if provider not in _providers:
        _providers.append(provider)


def theme_for(page) -> PageTheme | None:
    """The look of the section ``page`` belongs to, or None for the site's own look."""
    if page is None:
        return None
    for provider in _providers:
        theme = provider(page)
        if theme is not None:
            return theme
    return None
