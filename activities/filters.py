"""Faceted filtering of the activity library (core/filters.py), as plain GET parameters.

Within one facet the chosen options are combined with OR, across facets with AND.
Each option shows how many activities it would give together with the other
facets' choices. Everything happens in a fixed number of SQL queries, whatever the
number of activities. Unknown values are ignored with a note, never an error.
"""

from django.apps import apps
from django.core.paginator import Paginator
from django.db.models import CharField, Count, F, Value
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from core.filters import Choices, IndexFilterSet
from core.i18n import active_locale, default_locale

from .terms import terms_in_language_many

FACET_MODELS = {
    "soort": "activities.ActivityType",
    "onderbouwing": "activities.EvidenceLevel",
    "doelgroep": "core.TargetGroup",
    "profiel": "activities.InterventionProfile",
    "onderdeel": "core.ApproachPart",
}

TOTAL = "__total__"


def counted(total):
    """A paginator that knows its count already (from the facets' query): no COUNT query."""

    class CountedPaginator(Paginator):
        count = total

    return CountedPaginator


class ActivityFilter(IndexFilterSet):
    soort = Choices("activity_type__slug", label=_("Soort activiteit"), subquery=True)
    onderbouwing = Choices("evidence_level__slug", label=_("Onderbouwing"), subquery=True)
    doelgroep = Choices("target_groups__slug", label=_("Doelgroep"), subquery=True)
    profiel = Choices("profiles__slug", label=_("Interventieprofiel"), subquery=True)
    onderdeel = Choices("approach_parts__slug", label=_("Onderdeel van de aanpak"), subquery=True)

    def __init__(self, index_page, request, activities):
        """``activities``: the live, public activities of ``index_page``."""
        self.index_page = index_page
        super().__init__(request, activities)

    def get_options(self):
        """Every facet's terms in the visitor's language, in one query for all five."""
        return terms_in_language_many(
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
        return facets

    def all_facet_counts(self):
        """Every facet's counts (as ``facet_counts``) in one UNION ALL query, not one per facet."""
        return self.counts(with_total=False)[0]

    def counts(self, with_total=True):
        """(every facet's counts, the number of results): one query, so the list's pages
        need no count of their own."""
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
        counts = {name: {} for name in self.filters}
        total = None
        for facet, value, count in parts[0].union(*parts[1:], all=True):
            if facet == TOTAL:
                total = count
            else:
                counts[facet][value] = count
        return counts, total

    def evaluate(self):
        selected = self.selected
        # Only what a card shows: title, essence, the URL and the slugs of type and level.
        results = (
            self.qs.only("title", "essence", "url_path", "locale_id")
            .annotate(type_slug=F("activity_type__slug"), level_slug=F("evidence_level__slug"))
            .order_by(Lower("title"), "pk")  # like the handreiking: A-Z, case-insensitive
        )
        facets = self.facets()
        page = self.paginate(
            results, self.index_page.per_page or 20, paginator_class=counted(self.total)
        )
        terms = self.options
        activities = list(page.object_list)
        groups = {}
        through = self.queryset.model.target_groups.through.objects
        for activity_id, slug in (
            through.filter(activitypage_id__in=[activity.pk for activity in activities])
            .order_by("targetgroup__name", "targetgroup_id")
            .values_list("activitypage_id", "targetgroup__slug")
        ):
            groups.setdefault(activity_id, []).append(slug)
        for activity in activities:
            activity.type_term = terms["soort"].get(activity.type_slug)
            activity.evidence_term = terms["onderbouwing"].get(activity.level_slug)
            activity.target_group_terms = [
                terms["doelgroep"][slug]
                for slug in groups.get(activity.pk, ())
                if slug in terms["doelgroep"]
            ]
        return {
            "facets": facets,
            "page": page,
            "total": page.paginator.count,
            "notes": self.notes,
            "active": self.chosen(),
            "selected": selected,
            "query": self.query,
        }
