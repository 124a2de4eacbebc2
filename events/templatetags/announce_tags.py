"""Where to announce an activity: the live form under an agenda, for pages that link to it."""

from django import template

from ..models import EventSubmissionPage

register = template.Library()


@register.simple_tag
def announcement_page(page):
    """The live, public ``EventSubmissionPage`` beside ``page`` (under the same agenda), or None.

    The edition page and the form are both children of the agenda: one query.
    """
    parent_path = page.path[: -page.steplen] if page.depth > 1 else None
    if parent_path is None:
        return None
    return (
        EventSubmissionPage.objects.live()
        .public()
        .filter(path__startswith=parent_path, depth=page.depth)
        .order_by("path")
        .first()
    )
