"""On a step or part page of the knowledge section: the koplopers that illustrate it."""

from django import template
from django.db.models import Q
from django.db.models.functions import Lower

from core.models import ApproachPart, PlanStep, public_pages

from ..models import KoploperPage

register = template.Library()


@register.inclusion_tag("koplopers/tags/illustrating.html", takes_context=True)
def koplopers_illustrating(context, page):
    """Koplopers tagged with the step or part this page explains (in any language)."""
    pages = page.get_translations(inclusive=True).values("pk")
    steps = PlanStep.objects.filter(page__in=pages).values("slug")
    parts = ApproachPart.objects.filter(page__in=pages).values("slug")
    koplopers = (
        public_pages(KoploperPage.objects.live(), context.get("request"))
        .filter(Q(steps__slug__in=steps) | Q(approach_parts__slug__in=parts))
        .select_related("municipality")
        .distinct()
        .order_by(Lower("municipality__name"))
    )
    return {"request": context["request"], "koplopers": list(koplopers)}
