"""Page panels: where a higher app adds a section to a lower app's page.

A lower app must not know the apps above it (see "Which way the imports run" in
CONVENTIONS.md): the activity library does not import the sociale kaart, and its template
does not load the sociale kaart's tag library either. So the lower template renders
``{% page_panels page %}`` (from ``core_tags``), and the higher app registers, in its
``AppConfig.ready()``, what it has to show there::

    register_panel("activities.ActivityPage", places_offering_panel)

A panel is a callable ``panel(page, request)`` that returns one of

* ``None``: nothing to show on this page;
* ``(template_name, context)``: the template is rendered with that context exactly as an
  inclusion tag renders its template (same engine, autoescaping and CSRF token), so moving
  an inclusion tag into a panel changes neither the HTML nor the queries;
* a string of HTML: escaped unless it is marked safe (``format_html``, ``mark_safe``).

Panels render in the order of ``order`` (lower first), then in the order they were
registered. A panel registered for a model shows on that model's subclasses too.

Why a small registry rather than a Wagtail hook (``hooks.register("...")`` and
``hooks.get_hooks``): a hook name is one global list, so every page render would filter all
panels of all page types itself, and ``get_hooks`` imports every app's ``wagtail_hooks``
module, admin views included, on the first visitor request. The registry is keyed by page
model (checked when registering, so a misspelt label fails at start-up, not silently),
keeps an explicit order, and is replaced, not duplicated, when ``ready()`` runs again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.http import HttpRequest
from django.template import Context
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Page

PanelResult = tuple[str, dict] | str | None
PanelCallable = Callable[[Page, HttpRequest | None], PanelResult]


@dataclass(frozen=True)
class Panel:
    model: type[Page]
    render: PanelCallable
    name: str
    order: int


_panels: list[Panel] = []


def _model(model_or_label: type[Page] | str) -> type[Page]:
    model = apps.get_model(model_or_label) if isinstance(model_or_label, str) else model_or_label
    if not (isinstance(model, type) and issubclass(model, Page)):
        raise TypeError(f"Page panels are for page models, not {model_or_label!r}.")
    return model


def register_panel(
    model: type[Page] | str,
    panel: PanelCallable,
    *,
    name: str | None = None,
    order: int = 0,
) -> Panel:
    """Show ``panel`` on pages of ``model`` (a class or an "app_label.ModelName" label).

    ``name`` (default: the callable's dotted path) identifies the panel: registering the same
    name again replaces it.
    """
    entry = Panel(
        model=_model(model),
        render=panel,
        name=name or f"{panel.__module__}.{panel.__qualname__}",
        order=order,
    )
    unregister_panel(entry.name)
    _panels.append(entry)
    return entry


def unregister_panel(name: str) -> None:
    _panels[:] = [entry for entry in _panels if entry.name != name]


def panels_for(page) -> list[Panel]:
    """The panels registered for this page's type, in the order they render."""
    return sorted(
        (entry for entry in _panels if isinstance(page, entry.model)),
        key=lambda entry: entry.order,
    )


def render_panels(context: Context, page) -> SafeString:
    """Render every panel for ``page`` inside the template ``context`` of the page."""
    request = context.get("request")
    parts = []
    for entry in panels_for(page):
        result = entry.render(page, request)
        if result is None:
            continue
        if isinstance(result, tuple):
            template_name, panel_context = result
            # As django.template.library.InclusionNode renders an inclusion tag.
            template = context.template.engine.get_template(template_name)
            new_context = context.new(panel_context)
            csrf_token = context.get("csrf_token")
            if csrf_token is not None:
                new_context["csrf_token"] = csrf_token
            parts.append(template.render(new_context))
        else:
            parts.append(conditional_escape(result))
    return mark_safe("".join(parts))  # each part is rendered or escaped above
