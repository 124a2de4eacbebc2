"""Finding places: the sociale kaart's filters (core/filters.py), distance in SQL, fixed query counts."""

import datetime as dt
import json
from functools import reduce
from operator import or_

from django.core.paginator import Paginator
from django.db.models import Count, F, Prefetch, Q, Window
from django.db.models.functions import Lower
from django.template.loader import get_template
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from activities.filters import FormWhenChosen
from activities.page_urls import child_url
from activities.terms import build, prepared_rows, terms_fragment
from core.filters import Choice, Choices, Flag, IndexFilterSet, Text
from core.geocoding import GeocoderUnavailable, PostcodeNotFound, geocode_postcode
from core.i18n import active_locale, default_locale
from core.models import Municipality, TargetGroup, view_restrictions
from core.page_cache import Fragment, model_tag, next_midnight, page_card_tags, render_many
from core.page_cache.tags import LISTS
from core.postcode import match_by_prefix, normalise_postcode, postcode_prefixes

from .distance import distance_km, order_by_distance
from .models import (
    WEEKDAY_CHOICES,
    OpeningException,
    OpeningHours,
    PlaceKind,
    PlacePage,
)
from .opening_rows import opening_rows_for
from .status import temporarily_closed_q

WHEELCHAIR = "rolstoeltoegankelijk"
WEEKDAY_SLUGS = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]


def prefetch_for_listing(queryset):
    today = timezone.localdate()
    return queryset.select_related("kind", "municipality", "organisation").prefetch_related(
        "opening_hours",
        Prefetch(
            "opening_exceptions",
            queryset=OpeningException.objects.filter(date__gte=today - dt.timedelta(days=1)),
        ),
        "target_groups",
        "accessibility",
    )


def open_on_q(day: dt.date) -> Q:
    """A database filter for places open on ``day`` (for lists that filter in SQL).

    A place reachable day and night is open every day; a temporarily closed one is not.
    """
    weekly = OpeningHours.objects.filter(weekday=day.weekday()).values("page_id")
    closed = OpeningException.objects.filter(date=day, closed=True).values("page_id")
    special = OpeningException.objects.filter(date=day, closed=False).values("page_id")
    open_q = (Q(pk__in=weekly) & ~Q(pk__in=closed)) | Q(pk__in=special) | Q(reachable_always=True)
    return open_q & ~temporarily_closed_q(day)


def open_on_weekday_q(weekday: int) -> Q:
    weekly = OpeningHours.objects.filter(weekday=weekday).values("page_id")
    return Q(pk__in=weekly) | Q(reachable_always=True)


def municipality_of_postcode(postcode):
    """The municipality a postcode most likely lies in, from the places we know; else None.

    For when the postcode service is down: the places' own postcodes (4, then 3, then 2 of
    the same first digits) tell which municipality the resident's postcode belongs to.
    """
    prefixes = postcode_prefixes(postcode)
    if not prefixes:
        return None
    known = (
        PlacePage.objects.live()
        .filter(municipality__isnull=False)
        .filter(reduce(or_, (Q(postcode__startswith=prefix) for prefix in prefixes)))
        .values_list("postcode", "municipality_id")
    )
    municipality_id = match_by_prefix(postcode, known)
    return Municipality.objects.filter(pk=municipality_id).first() if municipality_id else None


# What the list's cards and the map's markers read of a place (``annotate_listing``).
LISTING_FIELDS = (
    "title",
    "url_path",
    "locale_id",
    "kind_id",
    "summary",
    "district",
    "street",
    "house_number",
    "postcode",
    "city",
    "latitude",
    "longitude",
    "is_remote",
    "is_free",
    "price",
    "phone",
    "reachable_always",
    "opening_note",
    "closed_from",
    "closed_until",
    "closed_reason",
    "notice",
    "notice_until",
    "last_checked",
    "path",  # the card's tags (``page_card_tags``)
    "last_published_at",  # the card's version
)

# Where a card's distance goes: it depends on the visitor's postcode, not on the place.
DISTANCE_MARK = "<!--distance-->"


_WINDOW_PAGES = 1000  # a page number beyond it is counted first (no OFFSET past any list)
_PREPARED_PAGES = 10  # the pages of a list without choices whose SQL is compiled once


