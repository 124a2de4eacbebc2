"""Wagtail hook: note what a served page depends on, for the page cache middleware."""

from django.utils import timezone
from wagtail import hooks
from wagtail.models import Site

from .purge import tree_tags
from .record import expire_request_at, state, tag_request
from .registry import expires_at, tags_for_page
from .tags import page_tag, site_tag


@hooks.register("before_serve_page")
def note_served_page(page, request, serve_args, serve_kwargs):
    site = Site.find_for_request(request)  # cached on the request by Wagtail's serve view
    listed = tags_for_page(page)
    tag_request(request, page_tag(page.pk), *tree_tags(page), *listed)
    if site is not None:
        tag_request(request, site_tag(site.pk))
    expires = expires_at(page, request)
    expire_request_at(request, expires)
    # A list or a clock changes the page without a publish of its own: then the render's
    # time is when it last changed (a client asking "modified since" must not get a 304).
    changes_alone = bool(listed) or expires is not None
    state(request)["last_modified"] = timezone.now() if changes_alone else page.last_published_at
