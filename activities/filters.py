"""Faceted filtering of the activity library, as plain GET parameters.

Within one facet the chosen options are combined with OR, across facets with AND.
Each option shows how many activities it would give together with the other
facets' choices. Everything happens in a fixed number of SQL queries, whatever the
number of activities. Unknown values are ignored with a note, never an error.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Count
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from core.i18n import active_locale, terms_in_language
from core.pagination import paginate

MAX_VALUES_PER_FACET = 20
PAGE_PARAM = "pagina"


@dataclass(frozen=True)
class Facet:
    param: str
    label: str
    model: str
    lookup: str


FACETS = [
    Facet("soort", _("Soort activiteit"), "activities.ActivityType", "activity_type__slug"),
    Facet("onderbouwing", _("Onderbouwing"), "activities.EvidenceLevel", "evidence_level__slug"),
    Facet("doelgroep", _("Doelgroep"), "core.TargetGroup", "target_groups__slug"),
    Facet("profiel", _("Interventieprofiel"), "activities.InterventionProfile", "profiles__slug"),
    Facet("onderdeel", _("Onderdeel van de aanpak"), "core.ApproachPart", "approach_parts__slug"),
]


@dataclass
class FacetResult:
    facet: Facet
    options: list = field(default_factory=list)  # dicts: slug, name, count, selected
    selected: list = field(default_factory=list)

    @property
    def param(self):
        return self.facet.param

    @property
    def label(self):
        return self.facet.label


class ActivityFilter:
    def __init__(self, index_page, request):
        self.index_page = index_page
        self.request = request
        self.notes = []

    def clean_values(self, facet, known):
        raw = [value.strip() for value in self.request.GET.getlist(facet.param)]
        raw = [value for value in raw if value]
        if len(raw) > MAX_VALUES_PER_FACET:
            self.notes.append(
                _("U koos te veel opties bij “%(facet)s”; we gebruiken de eerste %(max)s.")
                % {"facet": facet.label, "max": MAX_VALUES_PER_FACET}
            )
            raw = raw[:MAX_VALUES_PER_FACET]
        selected = []
        for value in raw:
            if value in known:
                if value not in selected:
                    selected.append(value)
            else:
                shown = value if len(value) <= 40 else value[:40] + "…"
                self.notes.append(
                    _(
                        "We kennen “%(value)s” niet bij “%(facet)s” en hebben dat filter overgeslagen."
                    )
                    % {"value": shown, "facet": facet.label}
                )
        return selected

    def evaluate(self):
        from .models import ActivityPage

        locale = active_locale(self.request)
        default_locale = Locale.get_default()
        base = ActivityPage.objects.child_of(self.index_page).live().public()

        terms = {f.param: terms_in_language(f.model, locale, default_locale) for f in FACETS}
        selected = {f.param: self.clean_values(f, terms[f.param]) for f in FACETS}

        def filtered(queryset, skip=None):
            for facet in FACETS:
                values = selected[facet.param]
                if values and facet.param != skip:
                    matching = ActivityPage.objects.filter(**{f"{facet.lookup}__in": values})
                    queryset = queryset.filter(pk__in=matching.values("pk"))
            return queryset

        facets = []
        for facet in FACETS:
            counts = dict(
                filtered(base, skip=facet.param)
                .order_by()
                .values_list(facet.lookup)
                .annotate(count=Count("pk", distinct=True))
            )
            options = [
                {
                    "slug": slug,
                    "name": term.name,
                    "count": counts.get(slug, 0),
                    "selected": slug in selected[facet.param],
                }
                for slug, term in terms[facet.param].items()
            ]
            facets.append(FacetResult(facet, options, selected[facet.param]))

        results = (
            filtered(base)
            .select_related("activity_type", "evidence_level")
            .prefetch_related("target_groups")
            .order_by(Lower("title"), "pk")  # like the handreiking: A-Z, case-insensitive
        )
        page = paginate(
            results,
            self.index_page.per_page or 20,
            self.request.GET.get(PAGE_PARAM, "1"),
            self.notes,
        )
        for activity in page.object_list:
            activity.type_term = terms["soort"].get(activity.activity_type.slug)
            activity.evidence_term = terms["onderbouwing"].get(activity.evidence_level.slug)
            activity.target_group_terms = [
                terms["doelgroep"][group.slug]
                for group in activity.target_groups.all()
                if group.slug in terms["doelgroep"]
            ]

        query = [(f.param, value) for f in FACETS for value in selected[f.param]]
        active = [
            {
                "facet": facet.label,
                "name": terms[facet.param][value].name,
                "remove_url": "?"
                + urlencode([pair for pair in query if pair != (facet.param, value)]),
            }
            for facet in FACETS
            for value in selected[facet.param]
        ]
        return {
            "facets": facets,
            "page": page,
            "total": page.paginator.count,
            "notes": self.notes,
            "active": active,
            "query": urlencode(query),
            "page_param": PAGE_PARAM,
        }
