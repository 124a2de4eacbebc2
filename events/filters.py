"""The agenda's filters (core/filters.py): GET parameters in, one occurrence queryset out.

Everything is filtered in the database on ``EventOccurrence``; what a visitor typed wrongly is
ignored with a note, never an error. The same filter feeds the list, calendar, map and feed.
"""

import copy
import datetime as dt
import time
from functools import cache

from django.db.models import DateField, F, Value
from django.dispatch import receiver
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.filters import MAX_YEARS_AHEAD, Choice, Choices, Day, Flag, IndexFilterSet, Text
from core.i18n import active_locale, default_locale
from core.imports.signals import import_finished
from core.models import AccessibilityFeature, Municipality, TargetGroup, view_restrictions
from core.page_cache.tags import ALL, LISTS, get_entry, set_entry

from .models import EventEdition, EventOccurrence, event_url
from .occurrences import bump_version
from .occurrences import version as dates_version
from .recurrence import AMSTERDAM

__all__ = ["MAX_YEARS_AHEAD", "EventFilter", "event_url", "start_of"]

WHEN_CHOICES = {
    "vandaag": gettext_lazy("Vandaag"),
    "morgen": gettext_lazy("Morgen"),
    "deze-week": gettext_lazy("Deze week"),
    "weekend": gettext_lazy("Dit weekend"),
}
VIEWS = ("lijst", "kalender", "kaart")
# Parameters that change how the list is shown, not which dates are in it.
VIEW_ONLY = ("weergave", "data")


def start_of(day):
    return dt.datetime.combine(day, dt.time.min, tzinfo=AMSTERDAM)


@receiver(import_finished, dispatch_uid="events.filters.import_finished")
def forget_options_after_import(sender, **kwargs):
    """An import of events (or of places, whose events follow them) changes which
    municipalities have dates: the cached options go, once the import has committed, so a
    request made while it ran cannot keep the old list for an hour."""
    bump_version()


def option_rows(locale, default):
    """(editions, target groups by slug, accessibility features by slug): one query for all.

    The live national weeks of the default language (one waiting for a moderator's approval
    is not offered yet), newest first; the terms named in the visitor's language where
    translated, else in the default one, by name (as ``core.i18n.terms_in_language``).
    """
    no_date = Value(None, output_field=DateField())

    def columns(queryset, kind, starts_on, ends_on):
        return queryset.order_by().values_list(
            Value(kind),
            F("id"),
            F("name"),
            F("slug"),
            F("locale_id"),
            F("translation_key"),
            starts_on,
            ends_on,
        )

    locales = {locale.pk, default.pk}
    editions = EventEdition.objects.filter(locale=default, live=True)
    rows = columns(editions, 0, F("starts_on"), F("ends_on")).union(
        columns(TargetGroup.objects.filter(locale__in=locales), 1, no_date, no_date),
        columns(AccessibilityFeature.objects.filter(locale__in=locales), 2, no_date, no_date),
        all=True,
    )
    found = ([], {}, {})
    for kind, pk, name, slug, locale_id, key, starts_on, ends_on in rows:
        common = {"id": pk, "name": name, "slug": slug, "locale_id": locale_id}
        if kind == 0:
            found[0].append(
                EventEdition(**common, translation_key=key, starts_on=starts_on, ends_on=ends_on)
            )
            continue
        terms = found[kind]
        if slug not in terms or locale_id == locale.pk:
            terms[slug] = TERM_MODELS[kind](**common, translation_key=key)
    found[0].sort(key=lambda edition: edition.starts_on, reverse=True)
    return (
        found[0],
        *(dict(sorted(terms.items(), key=lambda item: item[1].name)) for terms in found[1:]),
    )


TERM_MODELS = {1: TargetGroup, 2: AccessibilityFeature}


@cache
def _form_class(filterset_class):
    """The form of ``filterset_class`` as django-filter makes it, without any options."""
    filters = copy.deepcopy(filterset_class.base_filters)
    fields = {name: filter_.field for name, filter_ in filters.items()}
    return type(f"{filterset_class.__name__}Form", (filterset_class._meta.form,), fields)


