"""Live lists on a campaign: its events (through the agenda's hook) and teasers of pages."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from activities.models import ActivityPage
from core.i18n import active_locale, localize_all
from core.models import public_pages, view_restrictions
from koplopers.models import KoploperPage

from ..listing import upcoming_events
from .links import (
    _request,
)


class EventsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        label=_("Kop"),
        max_length=100,
        default=_("Activiteiten in deze campagne"),
        help_text=_("De kop boven de lijst, bijvoorbeeld 'Doe mee in uw buurt'."),
    )
    edition = SnippetChooserBlock(
        "events.EventEdition",
        label=_("Editie"),
        required=False,
        help_text=_(
            "Alleen activiteiten van deze landelijke week. Leeg? Op de pagina van een editie "
            "neemt het blok die editie."
        ),
    )
    municipality = SnippetChooserBlock(
        "core.Municipality",
        label=_("Gemeente"),
        required=False,
        help_text=_("Optioneel: alleen activiteiten in deze gemeente."),
    )
    target_group = SnippetChooserBlock(
        "core.TargetGroup",
        label=_("Doelgroep"),
        required=False,
        help_text=_("Optioneel: alleen activiteiten voor deze doelgroep."),
    )
    organiser = SnippetChooserBlock(
        "core.Organisation",
        label=_("Organisator"),
        required=False,
        help_text=_("Optioneel: alleen activiteiten van deze organisatie."),
    )
    limit = blocks.IntegerBlock(
        label=_("Aantal"),
        default=6,
        min_value=1,
        max_value=24,
        help_text=_(
            "Hoeveel activiteiten de lijst hooguit toont. De eerstvolgende staan bovenaan."
        ),
    )

    class Meta:
        icon = "date"
        label = _("Activiteiten uit de agenda")
        template = "campaigns/blocks/events.html"
        description = _(
            "De eerstvolgende activiteiten uit de agenda, vanzelf bijgewerkt. Kies een editie, "
            "gemeente, doelgroep of organisator om te filteren."
        )
        preview_value = {"heading": "Activiteiten in deze campagne", "limit": 6}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        page = (parent_context or {}).get("page")
        edition = value.get("edition") or getattr(page, "campaign_edition", None)
        context["upcoming"] = upcoming_events(
            request=_request(parent_context),
            page=page,
            edition=edition,
            municipality=value.get("municipality"),
            target_group=value.get("target_group"),
            organiser=value.get("organiser"),
            limit=value.get("limit") or 6,
        )
        # After the week, "nothing announced yet" would be wrong: say it is over.
        ends_on = getattr(edition, "ends_on", None)
        context["edition_over"] = bool(ends_on and ends_on < timezone.localdate())
        return context


# --- Teasers of activities and koplopers ---------------------------------------------------------


def _live_pages_in_language(pages, model, request, select_related=()):
    """The chosen pages in the visitor's language, live and public, in the chosen order.

    A fixed number of queries whatever the number of pages; none when the stream's pages
    came with their related rows (``load_body``) and are in the visitor's language.
    """
    pages = [page for page in pages if page is not None]
    if not pages:
        return []
    localized = localize_all(pages, active_locale(request))
    if request is not None and all(_complete(page, model, select_related) for page in localized):
        private = [restriction.page.path for restriction in view_restrictions(request)]
        found = {
            page.pk: page
            for page in localized
            if page.live and not page.path.startswith(tuple(private))
        }
    else:
        found = (
            public_pages(model.objects.live(), request)
            .filter(pk__in=[page.pk for page in localized])
            .select_related(*select_related)
            .in_bulk()
        )
    result, seen = [], set()
    for page in localized:
        specific = found.get(page.pk)
        if specific is None or page.pk in seen:
            continue
        seen.add(page.pk)
        specific.fallback_language = getattr(page, "fallback_language", "") or ""
        result.append(specific)
    return result


def _complete(page, model, select_related):
    """Whether ``page`` is a ``model`` with its ``select_related`` rows already loaded."""
    return isinstance(page, model) and all(
        model._meta.get_field(name).is_cached(page) for name in select_related
    )


class ActivityTeasersBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        label=_("Kop"),
        max_length=100,
        default=_("Activiteiten om zelf te beginnen"),
        help_text=_("De kop boven de activiteiten."),
    )
    activities = blocks.ListBlock(
        blocks.PageChooserBlock(
            page_type="activities.ActivityPage",
            label=_("Activiteit"),
            help_text=_("Kies een activiteit uit de activiteitenbank."),
        ),
        min_num=1,
        label=_("Activiteiten"),
        help_text=_("Kies één of meer activiteiten. De volgorde hier is de volgorde op de pagina."),
    )

    class Meta:
        icon = "list-ul"
        label = _("Activiteiten uit de activiteitenbank")
        template = "campaigns/blocks/activities.html"
        description = _("Korte kaarten van gekozen activiteiten, met hoe goed ze onderbouwd zijn.")

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        request = _request(parent_context)
        pages = _live_pages_in_language(
            value.get("activities") or [], ActivityPage, request, ["evidence_level"]
        )
        levels = localize_all(
            [page.evidence_level for page in pages], active_locale(request), live_only=False
        )
        by_key = {level.translation_key: level for level in levels}
        context["teasers"] = [
            {
                "page": page,
                "url": page.get_url(request),
                "text": page.essence or page.search_description,
                "evidence_level": by_key.get(page.evidence_level.translation_key)
                if page.evidence_level_id
                else None,
            }
            for page in pages
        ]
        return context


class KoploperTeasersBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        label=_("Kop"),
        max_length=100,
        default=_("Zo doen andere gemeenten het"),
        help_text=_("De kop boven de verhalen van koplopers."),
    )
    koplopers = blocks.ListBlock(
        blocks.PageChooserBlock(
            page_type="koplopers.KoploperPage",
            label=_("Koploper"),
            help_text=_("Kies het verhaal van een koploper-gemeente."),
        ),
        min_num=1,
        label=_("Koplopers"),
        help_text=_("Kies één of meer koplopers. De volgorde hier is de volgorde op de pagina."),
    )

    class Meta:
        icon = "group"
        label = _("Verhalen van koplopers")
        template = "campaigns/blocks/koplopers.html"
        description = _(
            "Korte kaarten van gekozen koploper-gemeenten, met de naam van de gemeente."
        )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        request = _request(parent_context)
        pages = _live_pages_in_language(
            value.get("koplopers") or [], KoploperPage, request, ["municipality"]
        )
        context["teasers"] = [
            {
                "page": page,
                "url": page.get_url(request),
                "text": page.summary or page.search_description,
                "municipality": page.municipality,
            }
            for page in pages
        ]
        return context
