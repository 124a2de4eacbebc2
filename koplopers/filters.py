"""The koplopers' filters: province, step of the plan and part of the approach."""

import json
from types import SimpleNamespace

from django.utils.translation import gettext_lazy as _

from core.filters import Choice, IndexFilterSet
from core.i18n import active_locale, default_locale, terms_in_language
from core.page_cache import Fragment, model_tag, render_one
from core.page_cache.tags import LISTS

from .models import KoploperPage

TERM_MODELS = {"stap": "core.PlanStep", "onderdeel": "core.ApproachPart"}


def term_options(request, locale):
    """{"stap": {slug: term}, "onderdeel": ...}: the same for every visitor of a language.

    Kept between page-cache misses as data (``render_one`` of its JSON), dropped when a step
    or part changes (their model tags and ``LISTS``); a term is a namespace with the
    ``name`` and ``number`` the select shows.
    """

    def read():
        default = default_locale()  # from the process's memo, not a query
        return json.dumps(
            {
                name: [
                    [slug, {"name": term.name, "number": getattr(term, "number", None)}]
                    for slug, term in terms_in_language(label, locale, default).items()
                ]
                for name, label in TERM_MODELS.items()
            }
        )

    data = render_one(
        request,
        Fragment(
            "koplopers:term-options",
            parts=(locale.pk,),
            render=read,
            tags={LISTS, *(model_tag(label) for label in TERM_MODELS.values())},
        ),
    )
    return {
        name: {slug: SimpleNamespace(**term) for slug, term in pairs}
        for name, pairs in json.loads(data).items()
    }


class KoploperFilter(IndexFilterSet):
    provincie = Choice("municipality__province", label=_("Provincie"))
    stap = Choice("steps__slug", label=_("Stap van het stappenplan"), distinct=True)
    onderdeel = Choice("approach_parts__slug", label=_("Onderdeel van de aanpak"), distinct=True)

    def __init__(self, index, request):
        self.index = index
        # No filter asked for: ``evaluate`` reads the whole list (``all_koplopers``), and
        # the whole list has every province; no queryset to build or read.
        self.unfiltered = not any(request.GET.get(name, "").strip() for name in self.base_filters)
        koplopers = KoploperPage.objects.none() if self.unfiltered else index.koplopers(request)
        super().__init__(request, koplopers)

    def get_options(self):
        """The provinces are read here only when a filter is asked for: the whole list
        (no filter) has them all, so ``evaluate`` takes them from its rows, a query less."""
        options = term_options(self.request, active_locale(self.request))
        options["provincie"] = [] if self.unfiltered else self.provinces()
        return options

    def provinces(self):
        return sorted(set(self.queryset.values_list("municipality__province", flat=True)))

    def evaluate(self):
        """The chosen koplopers as rows (``KoploperIndexPage.koplopers``), and the filters'
        state."""
        selected = self.selected
        rows = self.index.all_koplopers(self.request) if self.unfiltered else list(self.qs)
        if self.unfiltered:
            self.options["provincie"] = sorted({row["province"] for row in rows})
        return {
            "koplopers": rows,
            "selected": selected,
            "options": self.options,
            "notes": self.notes,
            "query": self.query,
        }
