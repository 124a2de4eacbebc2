"""The library's link to its profile guide: another page, so a shared fragment.

Read with the list's cards in one cache read (``ActivityFilter.evaluate``'s ``extra``), so a
page-cache miss of the library pays no query for it. A guide published, unpublished, renamed
or moved purges its type's tag and the library's page tag (its ancestor); a section made
private the lists' tag.
"""

from django.utils.html import format_html
from django.utils.translation import gettext
from wagtail.models import Page

from core.page_cache import Fragment, model_tag, page_card_tags

from .terms import build, prepared_rows

GUIDE_FIELDS = ("title", "url_path", "locale_id")  # what the link needs of the guide


def first_guide(index_page, guide_model):
    """The first live guide below ``index_page`` (a narrow ``Page``: title and address), or
    None; its SQL compiled once per library (``prepared_rows``)."""

    def query():
        return (
            index_page.get_children()
            .type(guide_model)
            .live()
            .order_by("path")
            .values_list("pk", *GUIDE_FIELDS)[:1]
        )

    key = ("profile_guide", index_page.path, index_page.depth)
    for pk, *values in prepared_rows(key, query):
        return build(Page, {"id": pk, **dict(zip(GUIDE_FIELDS, values, strict=True))})
    return None


def guide_link(index_page, request, guide_model):
    """The link's fragment: its HTML is empty when the library has no live guide."""

    def render():
        guide = first_guide(index_page, guide_model)
        if guide is None:
            return ""
        return format_html(
            '<p><a href="{}">{}</a></p>',
            guide.get_url(request),
            gettext("Weet u niet waar u moet beginnen? Gebruik de profielwijzer."),
        )

    return Fragment(
        "activities:guide-link",
        parts=(index_page.pk, index_page.path),
        render=render,
        tags=page_card_tags(index_page) | {model_tag(guide_model)},
    )
