from .pages import BasePage, SocialMediaMixin
from .site import Helpline, SiteHelpline, SiteSettings
from .taxonomy import (
    AccessibilityFeature,
    ApproachPart,
    Municipality,
    Organisation,
    TargetGroup,
)

__all__ = [
    "AccessibilityFeature",
    "Municipality",
    "ApproachPart",
    "BasePage",
    "Helpline",
    "Organisation",
    "SiteHelpline",
    "SiteSettings",
    "SocialMediaMixin",
    "TargetGroup",
]
