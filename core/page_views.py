"""Page views: the functions a page model's routes and context call, registered by its app.

Routes call views, and views import models, never the other way round (CONVENTIONS.md,
"Learned on our own code"). So a page model does not import its app's views, not even
inside a method: a route looks its view up here by name, and the app registers its views
in ``AppConfig.ready()``, when every model is loaded::

    # events/apps.py
    register_page_views("events.EventIndexPage", list=views.event_list, ical=calendar.feed)

    # events/models/pages.py
    class EventIndexPage(RoutablePageMixin, BasePage):
        feed_route = path("ical/")(page_route("ical"))

A view registered for a model serves its subclasses too; registering a name again replaces
it. A name nobody registered is a programming error and fails loudly.
"""

from __future__ import annotations

from collections.abc import Callable

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from wagtail.models import Page

_views: dict[type[Page], dict[str, Callable]] = {}


def _model(model_or_label: type[Page] | str) -> type[Page]:
    model = apps.get_model(model_or_label) if isinstance(model_or_label, str) else model_or_label
    if not (isinstance(model, type) and issubclass(model, Page)):
        raise TypeError(f"Page views are for page models, not {model_or_label!r}.")
    return model


def register_page_views(model: type[Page] | str, **views: Callable) -> None:
    """Register ``views`` (name=callable) for pages of ``model`` (class or "app.Model")."""
    _views.setdefault(_model(model), {}).update(views)


def page_view(page: Page, name: str) -> Callable:
    """The view registered as ``name`` for the type of ``page`` or one of its base classes."""
    for cls in type(page).__mro__:
        view = _views.get(cls, {}).get(name)
        if view is not None:
            return view
    raise ImproperlyConfigured(
        f"No page view {name!r} is registered for {type(page).__name__}: register it with "
        "core.page_views.register_page_views() in its app's AppConfig.ready()."
    )


def page_route(name: str) -> Callable:
    """A route method that only calls the view registered as ``name``::

    feed_route = path("ical/")(page_route("ical"))
    """

    def route(page, request, *args, **kwargs):
        return page_view(page, name)(page, request, *args, **kwargs)

    route.__name__ = route.__qualname__ = f"{name}_route"
    return route
