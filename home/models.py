"""The home page and the standard (article) page."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import StreamField
from wagtail.search import index

from core.blocks import BodyBlock
from core.i18n import active_locale, localize_all
from core.models import BasePage, public_pages
from core.routing import route_below, routes_below

from . import front_door
from .blocks import FeaturedPageBlock, KeyFigureBlock, MenuItemBlock


def _target_field(model, verbose_name, help_text):
    """An optional page chooser of the front door (empty: the first live page of its type)."""
    return models.ForeignKey(
        model,
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=help_text,
    )


class HomePage(BasePage):
    """The front door of a (local) coalition site: one per site and language."""

    hero_heading = models.CharField(
        _("grote kop"),
        max_length=120,
        help_text=_(
            "De grote kop bovenaan de startpagina. Kort en uitnodigend, bijvoorbeeld "
            "'Samen tegen eenzaamheid'. Leeg? Dan de paginatitel."
        ),
        blank=True,
    )
    hero_intro = models.TextField(
        _("introductie"),
        max_length=400,
        blank=True,
        help_text=_("Eén of twee zinnen onder de kop: wat vindt de bezoeker op deze site?"),
    )
    hero_image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("afbeelding bovenaan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Optioneel: een foto naast de kop. Liefst mensen samen, liggend formaat."),
    )
    hero_cta_label = models.CharField(
        _("tekst van de knop"),
        max_length=60,
        blank=True,
        help_text=_("De tekst op de knop onder de introductie, bijvoorbeeld 'Lees wat werkt'."),
    )
    hero_cta_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("knop linkt naar"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("De pagina waar de knop naartoe gaat."),
    )
    key_figures_heading = models.CharField(
        _("kop boven de kerncijfers"),
        max_length=120,
        blank=True,
        help_text=_("Bijvoorbeeld 'Eenzaamheid in cijfers'."),
    )
    key_figures = StreamField(
        [("key_figure", KeyFigureBlock())],
        verbose_name=_("kerncijfers"),
        blank=True,
        help_text=_("Drie tot zes cijfers die laten zien hoe groot eenzaamheid is. Noem de bron."),
    )
    featured_heading = models.CharField(
        _("kop boven de uitgelichte pagina's"),
        max_length=120,
        blank=True,
        help_text=_("Bijvoorbeeld 'Aan de slag'."),
    )
    featured = StreamField(
        [("featured_page", FeaturedPageBlock())],
        verbose_name=_("uitgelichte pagina's"),
        blank=True,
        help_text=_("Tegels naar de belangrijkste pagina's van de site."),
    )

    places_page = _target_field(
        "social_map.SocialMapPage",
        _("sociale kaart voor 'Zoek iets in de buurt'"),
        _(
            "Bewoners vullen bovenaan de startpagina hun postcode in en komen op deze sociale "
            "kaart, met de plekken bij hen in de buurt. Leeg? Dan de eerste sociale kaart van "
            "deze site."
        ),
    )
    agenda_page = _target_field(
        "events.EventIndexPage",
        _("agenda voor 'Wat is er te doen?'"),
        _(
            "De knop 'Wat is er te doen?' opent deze agenda met de activiteiten van deze week. "
            "Leeg? Dan de eerste agenda van deze site."
        ),
    )
    submission_page = _target_field(
        "events.EventSubmissionPage",
        _("formulier 'Activiteit aanmelden'"),
        _(
            "De link 'Activiteit aanmelden' op de startpagina en onderaan elke pagina gaat "
            "naar dit formulier. Leeg? Dan het eerste aanmeldformulier van deze site."
        ),
    )
    approach_page = _target_field(
        "wagtailcore.Page",
        _("voor professionals: de aanpak"),
        _(
            "De pagina voor professionals over de lokale aanpak, bijvoorbeeld 'Lokaal "
            "samenwerken'. Leeg? Dan staat deze link er niet."
        ),
    )
    activities_page = _target_field(
        "activities.ActivityIndexPage",
        _("voor professionals: activiteiten die werken"),
        _("De activiteitenbank. Leeg? Dan de eerste activiteitenbank van deze site."),
    )
    koplopers_page = _target_field(
        "koplopers.KoploperIndexPage",
        _("voor professionals: voorbeelden uit gemeenten"),
        _("Het overzicht van de koplopers. Leeg? Dan het eerste overzicht van deze site."),
    )
    menu = StreamField(
        [("menu_item", MenuItemBlock())],
        verbose_name=_("hoofdmenu: volgorde en korte namen"),
        blank=True,
        help_text=_(
            "Welke menupagina's komen eerst, en met welke korte naam? Zet wat bewoners zoeken "
            "vooraan. Pagina's die hier niet staan, komen erachter met hun eigen titel. Welke "
            "pagina's in het menu staan, kiest u bij de pagina zelf ('In menu tonen')."
        ),
    )

    # Tree rules live on the child side (``parent_page_types``), as in bakerydemo: a list of
    # children here would have to be kept in step with every app that adds a section.
    parent_page_types = ["wagtailcore.Page"]

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("hero_heading"),
                FieldPanel("hero_intro"),
                FieldPanel("hero_image"),
                FieldPanel("hero_cta_label"),
                FieldPanel("hero_cta_page"),
            ],
            heading=_("Bovenaan de pagina"),
        ),
        MultiFieldPanel(
            [
                PageChooserPanel("places_page"),
                PageChooserPanel("agenda_page"),
                PageChooserPanel("submission_page"),
                PageChooserPanel("approach_page"),
                PageChooserPanel("activities_page"),
                PageChooserPanel("koplopers_page"),
            ],
            heading=_("Voordeur: waar bewoners en professionals heen gaan"),
            help_text=_("Alles mag leeg blijven: dan zoekt de site zelf de juiste pagina."),
        ),
        MultiFieldPanel(
            [FieldPanel("key_figures_heading"), FieldPanel("key_figures")],
            heading=_("Kerncijfers"),
        ),
        MultiFieldPanel(
            [FieldPanel("featured_heading"), FieldPanel("featured")],
            heading=_("Uitgelicht"),
        ),
        FieldPanel("menu"),
    ]

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("hero_heading"),
        index.SearchField("hero_intro"),
        index.SearchField("key_figures"),
    ]

    class Meta:
        verbose_name = _("startpagina")
        verbose_name_plural = _("startpagina's")

    @routes_below
    def route(self, request, path_components):
        """Every page of the site routes from here: two queries at any depth (core.routing)."""
        return route_below(self, request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        locale = active_locale(request)
        # The featured pages and the chosen targets in one query, with a link's columns only:
        # read from the raw stream, not the chooser's whole page rows.
        blocks = [
            block["value"]
            for block in self.featured.raw_data
            if block.get("type") == "featured_page" and (block.get("value") or {}).get("page")
        ]
        known = front_door.read_pages(
            {value["page"] for value in blocks} | front_door.chosen_ids(self), "search_description"
        )
        blocks = [value for value in blocks if value["page"] in known]
        pages = localize_all([known[value["page"]] for value in blocks], locale)
        tree = front_door.tree_url(self, request)
        context["featured_items"] = [
            {
                "page": page,
                "url": front_door.page_url(page, tree, request),
                "text": (value.get("text") or "") or page.search_description,
            }
            for page, value in zip(pages, blocks, strict=True)
            if page.live
        ]
        cta = known.get(self.hero_cta_page_id) if self.hero_cta_page_id else None
        cta = localize_all([cta], locale)[0] if cta is not None else None
        context["hero_cta"] = cta
        context["hero_cta_url"] = front_door.page_url(cta, tree, request) if cta else ""
        targets = front_door.find_targets(self, front_door.TARGETS, request, known)
        context["front_door"] = targets
        context["front_door_urls"] = {
            name: front_door.page_url(page, tree, request)
            for name, page in targets.items()
            if page is not None
        }
        context["this_week_query"] = front_door.THIS_WEEK_QUERY
        context["results_anchor"] = front_door.RESULTS_ANCHOR
        return context

    def target(self, name, request=None):
        """The page a front-door link leads to (``front_door.TARGETS``), or None.

        Core's ``{% home_target %}`` calls this by name for the footer link on every page.
        """
        return front_door.find_target(self, name, request)

    def menu_choices(self):
        """[(page id, short label)]: order and names of the main menu (core's ``main_menu``)."""
        return front_door.menu_choices(self)


class StandardPage(BasePage):
    """An article: knowledge pages, the step plan, privacy and accessibility statements."""

    intro = models.TextField(
        _("inleiding"),
        max_length=500,
        blank=True,
        help_text=_(
            "Eén of twee zinnen onder de titel die zeggen wat de lezer op deze pagina vindt. "
            "Wordt groter getoond."
        ),
    )
    body = StreamField(
        BodyBlock(),
        verbose_name=_("inhoud"),
        blank=True,
        help_text=_(
            "De inhoud van de pagina. Kies met de + een blok: kop, tekst, afbeelding, citaat, "
            "kader, document, video, tabel, veelgestelde vragen of een lijst met links."
        ),
    )

    # Also below a campaign, whose look its sub-pages carry (core.themes).
    parent_page_types = ["home.HomePage", "home.StandardPage", "campaigns.CampaignPage"]

    content_panels = [*BasePage.content_panels, FieldPanel("intro"), FieldPanel("body")]

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    class Meta:
        verbose_name = _("standaardpagina")
        verbose_name_plural = _("standaardpagina's")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["child_pages"] = public_pages(self.get_children().live(), request).specific()
        return context
