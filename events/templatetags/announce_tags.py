"""Where to announce an activity: the live form under an agenda, for pages that link to it."""

from django import template

from core.models import public_pages

from ..models import EventSubmissionPage

register = template.Library()


@register.simple_tag(takes_context=True)
def announcement_page(context, page):
    """The live, public ``EventSubmissionPage`` beside ``page`` (under the same agenda), or None.

    The edition page and the form are both children of the agenda: one query.
    """
    parent_path = page.path[: -page.steplen] if page.depth > 1 else None
    if parent_path is None:
        return None
    return (
        public_pages(EventSubmissionPage.objects.live(), context.get("request"))
        .filter(path__startswith=parent_path, depth=page.depth)
        .order_by("path")
        .first()
    )
