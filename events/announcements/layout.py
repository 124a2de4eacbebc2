"""How the announcement form is laid out: its fieldsets, and the summary of its errors."""

from django.utils.translation import gettext_lazy

from core.forms import ErrorSummaryMixin

# (key, legend, hint, field names). A field the form left out (no terms to choose from) is
# skipped; the consent and the honeypot are placed by the template itself.
FIELDSETS = (
    (
        "contact",
        gettext_lazy("Over u"),
        gettext_lazy(
            "Deze gegevens komen niet op de website. We gebruiken ze alleen om u over deze "
            "aanmelding te bereiken."
        ),
        ("submitter_name", "organisation_name", "email", "phone"),
    ),
    ("what", gettext_lazy("De activiteit"), "", ("title", "summary", "description")),
    ("when", gettext_lazy("Wanneer"), "", ("start_date", "start_time", "end_time", "all_day")),
    (
        "repeat",
        gettext_lazy("Komt het vaker terug?"),
        gettext_lazy(
            "Bijvoorbeeld een koffieochtend elke dinsdag. Dan hoeft u niet elke datum apart "
            "aan te melden."
        ),
        ("repeat", "repeat_monthly", "repeat_until", "repeat_count"),
    ),
    (
        "where",
        gettext_lazy("Waar"),
        gettext_lazy(
            "Kies een plek van de sociale kaart, of vul het adres in. Alleen online? "
            "Vul dan alleen de link in."
        ),
        (
            "place",
            "location_name",
            "street",
            "house_number",
            "postcode",
            "city",
            "municipality",
            "online_url",
        ),
    ),
    (
        "who",
        gettext_lazy("Voor wie, kosten en aanmelden"),
        "",
        (
            "target_groups",
            "is_free",
            "price",
            "registration",
            "registration_url",
            "registration_phone",
            "languages",
        ),
    ),
    (
        "first-time",
        gettext_lazy("Toegankelijkheid en de eerste keer"),
        gettext_lazy("Wie ergens voor het eerst komt, wil dit graag van tevoren weten."),
        (
            "accessibility",
            "can_come_alone",
            "welcome_at_door",
            "may_bring_someone",
            "how_to_get_there",
            "what_to_bring",
        ),
    ),
)

# The order of the fields, for the error summary: the fieldsets', then the consent.
FIELD_ORDER = [name for *_legend, names in FIELDSETS for name in names] + ["consent"]


class FieldsetsMixin(ErrorSummaryMixin):
    """``fieldsets()`` (and core's ``error_summary()``) for a form with a ``FIELDSETS`` attribute."""

    FIELDSETS = ()

    def fieldsets(self):
        return [
            {
                "key": key,
                "legend": legend,
                "hint": hint,
                "fields": [self[name] for name in names if name in self.fields],
            }
            for key, legend, hint, names in self.FIELDSETS
        ]
