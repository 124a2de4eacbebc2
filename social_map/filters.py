"""Finding places: the sociale kaart's filters (core/filters.py), distance in SQL, fixed query counts."""

import datetime as dt

from django.db.models import Prefetch, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Locale

from core.filters import Choice, Choices, Flag, IndexFilterSet, Text
from core.geocoding import GeocoderUnavailable, PostcodeNotFound, geocode_postcode
from core.i18n import active_locale, terms_in_language
from core.models import Municipality
from core.postcode import normalise_postcode

from .distance import distance_km, order_by_distance
from .models import WEEKDAY_CHOICES, OpeningException, OpeningHours

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


def open_on_q(day: dt.date, prefix="") -> Q:
    """A database filter for places open on ``day`` (for lists that filter in SQL)."""
    weekly = OpeningHours.objects.filter(weekday=day.weekday()).values("page_id")
    closed = OpeningException.objects.filter(date=day, closed=True).values("page_id")
    special = OpeningException.objects.filter(date=day, closed=False).values("page_id")
    return (Q(pk__in=weekly) & ~Q(pk__in=closed)) | Q(pk__in=special)


def open_on_weekday_q(weekday: int) -> Q:
    return Q(pk__in=OpeningHours.objects.filter(weekday=weekday).values("page_id"))


class PlaceFilter(IndexFilterSet):
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

    def __init__(self, social_map, request, paginate=True):
        self.index = social_map
        self.paginate_results = paginate
        self.location_message = None
        self.today = timezone.localdate()
        super().__init__(request, social_map.places())

    def get_options(self):
        locale = active_locale(self.request)
        default_locale = Locale.get_default()
        municipalities = Municipality.objects.filter(pk__in=self.queryset.values("municipality_id"))
        return {
            "gemeente": {m.slug: m for m in sorted(municipalities, key=lambda m: m.name)},
            "wijk": lambda cleaned: self.districts(cleaned.get("gemeente")),
            "dag": {
                "vandaag": _("Vandaag open"),
                **{
                    slug: _("Open op %(label)s") % {"label": label}
                    for slug, (_n, label) in zip(WEEKDAY_SLUGS, WEEKDAY_CHOICES, strict=True)
                },
            },
            "soort": terms_in_language("social_map.PlaceKind", locale, default_locale),
            "doelgroep": terms_in_language("core.TargetGroup", locale, default_locale),
        }

    def districts(self, municipality_slug):
        """The districts on this map, or in the chosen municipality."""
        places = self.queryset
        if municipality_slug:
            places = places.filter(municipality__slug=municipality_slug)
        return sorted(
            places.exclude(district="").order_by().values_list("district", flat=True).distinct(),
            key=str.casefold,
        )

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
        places = self.qs
        origin = self.origin(selected["postcode"])
        if origin:
            places = order_by_distance(places, *origin)
        else:
            places = places.order_by(Lower("title"), "pk")
        places = prefetch_for_listing(places)
        page = self.paginate(places, self.index.per_page or 25) if self.paginate_results else None
        items = self.annotate(list(page.object_list if page else places))
        return {
            "places": items,
            "page": page,
            "total": page.paginator.count if page else len(items),
            "notes": self.notes,
            "location_message": self.location_message,
            "selected": selected,
            "query": self.query,
            "options": self.options,
            "today": self.today,
        }

    def annotate(self, places):
        kinds, groups = self.options["soort"], self.options["doelgroep"]
        for place in places:
            place.kind_term = kinds.get(place.kind.slug, place.kind)
            place.open_today = place.is_open_on(self.today)
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
            self.location_message = _(
                "Het zoeken op afstand werkt nu even niet. We tonen de lijst op naam. Probeer het later opnieuw."
            )
        return None
