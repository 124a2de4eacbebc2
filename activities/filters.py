"""Faceted filtering of the activity library (core/filters.py), as plain GET parameters.

Within one facet the chosen options are combined with OR, across facets with AND.
Each option shows how many activities it would give together with the other
facets' choices. Everything happens in a fixed number of SQL queries, whatever the
number of activities. Unknown values are ignored with a note, never an error.
"""

import copy

from django.apps import apps
from django.core.paginator import Paginator
from django.db import connections
from django.db.models import CharField, Count, F, Value
from django.db.models.functions import Lower
from django.template.loader import get_template
from django.utils import formats
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.filters import Choices, IndexFilterSet
from core.i18n import active_locale, default_locale
from core.page_cache import Fragment, page_card_tags, render_many

from .page_urls import child_url
from .terms import RawRows, build, cached_terms_in_language_many, prepared_rows

FACET_MODELS = {
    "soort": "activities.ActivityType",
    "onderbouwing": "activities.EvidenceLevel",
    "doelgroep": "core.TargetGroup",
    "profiel": "activities.InterventionProfile",
    "onderdeel": "core.ApproachPart",
}

TOTAL = "__total__"


OPTION_HTML = (
    '<div class="facet__option">'
    '<input type="checkbox" id="f-{param}-{slug}" name="{param}" value="{slug}"{checked}>'
    '<label for="f-{param}-{slug}">{name} <span class="facet__count">({count}'
    '<span class="visually-hidden"> {unit}</span>)</span></label></div>'
)


def options_html(facet):
    """A facet's checkboxes: some forty per page, cheaper as one string than as template
    nodes per option."""
    unit = gettext("activiteiten")
    checked = mark_safe(" checked")
    return format_html_join(
        "\n",
        OPTION_HTML,
        (
            {
                "param": facet["param"],
                "slug": option["slug"],
                "checked": checked if option["selected"] else "",
                "name": option["name"],
                "count": formats.localize(option["count"]),
                "unit": unit,
            }
            for option in facet["options"]
        ),
    )


def counted(total, rows=None):
    """A paginator that knows its count already (from the facets' query): no COUNT query.

    ``rows(bottom, top)``, when given, reads a page's rows (None: the ORM reads them).
    """

    class CountedPaginator(Paginator):
        count = total

        def page(self, number):
            number = self.validate_number(number)
            bottom = (number - 1) * self.per_page
            found = rows(bottom, bottom + self.per_page) if rows is not None else None
            if found is None:
                return super().page(number)
            return self._get_page(found, number, self)

    return CountedPaginator


CARD_FIELDS = ("title", "essence", "url_path", "locale_id", "path", "last_published_at")
PREPARED_PAGES = 10  # the pages of the list without choices whose SQL is compiled once


class FormWhenChosen:
    """For an ``IndexFilterSet``: no django-filter form for a list without choices.

    The usual visit chooses nothing; building and cleaning the form (a deep copy of its
    fields) would only give every parameter its default. With choices the form is built
    and cleaned as before, on first use.
    """

    def read_selected(self):
        if self.data:
            return super().read_selected()
        return {name: copy.copy(filter_.default) for name, filter_ in self.filters.items()}

    @property
    def form(self):
        """django-filter's form, cleaned (``read_selected`` may not have built it)."""
        form = super().form
        form.errors  # noqa: B018 -- cleans the form once
        return form

    def nothing_chosen(self):
        return not self.data or not any(self.form.cleaned_data.values())

    def chosen_qs(self):
        """``qs``: the list filtered by the choices (without choices: all of it)."""
        return self.queryset.all() if not self.data else self.qs


