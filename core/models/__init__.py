from .feedback import AcceptsFeedback, Correction, feedback_retention_days
from .imports import ImportRun
from .location import (
    COST_CHOICES,
    Location,
    VisitInformation,
    accessibility_field,
    cost_from_amount,
    format_euro,
    municipality_field,
)
from .pages import (
    BasePage,
    SocialMediaMixin,
    link_term_pages,
    live_public_pages,
    load_related,
    public_pages,
    view_restrictions,
)
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
    "COST_CHOICES",
    "AccessibilityFeature",
    "Location",
    "VisitInformation",
    "accessibility_field",
    "cost_from_amount",
    "feedback_retention_days",
    "format_euro",
    "municipality_field",
    "Municipality",
    "ApproachPart",
    "BasePage",
    "AcceptsFeedback",
    "Correction",
    "Helpline",
    "ImportRun",
    "Organisation",
    "PlanStep",
    "SiteHelpline",
    "SiteSettings",
    "SocialMediaMixin",
    "TargetGroup",
    "link_term_pages",
    "live_public_pages",
    "public_pages",
    "view_restrictions",
    "load_related",
]