class EventFilter(IndexFilterSet):
    q = Text(
        label=gettext_lazy("Zoekwoord"),
        search=[
            "event__title",
            "event__summary",
            "event__location_name",
            "event__city",
            "event__place__title",
        ],
    )
    wanneer = Choice(label=gettext_lazy("Periode"))  # the dates: see date_range()
    datum = Day(label=gettext_lazy("Dag"))
    van = Day(label=gettext_lazy("begindatum"))
    tot = Day(label=gettext_lazy("einddatum"))
    editie = Choice("event__edition__slug", label=gettext_lazy("Landelijke week"))
    gemeente = Choices(label=gettext_lazy("Gemeente"), method="filter_gemeente")
    doelgroep = Choices(label=gettext_lazy("Doelgroep"), method="filter_doelgroep")
    toegankelijk = Choices(label=gettext_lazy("Toegankelijkheid"), method="filter_toegankelijk")
    gratis = Flag(label=gettext_lazy("Gratis"), method="filter_gratis")
    weergave = Choice(
        label=gettext_lazy("Weergave van de agenda"), quiet=True, default="lijst", in_query=False
    )
    # "alle": every date of a series in the list; by default a series shows once.
    data = Choice(label=gettext_lazy("Alle data"), quiet=True, default="")

    def __init__(self, index, request, archive=False, whole_months=False):
        self.index = index
        self.archive = archive
        # The month calendar shows the days already past this month too.
        self.whole_months = whole_months
        self.today = timezone.localdate(timezone=AMSTERDAM)
        self.now = timezone.now()
        self.request = request
        occurrences = EventOccurrence.objects.filter(agenda_id=index.pk)
        self.private = self.has_private_events()
        if self.private:
            occurrences = occurrences.filter(event__in=index.events(request))
        super().__init__(request, occurrences)

    @property
    def form(self):
        """django-filter's form, of a class made once per process (``_form_class``) rather
        than on every request; the options, which editors change, go on each form's own
        copies of the fields."""
        if not hasattr(self, "_form"):
            form = _form_class(type(self))(self.data, prefix=self.form_prefix)
            for name, filter_ in self.filters.items():
                if "choices" in filter_.extra:
                    form.fields[name].choices = filter_.extra["choices"]
            self._form = form
        return self._form

    def unfiltered(self):
        """Nothing narrows the list: every date still to end, as a first visit shows it
        (``events.series``: the same SQL on every request)."""
        if self.archive or self.whole_months or self.private:
            return False
        cleaned = self.form.cleaned_data
        return not any(
            self.selected[name] or cleaned.get(name)
            for name in self.filters
            if name not in VIEW_ONLY
        )

    def has_private_events(self):
        """Occurrences exist only for live events; only a view restriction needs the page tree.

        From the restrictions read once per request (the page's other lists use them too).
        """
        index = self.index
        return any(
            restriction.page.path.startswith(index.path) and restriction.page.depth > index.depth
            for restriction in view_restrictions(self.request)
        )

    def municipalities(self):
        """Municipalities with dates in this agenda (a scan of the occurrence table)."""
        return list(
            Municipality.objects.filter(
                pk__in=EventOccurrence.objects.filter(agenda_id=self.index.pk).values(
                    "municipality_id"
                )
            )
            .order_by("name")
            .only("name", "slug")
        )

    def option_data(self, locale):
        """(editions, target groups, features, municipalities) for this agenda and language.

        The same for every visitor of the agenda in that language, whatever they filter on:
        kept in the cache until any event's dates change (the version in the key) or a
        snippet changes (the page cache's ``lists`` tag, purged on every snippet save), so
        a page-cache miss reads one cache entry (with its tags' versions, in the same round
        trip) instead of scanning the tables.
        """
        default = default_locale()
        version = dates_version(self.request)
        key = f"events:filter-options:{self.index.pk}:{locale.pk}:{default.pk}:{version}"
        tags = (ALL, LISTS)
        entry = get_entry(key, tags)  # the entry and its tags' versions in one read
        if entry is not None:
            return entry
        started_ns = time.time_ns()
        value = (*option_rows(locale, default), self.municipalities())
        # Not kept when a snippet changed while reading.
        set_entry(key, value, tags, started_ns, 3600)
        return value

    def get_options(self):
        editions, target_groups, features, municipalities = self.option_data(
            active_locale(self.request)
        )
        return {
            "wanneer": {key: str(label) for key, label in WHEN_CHOICES.items()},
            "editie": {edition.slug: edition for edition in editions},
            "gemeente": {municipality.slug: municipality for municipality in municipalities},
            "doelgroep": target_groups,
            "toegankelijk": features,
            "weergave": VIEWS,
            "data": ("alle",),
        }

    # --- the filters that need more than a lookup ------------------------------
    def filter_gemeente(self, queryset, name, value):
        # By id, so the (municipality, starts_at) index is used without a join.
        ids = [self.options["gemeente"][slug].pk for slug in value]
        return queryset.filter(municipality_id__in=ids)

    def filter_doelgroep(self, queryset, name, value):
        return queryset.filter(
            event__in=self.index.events(self.request).filter(target_groups__slug__in=value)
        )

    def filter_toegankelijk(self, queryset, name, value):
        for slug in value:  # every chosen feature
            queryset = queryset.filter(
                event__in=self.index.events(self.request).filter(accessibility__slug=slug)
            )
        return queryset

    def filter_gratis(self, queryset, name, value):
        """Dates known to be free ("gratis"); not those whose cost is unknown."""
        return queryset.filter(is_free=True)

    # --- the query -----------------------------------------------------------
    def evaluate(self):
        selected = self.selected
        if selected["van"] and selected["tot"] and selected["tot"] < selected["van"]:
            self.notes.append(_("De einddatum lag vóór de begindatum; we hebben ze omgedraaid."))
            selected["van"], selected["tot"] = selected["tot"], selected["van"]
        edition = self.options["editie"].get(selected["editie"])
        first_day, last_day = self.date_range(selected, edition)
        occurrences = self.qs
        if first_day:
            occurrences = occurrences.filter(ends_at__gte=start_of(first_day))
        if last_day:
            occurrences = occurrences.filter(
                starts_at__lt=start_of(last_day + dt.timedelta(days=1))
            )
        if self.archive:
            occurrences = occurrences.filter(ends_at__lt=self.now)
        elif not self.whole_months and (first_day is None or first_day >= self.today):
            # What is on from now: "Vandaag" leaves out what ended this morning. A period
            # asked for that began earlier (a day in the month calendar, a national week
            # under way) still lists all of it.
            occurrences = occurrences.filter(ends_at__gte=self.now)
        ordering = ("-starts_at", "-pk") if self.archive else ("starts_at", "pk")
        return {
            "occurrences": occurrences.order_by(*ordering),
            "selected": selected,
            "options": self.options,
            "notes": self.notes,
            "range": (first_day, last_day),
            "range_label": self.range_label(first_day, last_day),
            "query": self.query,
            "page_query": self.query_string(selected, weergave=selected["weergave"]),
            "edition": edition,
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