class ActivityFilter(FormWhenChosen, IndexFilterSet):
    soort = Choices("activity_type__slug", label=_("Soort activiteit"), subquery=True)
    onderbouwing = Choices("evidence_level__slug", label=_("Onderbouwing"), subquery=True)
    doelgroep = Choices("target_groups__slug", label=_("Doelgroep"), subquery=True)
    profiel = Choices("profiles__slug", label=_("Interventieprofiel"), subquery=True)
    onderdeel = Choices("approach_parts__slug", label=_("Onderdeel van de aanpak"), subquery=True)

    def __init__(self, index_page, request, activities, sql_key=None):
        """``activities``: the live, public activities of ``index_page``. ``sql_key``: what
        their query depends on (the index's place in the tree, the private sections), so
        the counts of a list without choices run SQL compiled once (``prepared_rows``)."""
        self.index_page = index_page
        self.sql_key = sql_key
        super().__init__(request, activities)

    def get_options(self):
        """Every facet's terms in the visitor's language: one query for all five, kept between
        page-cache misses until a term changes."""
        return cached_terms_in_language_many(
            self.request,
            {param: apps.get_model(label) for param, label in FACET_MODELS.items()},
            active_locale(self.request),
            default_locale(),
        )

    def facets(self):
        """Each facet with its options: slug, name, count (with the other facets) and selected."""
        selected = self.selected
        all_counts, self.total = self.counts()
        facets = []
        for name, filter_ in self.filters.items():
            counts = all_counts[name]
            facets.append(
                {
                    "param": name,
                    "label": filter_.label,
                    "options": [
                        {
                            "slug": slug,
                            "name": term.name,
                            "count": counts.get(slug, 0),
                            "selected": slug in selected[name],
                        }
                        for slug, term in self.options[name].items()
                    ],
                }
            )
        for facet in facets:
            facet["options_html"] = options_html(facet)
        return facets

    def all_facet_counts(self):
        """Every facet's counts (as ``facet_counts``) in one UNION ALL query, not one per facet."""
        return self.counts(with_total=False)[0]

    def counts(self, with_total=True):
        """(every facet's counts, the number of results): one query, so the list's pages
        need no count of their own."""
        if self.sql_key is not None and self.nothing_chosen():
            # Nothing chosen: the same SQL on every request of this list.
            key = ("activity_counts", self.sql_key, with_total)
            rows = prepared_rows(key, lambda: self._all_counts_sql(with_total))
        else:
            rows = self._counts_query(with_total)
        counts = {name: {} for name in self.filters}
        total = None
        for facet, value, count in rows:
            if facet == TOTAL:
                total = count
            else:
                counts[facet][value] = count
        return counts, total

    def _counts_query(self, with_total):
        parts = []
        for name in self.filters:
            queryset = self.queryset.all()
            for other, value in self.form.cleaned_data.items():
                if other != name:
                    queryset = self.filters[other].filter(queryset, value)
            parts.append(
                queryset.order_by()
                .annotate(facet=Value(name))
                .values_list("facet", self.filters[name].field_name)
                .annotate(count=Count("pk", distinct=True))
            )
        if with_total:
            parts.append(
                self.qs.order_by()
                .annotate(facet=Value(TOTAL), value=Value("", output_field=CharField()))
                .values_list("facet", "value")
                .annotate(count=Count("pk"))
            )
        return parts[0].union(*parts[1:], all=True)

    def _all_counts_sql(self, with_total):
        """``_counts_query`` without choices as one scan of the activities (a CTE each facet
        joins), not one scan per facet: PostgreSQL plans and runs it in half the time."""
        model = self.queryset.model
        relations = {
            name: model._meta.get_field(filter_.field_name.split("__")[0])
            for name, filter_ in self.filters.items()
        }
        singles = [field for field in relations.values() if not field.many_to_many]
        base = self.queryset.order_by().values_list("pk", *(field.attname for field in singles))
        base_sql, base_params = base.query.sql_with_params()
        quote = connections[base.db].ops.quote_name
        parts, names = [], []
        for name, filter_ in self.filters.items():
            field = relations[name]
            target = field.related_model._meta
            slug = f"x.{quote(target.get_field(filter_.field_name.split('__')[1]).column)}"
            target_pk = f"x.{quote(target.pk.column)}"
            if field.many_to_many:
                through = quote(field.remote_field.through._meta.db_table)
                joins = (
                    f"LEFT JOIN {through} r ON r.{quote(field.m2m_column_name())} = a.id "
                    f"LEFT JOIN {quote(target.db_table)} x "
                    f"ON {target_pk} = r.{quote(field.m2m_reverse_name())}"
                )
                count = "COUNT(DISTINCT a.id)"
            else:
                joins = f"INNER JOIN {quote(target.db_table)} x ON {target_pk} = a.c{singles.index(field)}"
                count = "COUNT(*)"  # one row per activity
            parts.append(f"SELECT %s, {slug}, {count} FROM a {joins} GROUP BY {slug}")
            names.append(name)
        if with_total:
            parts.append("SELECT %s, '', COUNT(*) FROM a")
            names.append(TOTAL)
        columns = ", ".join(["id", *(f"c{index}" for index in range(len(singles)))])
        sql = f"WITH a ({columns}) AS ({base_sql}) " + " UNION ALL ".join(parts)
        return RawRows(sql, (*base_params, *names), base.db)

    def evaluate(self, extra=()):
        """The list, its facets and its cards; ``extra``: more shared fragments, read with
        the cards (their HTML in ``extra``)."""
        selected = self.selected
        nothing_chosen = self.nothing_chosen()
        # Only what a card's key and its HTML need: title, essence, the address, the version
        # and the slugs of type and level.
        results = (
            self.chosen_qs()
            .only(*CARD_FIELDS)
            .annotate(type_slug=F("activity_type__slug"), level_slug=F("evidence_level__slug"))
            .order_by(Lower("title"), "pk")  # like the handreiking: A-Z, case-insensitive
        )
        facets = self.facets()
        rows = None
        if self.sql_key is not None and nothing_chosen:
            rows = self.prepared_rows
        page = self.paginate(
            results, self.index_page.per_page or 20, paginator_class=counted(self.total, rows)
        )
        activities = list(page.object_list)
        cards = self.cards(activities, extra)
        return {
            "facets": facets,
            "page": page,
            "cards": cards[: len(activities)],
            "extra": cards[len(activities) :],
            "total": page.paginator.count,
            "notes": self.notes,
            "active": self.chosen(),
            "selected": selected,
            "query": self.query,
        }

    def prepared_rows(self, bottom, top):
        """A page of the list without choices: the same SQL on every request of this page
        number, compiled once (``prepared_rows``). Only the first pages: the compiled
        statements are kept per page number, and few visitors page far."""
        if bottom >= PREPARED_PAGES * (top - bottom):
            return None
        model = self.queryset.model

        def query():
            return (
                self.queryset.annotate(
                    type_slug=F("activity_type__slug"), level_slug=F("evidence_level__slug")
                )
                .order_by(Lower("title"), "pk")
                .values_list("pk", *CARD_FIELDS, "type_slug", "level_slug")[bottom:top]
            )

        activities = []
        for pk, *values in prepared_rows(("activity_list", self.sql_key, bottom, top), query):
            *fields, type_slug, level_slug = values
            activity = build(
                model, {"id": pk, "page_ptr_id": pk, **dict(zip(CARD_FIELDS, fields, strict=True))}
            )
            activity.type_slug, activity.level_slug = type_slug, level_slug
            activities.append(activity)
        return activities

    def cards(self, activities, extra=()):
        """The cards of ``activities``: shared fragments, kept between page-cache misses.

        A card shows its activity (its version: ``last_published_at``) and the names of its
        type, level and target groups (snippets: the ``LISTS`` tag). Its link is the index's
        address and the activity's slug: the activities are the index's children. The
        target groups are read (one query for all) only when some card is not cached.
        """
        terms = self.options
        index_url = self.index_page.get_url(self.request)
        template = get_template("activities/activity_card.html")
        groups = {}

        def target_groups():
            if not groups:
                groups[None] = True
                through = self.queryset.model.target_groups.through.objects
                for activity_id, slug in (
                    through.filter(activitypage_id__in=[activity.pk for activity in activities])
                    .order_by("targetgroup__name", "targetgroup_id")
                    .values_list("activitypage_id", "targetgroup__slug")
                ):
                    groups.setdefault(activity_id, []).append(slug)
            return groups

        def render(activity):
            activity.card_url = child_url(index_url, activity, self.request)
            activity.type_term = terms["soort"].get(activity.type_slug)
            activity.evidence_term = terms["onderbouwing"].get(activity.level_slug)
            activity.target_group_terms = [
                terms["doelgroep"][slug]
                for slug in target_groups().get(activity.pk, ())
                if slug in terms["doelgroep"]
            ]
            return template.render({"activity": activity})

        return render_many(
            self.request,
            [
                Fragment(
                    "activities:card",
                    parts=(activity.pk, activity.last_published_at, index_url),
                    render=lambda activity=activity: render(activity),
                    tags=page_card_tags(activity),
                )
                for activity in activities
            ]
            + list(extra),
        )
