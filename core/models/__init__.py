from .pages import BasePage, SocialMediaMixin, live_public_pages
from .site import Helpline, SiteHelpline, SiteSettings
from .taxonomy import (
    AccessibilityFeature,
    ApproachPart,
    Municipality,
    Organisation,
    PlanStep,
    TargetGroup,
)

__all__ = [
    "AccessibilityFeature",
    "Municipality",
    "ApproachPart",
    "BasePage",
    "Helpline",
    "Organisation",
    "PlanStep",
    "SiteHelpline",
    "SiteSettings",
    "SocialMediaMixin",
    "TargetGroup",
    "live_public_pages",
]
