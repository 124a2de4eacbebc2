"""One filter framework for every list on the site, on django-filter.

Each index (the activity library, the sociale kaart, the koplopers, the agenda) declares its
filters as a subclass of ``IndexFilterSet``, a ``django_filters.FilterSet``. The parameters
have one naming across the site: Dutch names for filters (``gemeente``, ``doelgroep``,
``wanneer``, ``gratis``, ``weergave``), ``q`` for the free text and ``pagina`` for the page
number (``core.pagination.PAGE_PARAM``).

What a visitor typed is cleaned before django-filter's form sees it: text is trimmed and cut
to ``MAX_TEXT`` characters, at most ``MAX_VALUES`` values are read per parameter, and a value
the list does not know is left out with one note (``unknown_value_note``), never an error.
A value of the wrong kind (a date that is not one) gets its note from the form field.

A filter with a ``field_name`` or a ``method`` filters the queryset; one without (a date
range, a postcode to sort by, the view) is a parameter the index reads from ``selected``.
"""

import copy
import datetime as dt
from functools import reduce
from operator import or_
from urllib.parse import urlencode

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from django_filters.constants import EMPTY_VALUES

from .pagination import page_number, paginate

MAX_TEXT = 100
MAX_VALUES = 20
MAX_WORDS = 8
MAX_YEARS_AHEAD = 5
SHOWN = 40  # characters of an unknown value repeated in a note


def shorten(value, length=SHOWN):
    return value if len(value) <= length else value[:length] + "…"


def lower_first(label):
    label = str(label)
    return label[:1].lower() + label[1:]


def unknown_value_note(value, label):
    """The one message for a value a list does not know: the list is shown without it."""
    return _("We kennen “%(value)s” niet als %(label)s en hebben dat filter overgeslagen.") % {
        "value": shorten(value),
        "label": lower_first(label),
    }


class DayField(forms.Field):
    """A day as jjjj-mm-dd, from 2000 up to ``MAX_YEARS_AHEAD`` years from now."""

    def to_python(self, value):
        if value in EMPTY_VALUES:
            return None
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            day = None
        if day is None or not (2000 <= day.year <= timezone.localdate().year + MAX_YEARS_AHEAD):
            raise ValidationError(
                _(
                    "“%(value)s” is geen datum die we kunnen gebruiken als %(label)s. "
                    "Gebruik jjjj-mm-dd."
                ),
                code="invalid",
                params={"value": value[:20], "label": lower_first(self.label)},
            )
        return day


class FlagField(forms.BooleanField):
    """A checkbox sent as ``1``: on, or None (so django-filter leaves the list alone)."""

    def to_python(self, value):
        return True if super().to_python(value) else None


class IndexFilter(django_filters.Filter):
    """A parameter of a list.

    ``in_query``: part of the list's URLs (``query_string``); otherwise only when asked for.
    ``default``: the value when none is chosen, left out of URLs.
    """

    empty_value = ""

    def __init__(self, field_name=None, *, in_query=True, default=None, **kwargs):
        self.filters_itself = field_name is not None or kwargs.get("method") is not None
        self.in_query = in_query
        self.default = self.empty_value if default is None else default
        super().__init__(field_name, **kwargs)

    def read(self, values, known, filterset):
        """The cleaned strings of the raw GET ``values`` (the last one counts)."""
        value = values[-1].strip()[:MAX_TEXT] if values else ""
        return [value] if value else []

    def filter(self, qs, value):
        if not self.filters_itself:
            return qs
        return super().filter(qs, value)

    def query_values(self, value):
        if value in EMPTY_VALUES or value is False or value == self.default:
            return []
        if value is True:
            return ["1"]
        if isinstance(value, dt.date):
            return [value.isoformat()]
        return [str(value)]


class Text(IndexFilter):
    """Free text. With ``search`` fields, every word must be in one of them."""

    field_class = forms.CharField

    def __init__(self, field_name=None, *, search=(), **kwargs):
        self.search = list(search)
        super().__init__(field_name, **kwargs)
        self.filters_itself = self.filters_itself or bool(self.search)

    def filter(self, qs, value):
        if not value or not self.search:
            return super().filter(qs, value)
        for word in value.split()[:MAX_WORDS]:
            qs = qs.filter(reduce(or_, (Q(**{f"{name}__icontains": word}) for name in self.search)))
        return qs


class Day(IndexFilter):
    """A day as jjjj-mm-dd."""

    field_class = DayField
    empty_value = None


class Flag(IndexFilter):
    """A checkbox: ``1`` switches it on, anything else leaves it off."""

    field_class = FlagField
    empty_value = False

    def read(self, values, known, filterset):
        return ["1"] if values and values[-1] == "1" else []

    def filter(self, qs, value):
        if not value or not self.filters_itself:
            return qs
        return qs.filter(**{self.field_name: True})


class Choice(IndexFilter):
    """One value of the list's options for this parameter; ``quiet``: no note when unknown."""

    field_class = forms.ChoiceField

    def __init__(self, field_name=None, *, quiet=False, **kwargs):
        self.quiet = quiet
        super().__init__(field_name, **kwargs)

    def read(self, values, known, filterset):
        chosen = super().read(values, known, filterset)
        if chosen and chosen[0] not in known:
            if not self.quiet:
                filterset.notes.append(unknown_value_note(chosen[0], self.label))
            return []
        return chosen


