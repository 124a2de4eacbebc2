"""The agenda's filters: GET parameters in, one occurrence queryset out.

Everything is filtered in the database on ``EventOccurrence``; what a visitor typed wrongly is
ignored with a note, never an error. The same filter feeds the list, calendar, map and feed.
"""

import datetime as dt
from urllib.parse import urlencode

from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.i18n import active_locale, terms_in_language

from .models import EventEdition, EventOccurrence
from .occurrences import version as dates_version
from .recurrence import AMSTERDAM

WHEN_CHOICES = {
    "vandaag": gettext_lazy("Vandaag"),
    "morgen": gettext_lazy("Morgen"),
    "deze-week": gettext_lazy("Deze week"),
    "weekend": gettext_lazy("Dit weekend"),
}
VIEWS = ("lijst", "kalender", "kaart")
MAX_YEARS_AHEAD = 5
MAX_TEXT = 100


def event_url(agenda_url, slug):
    """Events are children of their agenda: their URL needs no page-tree lookup per row."""
    return f"{agenda_url}{slug}/"


def start_of(day):
    return dt.datetime.combine(day, dt.time.min, tzinfo=AMSTERDAM)


class EventFilter:
    def __init__(self, index, request, archive=False, whole_months=False):
        self.index = index
        self.request = request
        self.archive = archive
        # The month calendar shows the days already past this month too.
        self.whole_months = whole_months
        self.get = request.GET
        self.notes = []
        self.today = timezone.localdate(timezone=AMSTERDAM)
        self.now = timezone.now()

    # --- reading the request -------------------------------------------------
    def _text(self, name):
        return self.get.get(name, "").strip()[:MAX_TEXT]

    def _unknown(self, value, label):
        self.notes.append(
            _("We kennen “%(value)s” niet als %(label)s en hebben dat filter overgeslagen.")
            % {"value": value[:40], "label": label}
        )

    def _date(self, name, label):
        value = self._text(name)
        if not value:
            return None
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            day = None
        if day is None or not (2000 <= day.year <= self.today.year + MAX_YEARS_AHEAD):
            self.notes.append(
                _(
                    "“%(value)s” is geen datum die we kunnen gebruiken als %(label)s. Gebruik jjjj-mm-dd."
                )
                % {"value": value[:20], "label": label}
            )
            return None
        return day

    def _choices(self, name, known, label):
        chosen = []
        for value in self.get.getlist(name)[:20]:
            value = value.strip()[:MAX_TEXT]
            if not value:
                continue
            if value in known:
                chosen.append(value)
            else:
                self._unknown(value, label)
        return chosen

    def has_private_events(self):
        """Occurrences exist only for live events; only a view restriction needs the page tree."""
        from wagtail.models import PageViewRestriction

        return PageViewRestriction.objects.filter(
            page__path__startswith=self.index.path, page__depth__gt=self.index.depth
        ).exists()

    def options(self):
        locale = active_locale(self.request)
        from django.apps import apps
        from wagtail.models import Locale

        default = Locale.get_default()
        # Municipalities with dates in this agenda: a scan of the occurrence table, kept in
        # the cache until any event's dates change.
        key = f"events:municipalities:{self.index.pk}:{dates_version()}"
        municipalities = cache.get(key)
        if municipalities is None:
            municipalities = list(
                apps.get_model("core", "Municipality")
                .objects.filter(
                    pk__in=EventOccurrence.objects.filter(agenda_id=self.index.pk).values(
                        "municipality_id"
                    )
                )
                .order_by("name")
                .only("name", "slug")
            )
            cache.set(key, municipalities, 3600)
        return {
            "municipalities": municipalities,
            "groups": terms_in_language("core.TargetGroup", locale, default),
            "accessibility": terms_in_language("core.AccessibilityFeature", locale, default),
            "editions": list(
                EventEdition.objects.filter(locale=default).only(
                    "name", "slug", "starts_on", "ends_on"
                )
            ),
            "when": [(key, str(label)) for key, label in WHEN_CHOICES.items()],
        }

    # --- the query -----------------------------------------------------------
    def evaluate(self):
        options = self.options()
        municipality_slugs = {m.slug for m in options["municipalities"]}
        editions = {e.slug: e for e in options["editions"]}
        selected = {
            "q": self._text("q"),
            "wanneer": "",
            "datum": self._date("datum", _("dag")),
            "van": self._date("van", _("begindatum")),
            "tot": self._date("tot", _("einddatum")),
            "gemeente": self._choices("gemeente", municipality_slugs, _("gemeente")),
            "doelgroep": self._choices("doelgroep", options["groups"], _("doelgroep")),
            "toegankelijk": self._choices(
                "toegankelijk", options["accessibility"], _("toegankelijkheid")
            ),
            "gratis": self.get.get("gratis") == "1",
            "editie": "",
            "weergave": "lijst",
        }
        when = self._text("wanneer")
        if when in WHEN_CHOICES:
            selected["wanneer"] = when
        elif when:
            self._unknown(when, _("periode"))
        edition = self._text("editie")
        if edition in editions:
            selected["editie"] = edition
        elif edition:
            self._unknown(edition, _("landelijke week"))
        view = self._text("weergave")
        if view in VIEWS:
            selected["weergave"] = view
        if selected["van"] and selected["tot"] and selected["tot"] < selected["van"]:
            self.notes.append(_("De einddatum lag vóór de begindatum; we hebben ze omgedraaid."))
            selected["van"], selected["tot"] = selected["tot"], selected["van"]

        occurrences = EventOccurrence.objects.filter(agenda_id=self.index.pk)
        if self.has_private_events():
            occurrences = occurrences.filter(event__in=self.index.events())
        first_day, last_day = self.date_range(selected, editions.get(selected["editie"]))
        if first_day:
            occurrences = occurrences.filter(ends_at__gte=start_of(first_day))
        if last_day:
            occurrences = occurrences.filter(
                starts_at__lt=start_of(last_day + dt.timedelta(days=1))
            )
        if self.archive:
            occurrences = occurrences.filter(ends_at__lt=self.now)
        elif not (first_day or self.whole_months):
            occurrences = occurrences.filter(ends_at__gte=self.now)
        if selected["editie"]:
            occurrences = occurrences.filter(event__edition__slug=selected["editie"])
        if selected["gemeente"]:
            # By id, so the (municipality, starts_at) index is used without a join.
            ids = [m.pk for m in options["municipalities"] if m.slug in selected["gemeente"]]
            occurrences = occurrences.filter(municipality_id__in=ids)
        if selected["gratis"]:
            occurrences = occurrences.filter(is_free=True)
        if selected["doelgroep"]:
            occurrences = occurrences.filter(
                event__in=self.index.events().filter(target_groups__slug__in=selected["doelgroep"])
            )
        for slug in selected["toegankelijk"]:
            occurrences = occurrences.filter(
                event__in=self.index.events().filter(accessibility__slug=slug)
            )
        if selected["q"]:
            words = selected["q"].split()[:8]
            for word in words:
                occurrences = occurrences.filter(
                    Q(event__title__icontains=word)
                    | Q(event__summary__icontains=word)
                    | Q(event__location_name__icontains=word)
                    | Q(event__city__icontains=word)
                    | Q(event__place__title__icontains=word)
                )
        ordering = ("-starts_at", "-pk") if self.archive else ("starts_at", "pk")
        return {
            "occurrences": occurrences.order_by(*ordering),
            "selected": selected,
            "options": options,
            "notes": self.notes,
            "range": (first_day, last_day),
            "range_label": self.range_label(first_day, last_day),
            "query": self.query_string(selected),
            "edition": editions.get(selected["editie"]),
        }

    def date_range(self, selected, edition):
        """The first and last day asked for, or (None, None) for "everything upcoming"."""
        today = self.today
        if selected["datum"]:
            return selected["datum"], selected["datum"]
        when = selected["wanneer"]
        if when == "vandaag":
            return today, today
        if when == "morgen":
            return today + dt.timedelta(days=1), today + dt.timedelta(days=1)
        if when == "deze-week":
            return today, today + dt.timedelta(days=6)
        if when == "weekend":
            saturday = today + dt.timedelta(days=(5 - today.weekday()) % 7)
            if today.weekday() == 6:
                saturday = today - dt.timedelta(days=1)
            return max(saturday, today), saturday + dt.timedelta(days=1)
        if selected["van"] or selected["tot"]:
            return selected["van"] or today, selected["tot"]
        if edition:
            return edition.starts_on, edition.ends_on
        return None, None

    @staticmethod
    def range_label(first_day, last_day):
        if not first_day:
            return ""
        if first_day == last_day:
            return date_format(first_day, "l j F Y")
        if last_day is None:
            return _("vanaf %(day)s") % {"day": date_format(first_day, "l j F Y")}
        return _("%(first)s tot en met %(last)s") % {
            "first": date_format(first_day, "l j F"),
            "last": date_format(last_day, "l j F Y"),
        }

    @staticmethod
    def query_string(selected, **overrides):
        """The filters as a GET string, for pagination, view switches, feeds and the map."""
        pairs = []
        values = {**selected, **overrides}
        for key in ("q", "wanneer", "datum", "van", "tot", "editie"):
            if values.get(key):
                pairs.append((key, str(values[key])))
        for key in ("gemeente", "doelgroep", "toegankelijk"):
            pairs.extend((key, value) for value in values.get(key) or [])
        if values.get("gratis"):
            pairs.append(("gratis", "1"))
        return urlencode(pairs)
