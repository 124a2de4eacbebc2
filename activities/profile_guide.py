"""The three questions of Bijlage 1, answered in a GET form, give one of eight profiles.

What fits a profile is data, not a tag on every activity: Bijlage 1 ties profiles to
situations and ways of coping, so each profile names the kinds of activity and the parts of
the approach the handreiking links to it (``InterventionProfile.fitting_types`` and
``fitting_parts``, filled from ``reference_data/taxonomies.yaml`` with the place in the
handreiking). Activities tagged with the profile itself fit too. A profile with no fitting
kind of activity gets the honest answer: little on offer, talk to a welzijnswerker.
"""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from core.i18n import default_locale

QUESTIONS = [
    {
        "param": "duur",
        "field": "duration",
        "question": _("Hoe lang voelt de persoon zich al eenzaam of alleen?"),
        "answers": [
            (
                "kort",
                "situational",
                _(
                    "Nog niet zo lang: het begon na een gebeurtenis, zoals een verlies of een verhuizing."
                ),
            ),
            ("lang", "structural", _("Al jaren.")),
        ],
    },
    {
        "param": "contact",
        "field": "participation_oriented",
        "question": _("Wil de persoon graag (meer) contact met anderen?"),
        "answers": [
            ("ja", True, _("Ja, hij of zij wil graag meedoen en mensen ontmoeten.")),
            ("nee", False, _("Niet echt: hij of zij zoekt zelf geen aansluiting bij anderen.")),
        ],
    },
    {
        "param": "aanpak",
        "field": "coping",
        "question": _("Onderneemt de persoon zelf iets om de situatie te veranderen?"),
        "answers": [
            ("zelf", "active", _("Ja, hij of zij komt zelf in actie.")),
            ("afwachten", "passive", _("Nee, hij of zij wacht af of weet niet hoe.")),
        ],
    },
]


@dataclass(frozen=True)
class ProfileFit:
    """What fits one profile, by slug (the same in every language)."""

    slug: str
    type_slugs: frozenset
    part_slugs: frozenset

    @classmethod
    def of(cls, profiles):
        """The fit of one profile from its terms in one or more languages (a translation may
        lack the links its source has: they are read from all of them)."""
        profiles = list(profiles)
        return cls(
            slug=profiles[0].slug,
            type_slugs=frozenset(t.slug for p in profiles for t in p.fitting_types.all()),
            part_slugs=frozenset(a.slug for p in profiles for a in p.fitting_parts.all()),
        )

    @property
    def little_offer(self):
        """True when the handreiking ties no kind of activity to this profile."""
        return not self.type_slugs

    def activities(self, activities):
        """The activities of ``activities`` that fit, each with ``named_for_profile`` True when
        it is tagged with the profile itself. Subqueries, not joins: no duplicates."""
        model = activities.model
        tagged = model.profiles.through.objects.filter(interventionprofile__slug=self.slug)
        fits = Q(pk__in=tagged.values("activitypage_id"))
        if self.type_slugs:
            fits |= Q(activity_type__slug__in=self.type_slugs)
        if self.part_slugs:
            in_part = model.approach_parts.through.objects.filter(
                approachpart__slug__in=self.part_slugs
            )
            fits |= Q(pk__in=in_part.values("activitypage_id"))
        return activities.filter(fits).annotate(
            named_for_profile=Exists(tagged.filter(activitypage_id=OuterRef("pk")))
        )


class ProfileGuide:
    def __init__(self, page, request, activities, profiles):
        """`activities` and `profiles`: the querysets to choose from (the page passes them, so
        this module needs no import of the models that use it)."""
        self.page = page
        self.request = request
        self.activities = activities
        self.profiles = profiles

    def evaluate(self):
        submitted = any(question["param"] in self.request.GET for question in QUESTIONS)
        questions, errors, criteria, answers = [], {}, {}, {}
        for question in QUESTIONS:
            value = self.request.GET.get(question["param"], "").strip()[:20]
            choices = {slug: model_value for slug, model_value, _label in question["answers"]}
            if value in choices:
                criteria[question["field"]] = choices[value]
                answers[question["param"]] = value
            elif submitted:
                errors[question["param"]] = _("Kies een van de twee antwoorden.")
            questions.append(
                {
                    **question,
                    "value": value if value in choices else "",
                    "error": errors.get(question["param"]),
                }
            )

        result = {"questions": questions, "submitted": submitted, "errors": errors}
        if submitted and not errors:
            result["answers"] = answers
            result["profile"], result["fit"], result["activities"] = self.find(criteria)
        return result

    def find(self, criteria):
        # The activities of this guide's own library (not another site's), in its language.
        locale = self.page.locale
        default = default_locale()
        candidates = list(
            self.profiles.filter(locale__in={locale.pk, default.pk}, **criteria).prefetch_related(
                "fitting_types", "fitting_parts"
            )
        )
        if not candidates:
            return None, None, []
        profile = next((p for p in candidates if p.locale_id == locale.pk), candidates[0])
        fit = ProfileFit.of(candidates)
        activities = (
            fit.activities(self.activities.descendant_of(self.page.get_parent()).live().public())
            .select_related("activity_type", "evidence_level")
            .order_by("-named_for_profile", Lower("title"))
        )
        return profile, fit, list(activities)