class Choices(IndexFilter):
    """Several values of the list's options: any of them matches (``conjoined``: all must).

    ``subquery`` for a to-many relation: matches by ``pk__in``, so no row comes twice.
    """

    field_class = forms.MultipleChoiceField

    @property
    def empty_value(self):
        return []

    def __init__(self, field_name=None, *, subquery=False, conjoined=False, **kwargs):
        self.subquery = subquery
        self.conjoined = conjoined
        super().__init__(field_name, **kwargs)

    def read(self, values, known, filterset):
        values = [value.strip()[:MAX_TEXT] for value in values]
        values = [value for value in values if value]
        if len(values) > MAX_VALUES:
            filterset.notes.append(
                _("U koos te veel opties bij “%(facet)s”; we gebruiken de eerste %(max)s.")
                % {"facet": self.label, "max": MAX_VALUES}
            )
            values = values[:MAX_VALUES]
        chosen = []
        for value in values:
            if value not in known:
                filterset.notes.append(unknown_value_note(value, self.label))
            elif value not in chosen:
                chosen.append(value)
        return chosen

    def filter(self, qs, value):
        if not value or not self.filters_itself:
            return qs
        groups = [[item] for item in value] if self.conjoined else [value]
        for group in groups:
            lookup = {f"{self.field_name}__in": group}
            if self.subquery:
                qs = qs.filter(pk__in=qs.model.objects.filter(**lookup).values("pk"))
            else:
                qs = qs.filter(**lookup)
        return qs

    def query_values(self, value):
        return [str(item) for item in value or []]


class IndexFilterSet(django_filters.FilterSet):
    """The filters of one list, read from ``request.GET``.

    Subclasses declare their filters and give the known values of each ``Choice`` and
    ``Choices`` in ``get_options()``. What the templates read: ``selected`` (the cleaned
    value of every parameter), ``options``, ``notes`` and ``query`` (the filters as an
    encoded GET string, for page links, exports and the map's data).
    """

    def __init__(self, request, queryset):
        super().__init__(request.GET, queryset=queryset, request=request)
        self.notes = []
        self.options = self.get_options()
        self.data = self.clean_data(request.GET)
        for name, known in self.options.items():
            if name in self.filters:
                self.filters[name].extra["choices"] = [(str(value), "") for value in known]
        self.selected = self.read_selected()

    def get_options(self):
        """{parameter: its known values, a dict keyed by value or a list}.

        A callable is called with the parameters cleaned so far, for options that depend on
        an earlier one (the districts of the chosen municipality).
        """
        return {}

    def clean_data(self, raw):
        cleaned = MultiValueDict()
        for name, filter_ in self.filters.items():
            known = self.options.get(name)
            if callable(known):
                known = self.options[name] = known(cleaned)
            values = filter_.read(raw.getlist(name), known or (), self)
            if values:
                cleaned.setlist(name, values)
        return cleaned

    def read_selected(self):
        """The cleaned value of every parameter; what the form refused gets a note."""
        form = self.form
        for errors in form.errors.values():
            self.notes.extend(errors)
        selected = {}
        for name, filter_ in self.filters.items():
            value = form.cleaned_data.get(name)
            selected[name] = copy.copy(filter_.default) if value in EMPTY_VALUES else value
        return selected

    @property
    def query(self):
        return self.query_string(self.selected)

    @classmethod
    def query_string(cls, selected, **overrides):
        """The filters as an encoded GET string; ``overrides`` change or add parameters."""
        values = {**selected, **overrides}
        pairs = []
        for name, filter_ in cls.base_filters.items():
            if filter_.in_query or name in overrides:
                pairs.extend((name, text) for text in filter_.query_values(values.get(name)))
        return urlencode(pairs)

    def facet_counts(self, name):
        """{value of ``name``: results it gives together with the other parameters' choices}."""
        queryset = self.queryset.all()
        for other, value in self.form.cleaned_data.items():
            if other != name:
                queryset = self.filters[other].filter(queryset, value)
        return dict(
            queryset.order_by()
            .values_list(self.filters[name].field_name)
            .annotate(count=Count("pk", distinct=True))
        )

    def chosen(self):
        """Every chosen option, with the URL of this list without it."""
        selected = self.selected
        links = []
        for name, filter_ in self.filters.items():
            if not isinstance(filter_, Choice | Choices) or not selected[name]:
                continue
            values = selected[name] if isinstance(selected[name], list) else [selected[name]]
            for value in values:
                rest = [other for other in values if other != value]
                links.append(
                    {
                        "facet": filter_.label,
                        "name": self.option_name(name, value),
                        "remove_url": "?"
                        + self.query_string(selected, **{name: rest if rest else ""}),
                    }
                )
        return links

    def option_name(self, name, value):
        """What the visitor sees for ``value``: a term's name, or the value itself."""
        options = self.options.get(name)
        shown = options.get(value, value) if isinstance(options, dict) else value
        return getattr(shown, "name", shown)

    def paginate(self, items, per_page, **kwargs):
        return paginate(items, per_page, page_number(self.request), self.notes, **kwargs)
