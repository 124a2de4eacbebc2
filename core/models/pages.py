"""The abstract base page every page type extends."""

import time

from django.conf import settings
from django.db import models
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from ..i18n import localize_all
from ..plain_language import PUBLISH_ANYWAY, PlainLanguagePageForm, ReadabilityPanel


class SocialMediaMixin(models.Model):
    """The picture and text that show when someone shares the page."""

    social_image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("afbeelding bij delen"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Deze afbeelding verschijnt als iemand de pagina deelt op sociale media of in "
            "een chat-app. Liefst liggend, minstens 1200 pixels breed."
        ),
    )

    promote_panels_social = [FieldPanel("social_image")]

    class Meta:
        abstract = True


class BasePage(SocialMediaMixin, Page):
    """Base for every page type: SEO and sharing fields with Dutch help text.

    Abstract, so that no page pays for an extra table and join.
    """

    base_form_class = PlainLanguagePageForm
    # Residents read this page type: publishing hard-to-read prose asks for confirmation
    # (core.plain_language). Pages for professionals set this to False.
    resident_facing = True

    promote_panels = [
        MultiFieldPanel(
            [
                FieldPanel(
                    "slug",
                    help_text=_(
                        "Het laatste deel van het webadres, in kleine letters en met "
                        "streepjes, bijvoorbeeld 'wat-is-eenzaamheid'."
                    ),
                ),
                FieldPanel(
                    "seo_title",
                    help_text=_(
                        "Optioneel: een andere titel voor zoekmachines en het tabblad van "
                        "de browser. Leeg? Dan gebruiken we de paginatitel."
                    ),
                ),
                FieldPanel(
                    "search_description",
                    help_text=_(
                        "Eén of twee zinnen (hooguit 160 tekens) die zoekmachines onder de "
                        "titel tonen. Schrijf wat de lezer op deze pagina vindt."
                    ),
                ),
                FieldPanel(
                    "show_in_menus",
                    help_text=_("Vink aan om de pagina in het hoofdmenu van de site te tonen."),
                ),
            ],
            heading=_("Vindbaarheid"),
        ),
        MultiFieldPanel(SocialMediaMixin.promote_panels_social, heading=_("Delen")),
        MultiFieldPanel(
            [ReadabilityPanel(), FieldPanel(PUBLISH_ANYWAY)],
            heading=_("Leesbaarheid"),
        ),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("search_description"),
    ]

    class Meta:
        abstract = True

    def get_view_restrictions(self):
        """Wagtail's, without its query for aliases on the path when ``core.routing`` routed
        this page (it knows the path), and without any query for a public page whose route is
        in the shared cache: the check runs on every page served."""
        from ..routing import view_restrictions  # core.routing imports the models

        restrictions = view_restrictions(self)
        return super().get_view_restrictions() if restrictions is None else restrictions


def live_public_pages(relation, request=None):
    """The live, public pages a page links to through a ``ParentalManyToManyField``.

    On a published page the relation is a queryset; in a preview or a draft it is modelcluster's
    in-memory list, which has no ``live()``. Both give the same answer here.
    """
    pages = relation.all()
    if not isinstance(pages, QuerySet):
        pages = pages.model.objects.filter(pk__in=[page.pk for page in pages])
    return public_pages(pages.live(), request)


def view_restrictions(request=None):
    """The page view restrictions with their pages' place in the tree, read once per request
    (only the columns the lists need: a whole page row costs more to convert than to read),
    and kept in the shared cache while the chrome cache is on (``_shared_view_restrictions``)."""
    cached = getattr(request, "_view_restrictions", None) if request is not None else None
    if cached is None:
        cached = _shared_view_restrictions()
        if request is not None:
            request._view_restrictions = cached
    return cached


def _read_view_restrictions() -> list:
    return list(
        PageViewRestriction.objects.select_related("page").only(
            "restriction_type", "page__path", "page__depth", "page__url_path"
        )
    )


def _shared_view_restrictions() -> list:
    """Every list of pages leaves the private sections out: the same few rows on every page.

    A privacy change (a restriction saved or deleted) and a move purge ``PAGES``
    (core.page_cache.signals), so the next request reads them again.
    """
    from ..page_cache import chrome
    from ..page_cache import tags as page_cache_tags
    from ..page_cache.keys import VIEW_RESTRICTIONS_KEY

    if not chrome.shared_enabled():
        return _read_view_restrictions()
    tags = (page_cache_tags.ALL, page_cache_tags.PAGES)
    started_ns = time.time_ns()
    rows = page_cache_tags.get_entry(VIEW_RESTRICTIONS_KEY, tags)
    if rows is not None:
        return rows
    rows = _read_view_restrictions()
    page_cache_tags.set_entry(
        VIEW_RESTRICTIONS_KEY, rows, tags, started_ns, chrome.shared_seconds()
    )
    return rows


def public_pages(queryset, request=None):
    """``queryset.public()``, with the private sections looked up once per request.

    Wagtail's ``public()`` reads every view restriction each time it is called; a page that
    lists pages in several places paid that query for each list.
    """
    if request is None:
        return queryset.public()
    private = Q()
    for restriction in view_restrictions(request):
        private |= queryset.descendant_of_q(restriction.page, inclusive=True)
    return queryset.exclude(private) if private else queryset


def load_related(instance, *paths):
    """Fill the caches of several foreign keys of ``instance`` with one query instead of one each.

    A routed page comes without ``select_related``; its detail view then pays a query per
    organiser, place or municipality it shows. ``paths`` are ``select_related`` paths
    ("place__municipality"). Only keys whose stored value equals the instance's are copied,
    so a preview or draft with a changed key still loads its own choice lazily.
    """
    if instance.pk is None:
        return instance
    fields = {path.split("__")[0] for path in paths}
    fields = {
        name
        for name in fields
        if getattr(instance, instance._meta.get_field(name).attname) is not None
        and not instance._meta.get_field(name).is_cached(instance)
    }
    paths = [path for path in paths if path.split("__")[0] in fields]
    if not paths:
        return instance
    stored = type(instance)._base_manager.filter(pk=instance.pk).select_related(*paths)
    stored = stored.only("pk", *fields).first()
    if stored is None:
        return instance
    for name in fields:
        field = instance._meta.get_field(name)
        if getattr(stored, field.attname) == getattr(instance, field.attname):
            field.set_cached_value(instance, getattr(stored, name))
    return instance


def link_term_pages(terms, locale):
    """Set ``term.link_page``: the live page explaining each term, in ``locale`` where translated.

    One query for all terms at most (none when the pages are in the visitor's language), where
    ``term.page.localized`` in a template costs a query or two per term. ``terms`` should come
    with ``select_related("page")``.
    """
    pages = localize_all([term.page for term in terms if term.page_id], locale)
    by_key = {page.translation_key: page for page in pages}
    for term in terms:
        term.link_page = by_key.get(term.page.translation_key) if term.page_id else None
    return terms
