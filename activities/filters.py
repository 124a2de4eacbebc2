"""Faceted filtering of the activity library (core/filters.py), as plain GET parameters.

Within one facet the chosen options are combined with OR, across facets with AND.
Each option shows how many activities it would give together with the other
facets' choices. Everything happens in a fixed number of SQL queries, whatever the
number of activities. Unknown values are ignored with a note, never an error.
"""

from django.db.models import Count, Value
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from core.filters import Choices, IndexFilterSet
from core.i18n import active_locale, terms_in_language

FACET_MODELS = {
    "soort": "activities.ActivityType",
    "onderbouwing": "activities.EvidenceLevel",
    "doelgroep": "core.TargetGroup",
    "profiel": "activities.InterventionProfile",
    "onderdeel": "core.ApproachPart",
}


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
        locale = active_locale(self.request)
        default_locale = Locale.get_default()
        return {
            param: terms_in_language(model, locale, default_locale)
            for param, model in FACET_MODELS.items()
        }

    def facets(self):
        """Each facet with its options: slug, name, count (with the other facets) and selected."""
        selected = self.selected
        all_counts = self.all_facet_counts()
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
        counts = {name: {} for name in self.filters}
        for facet, value, count in parts[0].union(*parts[1:], all=True):
            counts[facet][value] = count
        return counts

    def evaluate(self):
        selected = self.selected
        results = (
            self.qs.select_related("activity_type", "evidence_level")
            .prefetch_related("target_groups")
            .order_by(Lower("title"), "pk")  # like the handreiking: A-Z, case-insensitive
        )
        facets = self.facets()
        page = self.paginate(results, self.index_page.per_page or 20)
        terms = self.options
        for activity in page.object_list:
            activity.type_term = terms["soort"].get(activity.activity_type.slug)
            activity.evidence_term = terms["onderbouwing"].get(activity.evidence_level.slug)
            activity.target_group_terms = [
                terms["doelgroep"][group.slug]
                for group in activity.target_groups.all()
                if group.slug in terms["doelgroep"]
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
