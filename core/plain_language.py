"""Plain language in the editor: the page's LIX while editing, a warning before publishing.

Residents read the site on a phone, some with difficulty. An editor sees the LIX of the
version being edited (``ReadabilityPanel``, in the "Vindbaarheid" tab beside Wagtail's own
content checks) and, when publishing a resident-facing page whose prose scores above
``LIX_LIMIT``, is stopped once with the reason and a box to publish anyway: a warning, not a
rule, because a quotation or a list of names may need long words.
"""

import copy

from django import forms
from django.utils.text import capfirst
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
        self.explain_slug_clash()
        return cleaned

    def explain_slug_clash(self):
        """A taken web address, explained at the top of the form where the editor looks.

        Wagtail puts the error on the slug field, on a tab the editor did not open (a stray
        draft of the same title, e.g. left by autosave, takes the address too). The message now
        says which page has the address and where to change it; a new page gets a free address
        filled in, so saving again is enough.
        """
        slug = self.data.get("slug") or self.cleaned_data.get("slug")
        parent = self.parent_page
        if not slug or parent is None or "slug" not in self.errors:
            return
        siblings = parent.get_children()
        if self.instance.pk:
            siblings = siblings.not_page(self.instance)
        taken_by = siblings.filter(slug=slug).first()
        if taken_by is None:
            return
        free = _free_slug(siblings, slug)
        where = _slug_location(self.instance)
        facts = {
            "slug": slug,
            "title": taken_by.title,
            "parent": parent.title,
            "where": where,
            "free": free,
        }
        field_message = _(
            "Het webadres '%(slug)s' is al van de pagina '%(title)s' onder '%(parent)s' "
            "(een concept telt ook mee). Kies een ander webadres, bijvoorbeeld '%(free)s'."
        )
        top_message = _(
            "Het webadres '%(slug)s' bestaat al onder '%(parent)s': de pagina '%(title)s' "
            "heeft het. Pas het aan bij %(where)s."
        )
        if not self.instance.pk:
            # The form shows the free address; saving again uses it.
            self.data = self.data.copy()
            self.data["slug"] = free
            top_message = _(
                "Het webadres '%(slug)s' bestaat al onder '%(parent)s': de pagina '%(title)s' "
                "heeft het. We vulden '%(free)s' in bij %(where)s. Sla opnieuw op om dat "
                "webadres te gebruiken, of pas het daar aan."
            )
        self.errors["slug"] = self.error_class([field_message % facts])
        self.add_error(None, top_message % facts)

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


def _free_slug(siblings, slug):
    taken = set(siblings.values_list("slug", flat=True))
    number = 2
    while f"{slug}-{number}" in taken:
        number += 1
    return f"{slug}-{number}"


def _panel_path(panel, field_name, path=()):
    if getattr(panel, "field_name", None) == field_name:
        return path
    for child in getattr(panel, "children", ()):
        heading = getattr(child, "heading", "")
        found = _panel_path(child, field_name, (*path, str(heading)) if heading else path)
        if found is not None:
            return found
    return None


def _slug_location(page):
    """Where the slug field is: "het veld 'Slug' op het tabblad 'Promotie', onder 'Vindbaarheid'"."""
    path = _panel_path(type(page).get_edit_handler(), "slug") or ()
    facts = {"field": capfirst(page._meta.get_field("slug").verbose_name)}
    if not path:
        return _("het veld '%(field)s'") % facts
    if len(path) == 1:
        return _("het veld '%(field)s' op het tabblad '%(tab)s'") % {**facts, "tab": path[0]}
    return _("het veld '%(field)s' op het tabblad '%(tab)s', onder '%(group)s'") % {
        **facts,
        "tab": path[0],
        "group": path[-1],
    }


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
