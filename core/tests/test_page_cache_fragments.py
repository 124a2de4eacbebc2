"""Fragments shared by many pages (core.page_cache.fragments): kept, dropped, expired."""

import datetime as dt

import time_machine
from django.test import RequestFactory
from django.utils import timezone

from core.page_cache import Fragment, purge_tags, render_many, render_one
from core.page_cache.record import state
from core.page_cache.tags import LISTS


class Renderer:
    """Counts renders; the HTML says which render made it."""

    def __init__(self, name="card"):
        self.name = name
        self.calls = 0

    def __call__(self):
        self.calls += 1
        return f"<p>{self.name} {self.calls}</p>"


def request():
    return RequestFactory().get("/nl/agenda/")


def test_a_fragment_is_rendered_once_and_then_read_from_the_cache(fragments_on):
    render = Renderer()
    first = render_one(request(), Fragment("test:card", (1, "v1"), render, {"page:1"}))
    second = render_one(request(), Fragment("test:card", (1, "v1"), render, {"page:1"}))
    assert first == second == "<p>card 1</p>"
    assert render.calls == 1


def test_other_parts_are_another_fragment(fragments_on):
    """A page published again has another version in its parts: no purge needed."""
    render = Renderer()
    render_one(request(), Fragment("test:card", (1, "v1"), render))
    assert render_one(request(), Fragment("test:card", (1, "v2"), render)) == "<p>card 2</p>"


def test_a_purged_tag_drops_the_fragment(fragments_on):
    render = Renderer()
    render_one(request(), Fragment("test:card", (1,), render, {LISTS}))
    purge_tags(LISTS)
    assert render_one(request(), Fragment("test:card", (1,), render, {LISTS})) == "<p>card 2</p>"


def test_a_purge_while_rendering_keeps_the_render_out_of_the_cache(fragments_on):
    render = Renderer()

    def render_then_purge():
        html = render()
        purge_tags("page:7")  # an editor published while this render read the old rows
        return html

    render_one(request(), Fragment("test:card", (7,), render_then_purge, {"page:7"}))
    render_one(request(), Fragment("test:card", (7,), render, {"page:7"}))
    assert render.calls == 2


def test_a_fragment_expires_when_the_clock_changes_it(fragments_on):
    now = timezone.now()
    render = Renderer()
    moment = now + dt.timedelta(minutes=5)
    with time_machine.travel(now, tick=False):
        render_one(request(), Fragment("test:soon", (), render, expires=moment))
        render_one(request(), Fragment("test:soon", (), render, expires=moment))
        assert render.calls == 1
    with time_machine.travel(moment, tick=False):
        render_one(request(), Fragment("test:soon", (), render, expires=moment))
    assert render.calls == 2


def test_many_fragments_come_in_order_and_only_misses_are_rendered(fragments_on):
    renders = [Renderer(f"card{i}") for i in range(4)]
    render_many(request(), [Fragment("test:card", (i,), renders[i]) for i in (0, 1)])
    html = render_many(request(), [Fragment("test:card", (i,), renders[i]) for i in range(4)])
    assert html == ["<p>card0 1</p>", "<p>card1 1</p>", "<p>card2 1</p>", "<p>card3 1</p>"]
    assert [r.calls for r in renders] == [1, 1, 1, 1]


def test_the_page_that_shows_a_fragment_depends_on_its_tags_and_clock(fragments_on):
    req = request()
    moment = timezone.now() + dt.timedelta(hours=1)
    tags = {"page:3", "tree:00010002", LISTS}
    render_one(req, Fragment("test:card", (3,), Renderer(), tags, expires=moment))
    render_one(req, Fragment("test:card", (3,), Renderer(), tags, expires=moment))
    assert {"tree:00010002", LISTS} <= state(req)["tags"]
    assert state(req)["expires"] == moment
    # The card's own page: its type's tag (declared by the list) is purged with it.
    assert "page:3" not in state(req)["tags"]


def test_off_with_the_page_cache_off(settings):
    settings.PAGE_CACHE_SECONDS = 0
    render = Renderer()
    render_one(request(), Fragment("test:card", (1,), render))
    render_one(request(), Fragment("test:card", (1,), render))
    assert render.calls == 2


def test_the_language_is_part_of_the_key(fragments_on):
    from django.utils import translation

    render = Renderer()
    with translation.override("nl"):
        render_one(request(), Fragment("test:card", (1,), render))
    with translation.override("en"):
        render_one(request(), Fragment("test:card", (1,), render))
    assert render.calls == 2


def test_an_expiry_known_only_after_rendering_reaches_every_page_that_shows_it(fragments_on):
    """The agenda's "binnenkort" knows when it goes stale only once its dates are read."""
    moment = timezone.now() + dt.timedelta(hours=2)

    def fragment():
        made = Fragment("test:soon", (), None)

        def render():
            made.expires = moment
            return "<p>soon</p>"

        made.render = render
        return made

    first, second = request(), request()
    render_one(first, fragment())
    render_one(second, fragment())  # from the cache
    assert state(first)["expires"] == state(second)["expires"] == moment


def test_a_purge_after_the_request_began_keeps_its_cards_out_of_the_cache(fragments_on):
    """A list reads a term's name, an editor renames the term, then the card renders with the
    name read before: the card must not be kept (the request's start counts, not the render's)."""
    import time

    render = Renderer()
    req = request()
    req._page_cache_started_ns = time.time_ns()  # as PageCacheMiddleware notes it
    purge_tags(LISTS)  # the rename, after the list read the old name
    render_one(req, Fragment("test:card", (5,), render, {LISTS}))
    render_one(request(), Fragment("test:card", (5,), render, {LISTS}))
    assert render.calls == 2
