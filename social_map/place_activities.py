"""The activities a place offers, as its page lists them (``PlacePage.related_activities``).

A published place reads them with SQL compiled once per set of private sections
(``activities.terms.prepared_rows``): on a page this small, building the query cost more than
running it. A preview's relations are in memory (modelcluster) and are used as they are.
"""

from wagtail.models import Page

from activities.page_urls import sibling_urls
from activities.terms import build, in_memory, prepared_rows
from core.models import live_public_pages, public_pages, view_restrictions

_FIELDS = ("title", "url_path", "locale_id")


def related_activities(place, request) -> list:
    """The live, public activities of ``place`` in tree order, each with its ``card_url``."""
    if in_memory(place, "activities"):
        activities = list(live_public_pages(place.activities, request).only(*_FIELDS))
    else:
        field = place._meta.get_field("activities")
        model, through = field.related_model, field.remote_field.through
        private = tuple((item.page.path, item.page.depth) for item in view_restrictions(request))

        def query(page_id):
            linked = through.objects.filter(placepage_id=page_id).values("activitypage_id")
            # ``wagtailcore_page`` alone holds what is shown: no join with the activities.
            pages = public_pages(Page.objects.filter(pk__in=linked).live(), request)
            return pages.order_by("path").values_list("pk", *_FIELDS)

        rows = prepared_rows(("place_activities", private), query, place.pk)
        activities = [
            build(model, {"id": pk, "page_ptr_id": pk, **dict(zip(_FIELDS, values, strict=True))})
            for pk, *values in rows
        ]
    for activity, url in zip(activities, sibling_urls(activities, request), strict=True):
        activity.card_url = url
    return activities