class WindowCountPaginator(Paginator):
    """Reads a page's rows and the list's length in one query (a window count).

    An empty page past the first (a page number beyond the list) falls back to Django's
    count, so ``paginate`` still says so and shows the last page.
    """

    def page(self, number):
        try:
            number = int(number)
        except (TypeError, ValueError):
            return super().page(number)
        if number < 1 or number > _WINDOW_PAGES or "count" in self.__dict__:
            return super().page(number)  # Django's checks: a number past any list, say
        bottom = (number - 1) * self.per_page
        rows = self.rows(bottom, bottom + self.per_page)
        if rows or number == 1:
            self.count = rows[0].list_total if rows else 0
            return self._get_page(rows, number, self)
        return super().page(number)

    def rows(self, bottom, top):
        """The rows of one page, each with the list's length as ``list_total``."""
        return list(self.object_list.annotate(list_total=Window(Count("pk")))[bottom:top])


def prepared_paginator(rows):
    """A ``WindowCountPaginator`` whose rows come from ``rows(bottom, top)`` (None: from
    the ORM as usual)."""

    class PreparedPaginator(WindowCountPaginator):
        def rows(self, bottom, top):
            found = rows(bottom, top)
            return super().rows(bottom, top) if found is None else found

    return PreparedPaginator


