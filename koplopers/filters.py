"""The koplopers' filters: province, step of the plan and part of the approach."""

from django.utils.translation import gettext_lazy as _

from core.filters import Choice, IndexFilterSet
from core.i18n import active_locale, default_locale, terms_in_language


class KoploperFilter(IndexFilterSet):
    provincie = Choice("municipality__province", label=_("Provincie"))
    stap = Choice("steps__slug", label=_("Stap van het stappenplan"), distinct=True)
    onderdeel = Choice("approach_parts__slug", label=_("Onderdeel van de aanpak"), distinct=True)

    def __init__(self, index, request):
        super().__init__(request, index.koplopers(request))

    def get_options(self):
        locale = active_locale(self.request)
        default = default_locale()  # from the process's memo, not a query
        return {
            "provincie": sorted(
                set(self.queryset.values_list("municipality__province", flat=True))
            ),
            "stap": terms_in_language("core.PlanStep", locale, default),
            "onderdeel": terms_in_language("core.ApproachPart", locale, default),
        }

    def evaluate(self):
        selected = self.selected
        return {
            "koplopers": list(self.qs),
            "selected": selected,
            "options": self.options,
            "notes": self.notes,
            "query": self.query,
        }
