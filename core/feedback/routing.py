"""The ``klopt-er-iets-niet/`` view, registered for every page type that accepts feedback.

A page type declares ``core.models.AcceptsFeedback`` among its bases; its route looks the
view up by name (``core.page_views``), and core registers it here once every model is
loaded (``CoreConfig.ready``), so no model imports a view.
"""

from __future__ import annotations

from django.apps import apps
from wagtail.models import Page

from ..models.feedback import AcceptsFeedback
from ..page_views import register_page_views
from .views import feedback_view


def register_feedback_views():
    for model in apps.get_models():
        if issubclass(model, Page) and issubclass(model, AcceptsFeedback):
            register_page_views(model, feedback=feedback_view)
