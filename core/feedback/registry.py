"""Which pages have the feedback form, and where their organisation's e-mail is."""

from __future__ import annotations

from wagtail.models import Page

from ..models.feedback import FEEDBACK_SLUG, AcceptsFeedback


def feedback_enabled(page) -> bool:
    return isinstance(page, AcceptsFeedback)


def contact_paths(page) -> tuple[str, ...]:
    return tuple(getattr(page, "feedback_contacts", ()))


def feedback_url(page: Page | None, request=None) -> str:
    """The form's URL under ``page``, or "" where the page type has none."""
    if page is None or not feedback_enabled(page):
        return ""
    url = page.get_url(request)
    return f"{url.rstrip('/')}/{FEEDBACK_SLUG}/" if url else ""
