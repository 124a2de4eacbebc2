"""Admin form of an event: dates, rule and location must make sense before residents see them."""

import datetime as dt

from django.utils.translation import gettext as _

from core.geocoding import fill_coordinates
from core.plain_language import PlainLanguagePageForm

from .choices import RESERVED_SLUGS, OccurrenceChange, Registration
from .recurrence import RecurrenceError, expand, local_naive, parse_rule


class EventPageForm(PlainLanguagePageForm):
    def clean(self):
        cleaned = super().clean()
        self.check_slug(cleaned)
        self.check_dates(cleaned)
        self.check_recurrence(cleaned)
        self.check_registration(cleaned)
        self.check_exceptions(cleaned)
        self.fill_location(cleaned)
        return cleaned

    def check_exceptions(self, cleaned):
        """Each changed date must be a date of the series, or nothing would change for visitors."""
        formset = self.formsets.get("occurrence_exceptions")
        if formset is None or not formset.is_valid():
            return
        starts_at, rule = cleaned.get("starts_at"), cleaned.get("recurrence", "")
        for form in formset.forms:
            data = getattr(form, "cleaned_data", None) or {}
            original = data.get("original_start")
            if data.get("DELETE") or original is None:
                continue
            if data.get("change") == OccurrenceChange.MOVED and not data.get("new_start"):
                form.add_error("new_start", _("Vul in naar wanneer deze keer verplaatst is."))
            if not rule:
                form.add_error(
                    "original_start",
                    _(
                        "Een afwijkende keer hoort bij een herhaling. Gaat een eenmalige activiteit "
                        "niet door? Zet dan de status op 'afgelast'."
                    ),
                )
                continue
            if starts_at is None:
                continue
            try:
                dates = expand(
                    starts_at,
                    cleaned.get("ends_at"),
                    rule,
                    window_start=original - dt.timedelta(minutes=1),
                    window_end=original + dt.timedelta(minutes=1),
                )
            except RecurrenceError:
                continue  # the rule's own error is shown at the rule
            if original not in {item.original_start for item in dates}:
                form.add_error(
                    "original_start",
                    _(
                        "Op deze datum en tijd valt geen keer van de herhaling. Neem de datum en "
                        "begintijd over zoals ze in de herhaling staan."
                    ),
                )
        if any(form.errors for form in formset.forms):
            self.add_error(None, _("Controleer de afwijkende keren: er klopt iets niet."))

    def check_slug(self, cleaned):
        if cleaned.get("slug") in RESERVED_SLUGS:
            self.add_error(
                "slug",
                _(
                    "Dit webadres gebruikt de agenda zelf. Kies een ander, bijvoorbeeld '%(slug)s-2'."
                )
                % {"slug": cleaned["slug"]},
            )

    def check_dates(self, cleaned):
        starts_at, ends_at = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts_at and ends_at and ends_at < starts_at:
            self.add_error("ends_at", _("Het einde ligt vóór het begin."))

    def check_recurrence(self, cleaned):
        rule_text, starts_at = cleaned.get("recurrence", ""), cleaned.get("starts_at")
        if not rule_text or not starts_at:
            return
        try:
            parse_rule(rule_text, local_naive(starts_at))
        except RecurrenceError as error:
            self.add_error("recurrence", str(error))

    def check_registration(self, cleaned):
        kind = cleaned.get("registration")
        if kind == Registration.LINK and not cleaned.get("registration_url"):
            self.add_error("registration_url", _("Vul de website in waar mensen zich aanmelden."))
        if kind == Registration.PHONE and not cleaned.get("registration_phone"):
            self.add_error("registration_phone", _("Vul het nummer in dat mensen kunnen bellen."))

    def fill_location(self, cleaned):
        """Take municipality and coordinates from the chosen place, or geocode the address."""
        place = cleaned.get("place")
        if place is not None:
            if not cleaned.get("municipality"):
                cleaned["municipality"] = place.municipality
            if not {"latitude", "longitude"} & set(self.changed_data):
                cleaned["latitude"], cleaned["longitude"] = place.latitude, place.longitude
            return
        fill_coordinates(cleaned, self.changed_data)

    def clean_recurrence(self):
        value = self.cleaned_data.get("recurrence", "").strip()
        if value.upper().startswith("RRULE:"):
            value = value[6:]
        return value.upper()
