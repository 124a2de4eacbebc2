from .pages import BasePage, SocialMediaMixin
from .site import Helpline, SiteHelpline, SiteSettings
from .taxonomy import ApproachPart, Organisation, TargetGroup

__all__ = [
    "ApproachPart",
    "BasePage",
    "Helpline",
    "Organisation",
    "SiteHelpline",
    "SiteSettings",
    "SocialMediaMixin",
    "TargetGroup",
]
