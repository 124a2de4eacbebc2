"""Finding places: filters as plain GET parameters, distance in SQL, fixed query counts."""

import datetime as dt
from urllib.parse import urlencode

from django.db.models import Prefetch, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Locale

from core.i18n import active_locale, terms_in_language
from core.models import Municipality
from core.pagination import paginate

from .distance import distance_km, order_by_distance
from .geocoding import GeocoderUnavailable, PostcodeNotFound, geocode_postcode
from .models import WEEKDAY_CHOICES, OpeningException
from .opening_hours import open_on_q, open_on_weekday_q
from .postcode import normalise_postcode

MAX_TEXT = 100
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


class PlaceFilter:
    def __init__(self, social_map, request, paginate=True):
        self.page = social_map
        self.request = request
        self.paginate_results = paginate
        self.notes = []
        self.location_message = None

    def text(self, name):
        return self.request.GET.get(name, "").strip()[:MAX_TEXT]

    def evaluate(self):
        get = self.request.GET
        locale = active_locale(self.request)
        default_locale = Locale.get_default()
        today = timezone.localdate()
        places = self.page.places()

        kinds = terms_in_language("social_map.PlaceKind", locale, default_locale)
        groups = terms_in_language("core.TargetGroup", locale, default_locale)
        municipalities = {
            m.slug: m for m in Municipality.objects.filter(pk__in=places.values("municipality_id"))
        }

        selected = {
            "gemeente": self.known(
                get.get("gemeente", "").strip()[:MAX_TEXT], municipalities, _("gemeente")
            ),
            "soort": [
                v for v in get.getlist("soort")[:20] if self.known(v, kinds, _("soort plek"))
            ],
            "doelgroep": [
                v for v in get.getlist("doelgroep")[:20] if self.known(v, groups, _("doelgroep"))
            ],
            "wijk": self.text("wijk"),
            "dag": self.text("dag"),
            "gratis": get.get("gratis") == "1",
            "rolstoel": get.get("rolstoel") == "1",
            "q": self.text("q"),
            "postcode": self.text("postcode"),
        }
        if selected["dag"] and selected["dag"] not in ("vandaag", *WEEKDAY_SLUGS):
            self.notes.append(_("We kennen die dag niet en hebben dat filter overgeslagen."))
            selected["dag"] = ""

        if selected["gemeente"]:
            places = places.filter(municipality__slug=selected["gemeente"])
        districts = sorted(
            places.exclude(district="").order_by().values_list("district", flat=True).distinct(),
            key=str.casefold,
        )
        if selected["wijk"]:
            if selected["wijk"] in districts:
                places = places.filter(district=selected["wijk"])
            else:
                self.notes.append(
                    _("Die wijk staat niet op deze kaart; we hebben dat filter overgeslagen.")
                )
                selected["wijk"] = ""
        if selected["soort"]:
            places = places.filter(kind__slug__in=selected["soort"])
        if selected["doelgroep"]:
            places = places.filter(
                pk__in=places.model.objects.filter(
                    target_groups__slug__in=selected["doelgroep"]
                ).values("pk")
            )
        if selected["dag"] == "vandaag":
            places = places.filter(open_on_q(today))
        elif selected["dag"]:
            places = places.filter(open_on_weekday_q(WEEKDAY_SLUGS.index(selected["dag"])))
        if selected["gratis"]:
            places = places.filter(is_free=True)
        if selected["rolstoel"]:
            places = places.filter(
                pk__in=places.model.objects.filter(accessibility__slug=WHEELCHAIR).values("pk")
            )
        if selected["q"]:
            words = selected["q"].split()[:8]
            for word in words:
                places = places.filter(
                    Q(title__icontains=word)
                    | Q(summary__icontains=word)
                    | Q(district__icontains=word)
                    | Q(city__icontains=word)
                    | Q(kind__name__icontains=word)
                )

        origin = self.origin(selected["postcode"])
        if origin:
            places = order_by_distance(places, *origin)
        else:
            places = places.order_by(Lower("title"), "pk")

        places = prefetch_for_listing(places)
        page = (
            paginate(
                places, self.page.per_page or 25, self.request.GET.get("pagina", "1"), self.notes
            )
            if self.paginate_results
            else None
        )
        items = list(page.object_list if page else places)
        for place in items:
            place.kind_term = kinds.get(place.kind.slug, place.kind)
            place.open_today = place.is_open_on(today)
            place.group_terms = [
                groups[g.slug] for g in place.target_groups.all() if g.slug in groups
            ]
            place.wheelchair = any(a.slug == WHEELCHAIR for a in place.accessibility.all())
            place.distance_km = distance_km(place)

        query = self.query_pairs(selected)
        return {
            "places": items,
            "page": page,
            "total": page.paginator.count if page else len(items),
            "notes": self.notes,
            "location_message": self.location_message,
            "selected": selected,
            "query": urlencode(query),
            "options": {
                "kinds": kinds,
                "groups": groups,
                "municipalities": sorted(municipalities.values(), key=lambda m: m.name),
                "districts": districts,
                "weekdays": [
                    (slug, label)
                    for slug, (_n, label) in zip(WEEKDAY_SLUGS, WEEKDAY_CHOICES, strict=True)
                ],
            },
            "today": today,
        }

    def known(self, value, terms, label):
        if not value:
            return ""
        if value in terms:
            return value
        shown = value if len(value) <= 40 else value[:40] + "…"
        self.notes.append(
            _("We kennen “%(value)s” niet als %(label)s en hebben dat filter overgeslagen.")
            % {"value": shown, "label": label}
        )
        return ""

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

    @staticmethod
    def query_pairs(selected):
        pairs = []
        for key in ("gemeente", "wijk", "dag", "q", "postcode"):
            if selected[key]:
                pairs.append((key, selected[key]))
        for key in ("soort", "doelgroep"):
            pairs.extend((key, value) for value in selected[key])
        for key in ("gratis", "rolstoel"):
            if selected[key]:
                pairs.append((key, "1"))
        return pairs