class PlaceFilter(FormWhenChosen, IndexFilterSet):
    postcode = Text(label=gettext_lazy("Postcode"))  # sorts by distance, see origin()
    q = Text(
        label=gettext_lazy("Zoekwoord"),
        search=["title", "summary", "district", "city", "kind__name"],
    )
    gemeente = Choice("municipality__slug", label=gettext_lazy("Gemeente"))
    wijk = Choice("district", label=gettext_lazy("Wijk"))
    dag = Choice(label=gettext_lazy("Dag"), method="filter_dag")
    soort = Choices("kind__slug", label=gettext_lazy("Soort plek"))
    doelgroep = Choices("target_groups__slug", label=gettext_lazy("Doelgroep"), subquery=True)
    gratis = Flag(label=gettext_lazy("Gratis"), method="filter_gratis")
    rolstoel = Flag(label=gettext_lazy("Toegankelijk met een rolstoel"), method="filter_rolstoel")

    def __init__(self, social_map, request, paginate=True, cards=False):
        """``cards``: the list page, which shows each place as a shared card (``cards``)."""
        self.index = social_map
        self.paginate_results = paginate
        self.with_cards = cards and paginate
        self.location_message = None
        self.geocoder_down = False
        self.limited_to = None
        self.today = timezone.localdate()
        self.oldest = social_map.oldest_shown()
        self._areas = None
        super().__init__(request, social_map.places(request, oldest=self.oldest))

    def get_options(self):
        """The options: the terms and the map's areas, shared fragments read in one go."""
        terms, decode = terms_fragment(
            {"soort": PlaceKind, "doelgroep": TargetGroup},
            active_locale(self.request),
            default_locale(),
        )
        terms_text, areas_text = render_many(self.request, [terms, self.areas_fragment()])
        terms = decode(terms_text)
        self._areas = [tuple(row) for row in json.loads(areas_text)]
        municipalities = {}
        for pk, name, slug, _district in self.areas():
            if pk is not None and slug not in municipalities:
                municipalities[slug] = build(Municipality, {"id": pk, "name": name, "slug": slug})
        return {
            "gemeente": dict(sorted(municipalities.items(), key=lambda item: item[1].name)),
            "wijk": lambda cleaned: self.districts(cleaned.get("gemeente")),
            "dag": {
                "vandaag": _("Vandaag open"),
                **{
                    slug: _("Open op %(label)s") % {"label": label}
                    for slug, (_n, label) in zip(WEEKDAY_SLUGS, WEEKDAY_CHOICES, strict=True)
                },
            },
            **terms,
        }

    def areas_fragment(self):
        """``areas`` as a shared fragment (filter options): a place published, unpublished
        or moved purges its type's tag, a municipality renamed its own, a section made
        private the lists' tag; the key names the day (what is too long unchecked)."""
        return Fragment(
            "social_map:areas",
            parts=(self.sql_key(), self.oldest),
            render=lambda: json.dumps(self.areas()),
            tags={model_tag(PlacePage), model_tag(Municipality), LISTS},
        )

    def areas(self):
        """(municipality id, name, slug, district) of the places on this map: one query for
        both the municipality and the district options."""
        if self._areas is None:

            def query(oldest):
                return (
                    self.index.places(self.request, oldest=oldest)
                    .order_by()
                    .values_list(
                        "municipality_id", "municipality__name", "municipality__slug", "district"
                    )
                    .distinct()
                )

            self._areas = [
                tuple(row)
                for row in prepared_rows(("map_areas", self.sql_key()), query, self.oldest)
            ]
        return self._areas

    def sql_key(self):
        """What the SQL of this map's places depends on besides the day: the map's place in
        the tree and the private sections (``activities.terms.prepared_rows``)."""
        private = tuple(
            (item.page.path, item.page.depth) for item in view_restrictions(self.request)
        )
        return (self.index.pk, self.index.path, self.index.depth, private)

    def prepared_rows(self, bottom, top):
        """A page of the list without choices, sorted by name: the same SQL on every
        request of this page number, compiled once. Only the first pages: the compiled
        statements are kept per page number, and few visitors page far."""
        if bottom >= _PREPARED_PAGES * (top - bottom):
            return None

        def query(oldest):
            return (
                self.index.places(self.request, oldest=oldest)
                .order_by(Lower("title"), "pk")
                .annotate(kind_slug=F("kind__slug"), list_total=Window(Count("pk")))
                .values_list("pk", *LISTING_FIELDS, "kind_slug", "list_total")[bottom:top]
            )

        rows = prepared_rows(("map_list", self.sql_key(), bottom, top), query, self.oldest)
        places = []
        for pk, *values in rows:
            *fields, kind_slug, list_total = values
            place = build(
                PlacePage,
                {"id": pk, "page_ptr_id": pk, **dict(zip(LISTING_FIELDS, fields, strict=True))},
            )
            place.kind_slug, place.list_total = kind_slug, list_total
            places.append(place)
        return places

    def districts(self, municipality_slug):
        """The districts on this map, or in the chosen municipality."""
        districts = {
            district
            for _pk, _name, slug, district in self.areas()
            if district and (not municipality_slug or slug == municipality_slug)
        }
        return sorted(districts, key=str.casefold)

    def filter_dag(self, queryset, name, value):
        if value == "vandaag":
            return queryset.filter(open_on_q(self.today))
        return queryset.filter(open_on_weekday_q(WEEKDAY_SLUGS.index(value)))

    def filter_gratis(self, queryset, name, value):
        """Places known to be free ("gratis"); not those whose cost is unknown."""
        return queryset.filter(is_free=True)

    def filter_rolstoel(self, queryset, name, value):
        return queryset.filter(
            pk__in=queryset.model.objects.filter(accessibility__slug=WHEELCHAIR).values("pk")
        )

    def evaluate(self):
        selected = self.selected
        places = self.chosen_qs()
        origin = self.origin(selected["postcode"])
        if origin:
            places = order_by_distance(places, *origin)
        else:
            places = self.limit_to_municipality(places, selected).order_by(Lower("title"), "pk")
        if self.paginate_results:
            # The list and its map: one query for the page's rows and the list's length, one
            # for the hours, exceptions and slugs of its places; only the columns they show.
            places = places.only(*LISTING_FIELDS).annotate(kind_slug=F("kind__slug"))
            paginator = WindowCountPaginator
            if not origin and not self.limited_to and self.nothing_chosen():
                paginator = prepared_paginator(self.prepared_rows)
            page = self.paginate(places, self.index.per_page or 25, paginator_class=paginator)
            items = list(page.object_list)
            cards = self.cards(items) if self.with_cards else None
            if cards is None:
                self.annotate_listing(items)
        else:
            page = cards = None
            items = self.annotate(list(prefetch_for_listing(places)))
        return {
            "places": items,
            "cards": cards,
            "page": page,
            "total": page.paginator.count if page else len(items),
            "notes": self.notes,
            "location_message": self.location_message,
            "limited_to": self.limited_to,
            "selected": selected,
            "query": self.query,
            "options": self.options,
            "today": self.today,
        }

    def limit_to_municipality(self, places, selected):
        """Postcode service down: the places of the postcode's municipality, not the country.

        Phone and online services stay in the list: they can be reached from anywhere.
        """
        if not self.geocoder_down:
            return places
        postcode = normalise_postcode(selected["postcode"])
        municipality = None if selected["gemeente"] else municipality_of_postcode(postcode)
        if municipality is None:
            return places
        self.limited_to = municipality
        self.location_message = _(
            "Het zoeken op afstand werkt nu even niet. Daarom ziet u alleen plekken in de "
            "gemeente %(municipality)s. Daar hoort postcode %(postcode)s bij, denken wij. "
            "Telefoon- en internetdiensten staan er ook bij: die zijn overal te bereiken. Hoe "
            "ver weg een plek is, kunnen we nu niet uitrekenen. Probeer het later opnieuw."
        ) % {"municipality": municipality.name, "postcode": postcode}
        return places.filter(Q(municipality=municipality) | Q(is_remote=True))

    def annotate_listing(self, places):
        """``annotate`` for the narrow rows of the list: what a card and a marker show."""
        rows = self._listing_rows(places)
        for place in places:
            self._annotate_row(place, rows)
        return places

    def _listing_rows(self, places):
        """Hours, exceptions (from yesterday) and the slugs of ``places``: one query."""
        yesterday = self.today - dt.timedelta(days=1)
        return opening_rows_for(
            [place.pk for place in places], exceptions_from=yesterday, with_slugs=True
        )

    def _annotate_row(self, place, rows):
        weekly, special, slugs = rows
        kinds, groups = self.options["soort"], self.options["doelgroep"]
        place_slugs = slugs.get(place.pk, {"g": (), "a": ()})
        ranges = place._ranges(weekly.get(place.pk, []))
        closures = place._exceptions(special.get(place.pk, []))
        place.kind_term = kinds.get(place.kind_slug) or place.kind
        place.status_today = place.today_status(self.today, ranges, closures)
        place.open_today = place.status_today.open
        place.closure = place.closure_text(self.today)
        place.active_notice_text = place.active_notice(self.today)
        place.group_terms = [term for slug, term in groups.items() if slug in place_slugs["g"]]
        place.wheelchair = WHEELCHAIR in place_slugs["a"]
        place.distance_km = distance_km(place)

    def cards(self, places):
        """The list's cards: shared fragments, kept between page-cache misses.

        A card shows its place at its version (``last_published_at``: the hours and
        exceptions are edited with the page) on one day (the status "Vandaag open ...", a
        closure, a notice: the key names the day and the card expires at midnight), and the
        names of its kind (snippets: the ``LISTS`` tag). The distance depends on the
        visitor's postcode: it is filled in after, in the card's ``DISTANCE_MARK``. The link
        is the map's address and the place's slug: the places are the map's children. The
        hours and slugs are read (one query for the page) only when some card is not cached.
        """
        index_url = self.index.get_url(self.request)
        template = get_template("social_map/place_card.html")
        expires = next_midnight()
        loaded = []

        def render(place):
            if not loaded:
                loaded.append(self._listing_rows(places))
            self._annotate_row(place, loaded[0])
            place.card_url = child_url(index_url, place, self.request)
            return template.render({"place": place, "distance_mark": DISTANCE_MARK})

        html = render_many(
            self.request,
            [
                Fragment(
                    "social_map:card",
                    parts=(place.pk, place.last_published_at, self.today, index_url),
                    render=lambda place=place: render(place),
                    tags=page_card_tags(place),
                    expires=expires,
                )
                for place in places
            ],
        )
        cards = []
        for place, card in zip(places, html, strict=True):
            km = distance_km(place)
            distance = (
                format_html(" · <strong>{}</strong>", _("%(km)s km") % {"km": formats.localize(km)})
                if km is not None
                else ""
            )
            cards.append(mark_safe(card.replace(DISTANCE_MARK, distance)))
        return cards

    def annotate(self, places):
        kinds, groups = self.options["soort"], self.options["doelgroep"]
        for place in places:
            place.kind_term = kinds.get(place.kind.slug, place.kind)
            place.status_today = place.today(self.today)
            place.open_today = place.status_today.open
            place.closure = place.closure_text(self.today)
            place.active_notice_text = place.active_notice(self.today)
            place.group_terms = [
                groups[g.slug] for g in place.target_groups.all() if g.slug in groups
            ]
            place.wheelchair = any(a.slug == WHEELCHAIR for a in place.accessibility.all())
            place.distance_km = distance_km(place)
        return places

    def origin(self, postcode):
        if not postcode:
            return None
        if normalise_postcode(postcode) is None:
            self.location_message = _(
                "“%(value)s” is geen postcode. Een postcode is 4 cijfers en 2 letters, "
                "bijvoorbeeld 5211 AB. We tonen de lijst op naam."
            ) % {"value": postcode[:20]}
            return None
        try:
            return geocode_postcode(postcode)
        except PostcodeNotFound:
            self.location_message = _(
                "We kennen postcode %(value)s niet. Controleer de postcode; we tonen de lijst op naam."
            ) % {"value": normalise_postcode(postcode)}
        except GeocoderUnavailable:
            self.geocoder_down = True
            self.location_message = _(
                "Het zoeken op afstand werkt nu even niet. We tonen de lijst op naam. Probeer het later opnieuw."
            )
        return None
