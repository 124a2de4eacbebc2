"""Plain language in the editor: the page's LIX while editing, a warning before publishing.

Residents read the site on a phone, some with difficulty. An editor sees the LIX of the
version being edited (``ReadabilityPanel``, in the "Vindbaarheid" tab beside Wagtail's own
content checks) and, when publishing a resident-facing page whose prose scores above
``LIX_LIMIT``, is stopped once with the reason and a box to publish anyway: a warning, not a
rule, because a quotation or a list of names may need long words.
"""

import copy

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import Panel

from .readability import LIX_LIMIT, page_lix

PUBLISH_ANYWAY = "publish_despite_readability"


def is_resident_facing(page):
    return getattr(type(page), "resident_facing", True)


class PlainLanguagePageForm(WagtailAdminPageForm):
    """The base form of every page: checks the prose before it is published."""

    publish_despite_readability = forms.BooleanField(
        label=gettext_lazy("Toch publiceren, ook al is de tekst moeilijk te lezen"),
        required=False,
        help_text=gettext_lazy(
            "Alleen aanvinken als u de tekst niet eenvoudiger kunt maken, bijvoorbeeld bij "
            "een citaat of een lijst met namen."
        ),
    )

    def clean(self):
        cleaned = super().clean()
        if "action-publish" in self.data and not cleaned.get(PUBLISH_ANYWAY):
            self.check_readability(cleaned)
        return cleaned

    def draft_page(self, cleaned):
        """The page as it would be saved, without touching the form's own instance."""
        page = copy.copy(self.instance)
        for name, value in cleaned.items():
            if name in self._meta.fields and hasattr(page, name):
                try:
                    setattr(page, name, value)
                except (TypeError, ValueError):
                    continue
        return page

    def check_readability(self, cleaned):
        page = self.draft_page(cleaned)
        if not is_resident_facing(page):
            return
        score = page_lix(page)
        if score is not None and score > LIX_LIMIT:
            self.add_error(
                PUBLISH_ANYWAY,
                _(
                    "De tekst is moeilijk te lezen (LIX %(score)s; goed is %(limit)s of lager). "
                    "Maak zinnen korter en kies kortere woorden. Wilt u toch publiceren? Vink "
                    "dit vakje aan en publiceer opnieuw."
                )
                % {"score": score, "limit": LIX_LIMIT},
            )


class ReadabilityPanel(Panel):
    """Shows the LIX of the version in the editor (the last saved draft or revision)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "core/admin/readability_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page = self.instance
            context.update(
                score=page_lix(page) if page is not None else None,
                limit=LIX_LIMIT,
                resident_facing=is_resident_facing(page),
            )
            return context
