"""The three questions of Bijlage 1, answered in a GET form, give one of eight profiles."""

from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

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
        questions, errors, criteria = [], {}, {}
        for question in QUESTIONS:
            value = self.request.GET.get(question["param"], "").strip()[:20]
            choices = {slug: model_value for slug, model_value, _label in question["answers"]}
            if value in choices:
                criteria[question["field"]] = choices[value]
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
            result["profile"], result["activities"] = self.find(criteria)
        return result

    def find(self, criteria):
        # The activities of this guide's own library (not another site's), in its language.
        locale = self.page.locale
        default = Locale.get_default()
        candidates = list(self.profiles.filter(locale__in={locale.pk, default.pk}, **criteria))
        if not candidates:
            return None, []
        profile = next((p for p in candidates if p.locale_id == locale.pk), candidates[0])
        activities = (
            self.activities.descendant_of(self.page.get_parent())
            .live()
            .public()
            .filter(profiles__slug=profile.slug)
            .select_related("activity_type", "evidence_level")
            .order_by(Lower("title"))
            .distinct()
        )
        return profile, list(activities)
